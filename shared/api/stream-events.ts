import { z } from 'zod';
import { CardholderId, IsoDateTime, IssuerCardRefId, VirtualCardId } from './ids';
import { ChangeSource, TokenState } from './token-terms';
import { TokenEvent } from './token-event';
import { ApprovalRequest, ApprovalState } from './approvals';
import { AuditRecord } from './audit';

/**
 * The server-sent events of `GET /api/v1/events/stream`. Each event's SSE `event:` field is its
 * `type` and its `data:` is one of these objects as JSON. A change says what changed (token, card,
 * cardholder, the state before and after) and carries the TokenEvent it appended to the token's
 * history, whole and typed, so a consumer can act on it (an action's confirmation) without reading
 * the history. An event never changes once recorded, so it cannot disagree with a later read; the
 * token itself is re-fetched, so the stream never becomes a second source of token data.
 *
 * The SSE `id:` is the stream position, `{epoch}-{sequence}`: the sequence grows by one per change;
 * the epoch is new on every start of the backend, so an id from before a restart is recognised as
 * unknown (the client gets `reset`) instead of being mistaken for a position in the new run.
 */

/** Comments (`: heartbeat`) at least this often, so a dead connection shows within two periods. */
export const STREAM_HEARTBEAT_MS = 15_000;

/** How many changes the backend keeps for `Last-Event-ID` replay. */
export const STREAM_REPLAY_CAPACITY = 10_000;

export const StreamEventId = z.string().regex(/^[a-z]{8}-\d{1,9}$/, '{epoch}-{sequence}');
export type StreamEventId = z.infer<typeof StreamEventId>;

const Sequence = z.number().int().nonnegative().max(999_999_999);

/** A token changed: its state, or only its history (a notification sent, say). */
export const TokenChangedEvent = z.object({
  type: z.literal('token.changed'),
  /** The change's place in the stream; the numeric part of the SSE id. */
  sequence: Sequence.min(1),
  virtualCardId: VirtualCardId,
  issuerCardRefId: IssuerCardRefId,
  cardholderId: CardholderId,
  /** The token's state after the change, and before it: equal when only the history grew. */
  state: TokenState,
  previousState: TokenState,
  suspendedBy: z.array(ChangeSource).max(3),
  /** The TokenEvent appended to the token's history by this change: who changed it, when, and why. */
  event: TokenEvent,
});
export type TokenChangedEvent = z.infer<typeof TokenChangedEvent>;

/**
 * A four-eyes approval request changed (made, decided, expired, run): the request as it is now,
 * whole. The requester sees their own requests, supervisors and administrators all of them, so
 * each learns of a decision at once.
 */
export const ApprovalChangedEvent = z.object({
  type: z.literal('approval.changed'),
  sequence: Sequence.min(1),
  request: ApprovalRequest,
  /** The state before this change; null for a new request. */
  previousState: ApprovalState.nullable(),
});
export type ApprovalChangedEvent = z.infer<typeof ApprovalChangedEvent>;

/**
 * A record was appended to the backend's audit trail: the record as `GET /api/v1/audit-records`
 * serves it (the cardholder's name masked to initials, the token and card by their last four, never
 * a card number), sent only to supervisors and administrators, who read the trail, so the floor
 * follows the trail as it grows instead of re-reading it. An agent never receives it.
 */
export const AuditAppendedEvent = z.object({
  type: z.literal('audit.appended'),
  sequence: Sequence.min(1),
  record: AuditRecord,
});
export type AuditAppendedEvent = z.infer<typeof AuditAppendedEvent>;

/** What the backend's change feed numbers and replays: a token's change, an approval's, or an audit record. */
export const FeedEvent = z.discriminatedUnion('type', [TokenChangedEvent, ApprovalChangedEvent, AuditAppendedEvent]);
export type FeedEvent = z.infer<typeof FeedEvent>;

/** First on every connection, after any replay: the stream is live from `sequence` on. */
const StreamReadyEvent = z.object({
  type: z.literal('ready'),
  /** The position the stream is live from (0 before any change). */
  sequence: Sequence,
  /** How many missed changes were replayed before this event. */
  replayed: z.number().int().nonnegative(),
  heartbeatMs: z.number().int().positive(),
  occurredAt: IsoDateTime,
});
export type StreamReadyEvent = z.infer<typeof StreamReadyEvent>;

/**
 * The `Last-Event-ID` cannot be replayed from: older than what the backend keeps
 * (`HISTORY_GAP`), or not one of this run's ids (`UNKNOWN_POSITION`, e.g. after a restart). The
 * client must re-fetch everything it shows; the stream goes on from `sequence`.
 */
const StreamResetEvent = z.object({
  type: z.literal('reset'),
  sequence: Sequence,
  reason: z.enum(['HISTORY_GAP', 'UNKNOWN_POSITION']),
  occurredAt: IsoDateTime,
});
export type StreamResetEvent = z.infer<typeof StreamResetEvent>;

export const StreamEvent = z.discriminatedUnion('type', [TokenChangedEvent, ApprovalChangedEvent, AuditAppendedEvent, StreamReadyEvent, StreamResetEvent]);
export type StreamEvent = z.infer<typeof StreamEvent>;
