import { z } from 'zod';
import { looksLikeCardNumber } from './card-number-runs';

/**
 * What an agent typed into the one search field, worked out so the console can say what it is
 * searching by ("トークンIDで検索") and the backend can search the right index.
 */
export const SearchQueryKind = z.enum([
  'NAME',
  'NAME_AND_LAST_FOUR',
  'CUSTOMER_ID',
  'ISSUER_CARD_REF_ID',
  'VIRTUAL_CARD_ID',
  'TOKEN_LAST_FOUR',
]);
export type SearchQueryKind = z.infer<typeof SearchQueryKind>;

export type ClassifiedQuery =
  | { kind: 'NAME'; name: string }
  | { kind: 'NAME_AND_LAST_FOUR'; name: string; lastFour: string }
  | { kind: 'CUSTOMER_ID'; value: string }
  | { kind: 'ISSUER_CARD_REF_ID'; value: string }
  | { kind: 'VIRTUAL_CARD_ID'; value: string }
  | { kind: 'TOKEN_LAST_FOUR'; value: string }
  /** A run of digits like a card number, anywhere in the text: refused and never sent anywhere. */
  | { kind: 'FULL_CARD_NUMBER' }
  | { kind: 'UNRECOGNISED' }
  | { kind: 'EMPTY' };

const KATAKANA = /[\u30A1-\u30F6]/g;

/**
 * Folds the forms a Japanese name can be typed in: full- and half-width (NFKC), katakana and
 * hiragana, case, and the spaces or middle dots people put between family and given names.
 */
export const normaliseName = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(KATAKANA, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
    .replace(/[\s・·.,]/g, '');

/**
 * The one card-number detector, on the text as typed and as it is searched: NFKC makes digits of
 * what is not one to the detector (circled ①, superscript ¹), and the backend searches that form.
 */
const holdsCardNumber = (raw: string, normalised: string): boolean => looksLikeCardNumber(raw) || looksLikeCardNumber(normalised);

export const classifyQuery = (raw: string): ClassifiedQuery => {
  const text = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (text === '') return { kind: 'EMPTY' };
  if (holdsCardNumber(raw, text)) return { kind: 'FULL_CARD_NUMBER' };
  if (/^c\d{7}$/i.test(text)) return { kind: 'CUSTOMER_ID', value: text.toUpperCase() };
  if (/^cr[a-z0-9]{6,46}$/i.test(text)) return { kind: 'ISSUER_CARD_REF_ID', value: text.toUpperCase() };
  if (/^\d{4}$/.test(text)) return { kind: 'TOKEN_LAST_FOUR', value: text };
  if (/^[A-Za-z0-9_-]{8,64}$/.test(text) && /\d/.test(text) && /[A-Za-z]/.test(text)) {
    return { kind: 'VIRTUAL_CARD_ID', value: text };
  }
  const withLastFour = /^(\D+?)\s*(\d{4})$/.exec(text);
  if (withLastFour?.[1] && withLastFour[2] && normaliseName(withLastFour[1]) !== '') {
    return { kind: 'NAME_AND_LAST_FOUR', name: normaliseName(withLastFour[1]), lastFour: withLastFour[2] };
  }
  if (!/\d/.test(text) && normaliseName(text) !== '') return { kind: 'NAME', name: normaliseName(text) };
  return { kind: 'UNRECOGNISED' };
};
