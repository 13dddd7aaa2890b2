import { z } from 'zod';
import { CardholderId } from '../api/ids';
import { TelephonyCallId } from '../api/phone-calls';

/**
 * The screen pop: a `token-desk://call?…` link the phone system opens when a call reaches the
 * agent. It starts a phone call and pre-fills the search; it never performs a token action. Core
 * parses it strictly (electron/core/screen-pop/): a link that is not exactly this shape is refused
 * whole, with one of the reasons below logged, never its content.
 *
 *   token-desk://call?ani=%2B819012345678&customerId=C0000001&callId=PBX-2026-000123
 */
export const SCREEN_POP_SCHEME = 'token-desk';
/** The one target: `token-desk://call` (with or without a trailing slash). */
export const SCREEN_POP_TARGET = 'call';
/** Longer than any link the three parameters make; a longer one is not from a phone system. */
export const SCREEN_POP_MAX_LENGTH = 512;

/**
 * What a link may carry, each at most once:
 * - `ani`: the caller's number (digits, an optional leading +); empty when the caller withheld it;
 * - `customerId`: the cardholder the phone system identified (IVR), searched for at once;
 * - `callId`: the phone system's own id of the call, kept with the phone call's record.
 */
export const ScreenPopParams = z.strictObject({
  ani: z
    .string()
    .regex(/^(\+?[0-9]{1,15})?$/, 'digits with an optional leading +, at most 15')
    .optional(),
  customerId: CardholderId.optional(),
  callId: TelephonyCallId.optional(),
});
export type ScreenPopParams = z.infer<typeof ScreenPopParams>;

export const SCREEN_POP_PARAMETERS = Object.keys(ScreenPopParams.shape) as (keyof ScreenPopParams)[];

/** Why a link was refused; logged with the parameter's name where one is at fault, never a value. */
export const ScreenPopRefusal = z.enum([
  /** Not a URL at all. */
  'NOT_A_LINK',
  'TOO_LONG',
  /** Another scheme than token-desk:. */
  'WRONG_SCHEME',
  /** Another target than //call, a path after it, a user, a password or a port. */
  'WRONG_TARGET',
  /** A #fragment: nothing of ours uses one. */
  'FRAGMENT',
  'UNKNOWN_PARAMETER',
  'REPEATED_PARAMETER',
  /** A known parameter whose value is not of its form, or not decodable. */
  'BAD_VALUE',
  /** Anything in the link reads as a card number: refused before any other check looks at it. */
  'CARD_NUMBER',
]);
export type ScreenPopRefusal = z.infer<typeof ScreenPopRefusal>;
