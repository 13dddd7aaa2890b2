import { z } from 'zod';
import { CardholderId, IsoDateTime, IssuerCardRefId, VirtualCardId } from '../api/ids';
import { Cardholder, Token, TokenEvent, pageOf } from '../api/model';
import { SearchResult } from '../api/endpoints';
import { TokenChangedEvent } from '../api/stream-events';

/**
 * The agent's lookups. Data comes from the backend through core; the renderer only ever
 * holds what these schemas allow, which carries last digits only.
 */

/** Lets the renderer cancel a call it no longer needs (a search superseded by typing). */
const RequestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

const Cursor = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/);

export const SearchInput = z.strictObject({
  /** What the agent typed. A full card number is refused by the renderer and again by core. */
  q: z.string().min(1).max(100),
  cursor: Cursor.optional(),
  requestId: RequestId,
});

export const CancelInput = z.strictObject({ requestId: RequestId });

export const CardholderInput = z.strictObject({ cardholderId: CardholderId });
export const CardTokensInput = z.strictObject({ issuerCardRefId: IssuerCardRefId });
export const TokenInput = z.strictObject({ virtualCardId: VirtualCardId });
export const TokenEventsInput = z.strictObject({
  virtualCardId: VirtualCardId,
  cursor: Cursor.optional(),
  limit: z.number().int().min(1).max(200).optional(),
});

export { Cardholder, SearchResult, Token };
export const CardTokens = z.object({ items: z.array(Token) });
export const TokenEventsPage = pageOf(TokenEvent);

/** The live connection to the backend's event stream, for the status bar. */
export const LiveStatus = z.strictObject({
  state: z.enum(['idle', 'connecting', 'connected', 'reconnecting']),
  since: IsoDateTime,
  /** Reconnection attempts since the connection was lost. */
  attempt: z.number().int().nonnegative(),
  /** When the next attempt is due, while reconnecting. */
  retryAt: IsoDateTime.nullable(),
});
export type LiveStatus = z.infer<typeof LiveStatus>;

/**
 * A token changed at the backend, with the typed event that changed it: main's outbox confirms an
 * action from it; the renderer re-fetches what it shows of the token.
 */
export const TokenChanged = TokenChangedEvent.omit({ type: true });
export type TokenChanged = z.infer<typeof TokenChanged>;

/** The stream could not resume where it stopped: re-fetch everything on screen. */
export const LiveReset = z.strictObject({ reason: z.enum(['HISTORY_GAP', 'UNKNOWN_POSITION', 'RECONNECTED']) });
