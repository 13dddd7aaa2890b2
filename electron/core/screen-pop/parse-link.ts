import { looksLikeCardNumber } from '../../../shared/domain/card-number-runs';
import {
  SCREEN_POP_MAX_LENGTH,
  SCREEN_POP_PARAMETERS,
  SCREEN_POP_SCHEME,
  SCREEN_POP_TARGET,
  ScreenPopParams,
  type ScreenPopRefusal,
} from '../../../shared/contract/screen-pop-link';
import type { PhoneCallPrefill, Telephony } from '../../../shared/contract/phone-calls';
import { maskCallerNumber } from './mask-caller-number';

/** What a valid link asks for: a phone call with the phone system's facts, and what to look up. */
export interface ScreenPop {
  readonly telephony: Telephony | null;
  readonly prefill: PhoneCallPrefill;
}

export type ParsedScreenPop =
  | { readonly ok: true; readonly pop: ScreenPop }
  /** `parameter`: the name at fault, when it is one of ours or at least reads as a name; never a value. */
  | { readonly ok: false; readonly reason: ScreenPopRefusal; readonly parameter?: string };

const refused = (reason: ScreenPopRefusal, parameter?: string): ParsedScreenPop => (parameter === undefined ? { ok: false, reason } : { ok: false, reason, parameter });

/** A parameter's name as the log may show it: a short plain name, or a stand-in. */
const nameForLog = (name: string): string => (/^[A-Za-z][A-Za-z0-9_]{0,30}$/.test(name) ? name : '(unreadable)');

const decode = (text: string): string | null => {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
};

const isKnown = (name: string): name is keyof ScreenPopParams => (SCREEN_POP_PARAMETERS as readonly string[]).includes(name);

/**
 * Reads a screen-pop link strictly: `token-desk://call` with at most `ani`, `customerId` and
 * `callId`, each once, each of its form. Anything else refuses the whole link, with the reason.
 *
 * The query is split by hand rather than with URLSearchParams, which reads `+` as a space: phone
 * systems put `ani=+8190…` in links unencoded, and the + is the number's.
 *
 * A card number anywhere in the link (a value, a name, the path) refuses it before any other check,
 * so nothing of it is looked at further or logged; the detector is the one every free text meets.
 */
export const parseScreenPopLink = (raw: string): ParsedScreenPop => {
  if (raw.length > SCREEN_POP_MAX_LENGTH) return refused('TOO_LONG');
  if (looksLikeCardNumber(raw) || looksLikeCardNumber(decode(raw) ?? '')) return refused('CARD_NUMBER');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refused('NOT_A_LINK');
  }
  if (url.protocol !== `${SCREEN_POP_SCHEME}:`) return refused('WRONG_SCHEME');
  if (url.username !== '' || url.password !== '' || url.port !== '') return refused('WRONG_TARGET');
  if (url.hostname.toLowerCase() !== SCREEN_POP_TARGET || (url.pathname !== '' && url.pathname !== '/')) return refused('WRONG_TARGET');
  if (url.hash !== '' || raw.includes('#')) return refused('FRAGMENT');

  const values: Partial<Record<keyof ScreenPopParams, string>> = {};
  const query = url.search.startsWith('?') ? url.search.slice(1) : url.search;
  for (const part of query === '' ? [] : query.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const rawName = equals < 0 ? part : part.slice(0, equals);
    const name = decode(rawName);
    if (name === null || !isKnown(name)) return refused('UNKNOWN_PARAMETER', name === null ? '(unreadable)' : nameForLog(name));
    if (values[name] !== undefined) return refused('REPEATED_PARAMETER', name);
    const value = decode(equals < 0 ? '' : part.slice(equals + 1));
    if (value === null) return refused('BAD_VALUE', name);
    values[name] = value;
  }
  const parsed = ScreenPopParams.safeParse(values);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const field = issue?.path[0];
    return refused('BAD_VALUE', typeof field === 'string' && isKnown(field) ? field : undefined);
  }
  const { ani, customerId, callId } = parsed.data;
  const callerNumber = ani === undefined || ani === '' ? null : maskCallerNumber(ani);
  const telephony = callerNumber === null && callId === undefined ? null : { callId: callId ?? null, callerNumber };
  return { ok: true, pop: { telephony, prefill: { customerId: customerId ?? null } } };
};
