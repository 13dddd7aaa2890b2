export type ShortcutKeyEvent = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'isComposing'>;

/**
 * Ctrl+K, or Cmd+K on a Mac: move to cardholder search. `code` covers layouts and IME states in
 * which `key` is not "k"; keystrokes that belong to an IME composition are left alone.
 */
export const isSearchShortcut = (event: ShortcutKeyEvent): boolean =>
  !event.isComposing &&
  (event.ctrlKey || event.metaKey) &&
  !event.altKey &&
  !event.shiftKey &&
  (event.key.toLowerCase() === 'k' || event.code === 'KeyK');

/** How to write the shortcut for this platform, e.g. from `navigator.platform`. */
export const searchShortcutLabel = (platform: string): string => (/mac|iphone|ipad/i.test(platform) ? '⌘K' : 'Ctrl+K');
