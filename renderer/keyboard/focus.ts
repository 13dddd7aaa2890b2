/**
 * Where the keyboard goes next, as the agent's work moves on. DOM look-ups by the attributes the
 * views already carry (`data-token-id` on each token row), so no component has to hand refs around.
 */

const TOKEN_ROW = '[data-testid="token-row"]';

/** The token row the keyboard is on, if it is on one (or on a control inside one). */
export const focusedTokenId = (): string | null => {
  const active = document.activeElement;
  if (!(active instanceof Element)) return null;
  return active.closest<HTMLElement>(`${TOKEN_ROW}[data-token-id]`)?.dataset.tokenId ?? null;
};

/** Focuses a token's row; false when the row is not on screen (filtered out, another cardholder). */
export const focusTokenRow = (virtualCardId: string): boolean => {
  const row = document.querySelector<HTMLElement>(`${TOKEN_ROW}[data-token-id="${CSS.escape(virtualCardId)}"]`);
  if (row === null) return false;
  row.focus();
  return document.activeElement === row;
};

/**
 * Back to the token list: the row of `preferred` when it is shown, otherwise the first table's row
 * that holds the Tab stop, otherwise the cardholder's name. False when there is no cardholder.
 */
export const focusTokenList = (preferred: string | null = null): boolean => {
  if (preferred !== null && focusTokenRow(preferred)) return true;
  const row = document.querySelector<HTMLElement>(`${TOKEN_ROW}[tabindex="0"]`);
  const target = row ?? document.getElementById('cardholder-heading');
  if (target === null) return false;
  target.focus();
  return true;
};

/** The search field, with what it holds selected, so the next id typed replaces it. */
export const focusSearch = (field: HTMLInputElement | null = document.querySelector<HTMLInputElement>('#search-input')): void => {
  if (field === null) return;
  field.focus();
  field.select();
};

/** A modal is open: the page behind it is inert, and its own keys (Escape, Tab) are the dialog's. */
export const modalOpen = (): boolean => document.querySelector('dialog[open]') !== null;
