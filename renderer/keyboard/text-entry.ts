/** Input types that take no typed text: keys pressed on them are commands, not content. */
const NOT_TEXT = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

/**
 * Whether keys pressed on `target` are the agent's typing (a text field, a text area, a list box
 * that jumps to what is typed, editable text): there a shortcut would eat a letter of a name.
 */
export const isTextEntry = (target: EventTarget | null): boolean => {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TEXT.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement || target.isContentEditable;
};
