import { randomInt } from 'node:crypto';

/**
 * Ids for events recorded while the sandbox runs (the seed numbers its own). Letters only: no run
 * of digits that could look like a card number, and unique enough across restarts of a `--data`
 * file without a counter to persist.
 */
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const letters = (count: number): string => Array.from({ length: count }, () => LETTERS[randomInt(LETTERS.length)]).join('');

/** `EVLIVE` + 14 letters, within TokenEvent's `^EV[0-9A-Z]{8,30}$`. */
export const newEventId = (): string => `EVLIVE${letters(14)}`;

/** A correlation id for a life-cycle change nobody sent one for, shaped like the seed's `lcm-…`. */
export const newLifecycleCorrelationId = (): string => `lcm-${letters(6).toLowerCase()}-${letters(6).toLowerCase()}`;

/** `OP` + 16 letters: one agent operation, from acceptance to the TSP's confirmation. */
export const newOperationId = (): string => `OP${letters(16)}`;

/** `NT` + 16 letters: one notification sent to a cardholder. */
export const newNotificationId = (): string => `NT${letters(16)}`;
