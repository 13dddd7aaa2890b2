import { describe, expect, it } from 'vitest';
import { isSearchShortcut, searchShortcutLabel, type ShortcutKeyEvent } from '../../../renderer/keyboard/search-shortcut';

const key = (overrides: Partial<ShortcutKeyEvent>): ShortcutKeyEvent => ({
  key: 'k',
  code: 'KeyK',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  isComposing: false,
  ...overrides,
});

describe('isSearchShortcut', () => {
  it('accepts Ctrl+K and Cmd+K, whatever the key reports on this layout', () => {
    expect(isSearchShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isSearchShortcut(key({ metaKey: true, key: 'K' }))).toBe(true);
    expect(isSearchShortcut(key({ ctrlKey: true, key: 'л' }))).toBe(true);
  });

  it('ignores plain K, other modifiers and IME composition', () => {
    expect(isSearchShortcut(key({}))).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true, altKey: true }))).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true, isComposing: true }))).toBe(false);
    expect(isSearchShortcut(key({ ctrlKey: true, key: 'j', code: 'KeyJ' }))).toBe(false);
  });
});

describe('searchShortcutLabel', () => {
  it('writes the shortcut as the platform does', () => {
    expect(searchShortcutLabel('MacIntel')).toBe('⌘K');
    expect(searchShortcutLabel('Win32')).toBe('Ctrl+K');
    expect(searchShortcutLabel('Linux x86_64')).toBe('Ctrl+K');
  });
});
