import { en } from './en';
import { ja } from './ja';
import type { MessageKey, Messages } from './messages';

export type { MessageKey, Messages } from './messages';
export { en, ja };

/** The i18next namespace all UI text lives in. */
export const DEFAULT_NAMESPACE = 'translation';

/** Catalogues per language, in the shape i18next takes as `resources`. */
export const resources = {
  ja: { translation: ja },
  en: { translation: en },
} as const satisfies Record<string, { translation: Messages }>;

const lookup = (catalogue: Messages, key: string): unknown => {
  let node: unknown = catalogue;
  for (const segment of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
};

/** True when `key` names a message, so a key that arrives as data (a messageKey) can be trusted. */
export const isMessageKey = (key: string): key is MessageKey =>
  typeof lookup(ja, key) === 'string';
