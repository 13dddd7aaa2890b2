/**
 * How patient the outbox is. Production values below; tests shorten them so they watch retries,
 * polls and give-ups happen instead of waiting for them.
 */
export interface ActionTuning {
  /** How long an unreachable backend is retried before the outbox reconciles and gives up (10 min). */
  readonly retryForMs: number;
  /** Backoff between sends (full jitter, doubling up to the ceiling). */
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  /** The slow poll of an accepted action's history while the live stream is down, so a dead stream strands nothing. */
  readonly confirmPollMs: number;
  /** After this long without a confirmation, the poll slows down further. */
  readonly confirmLateAfterMs: number;
  readonly confirmPollLateMs: number;
  /** After the TSP confirmed, how long a missing notification record is still looked for. */
  readonly notificationWaitMs: number;
  /** Backoff for sending audit records, which are retried until the backend stores them. */
  readonly auditRetryBaseDelayMs: number;
  readonly auditRetryMaxDelayMs: number;
  /** Ended, stored actions kept for the "recent" list: at most this many, and none older than keepEndedMs. */
  readonly keepEnded: number;
  readonly keepEndedMs: number;
}

export const DEFAULT_ACTION_TUNING: ActionTuning = {
  retryForMs: 10 * 60_000,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 30_000,
  confirmPollMs: 10_000,
  confirmLateAfterMs: 5 * 60_000,
  confirmPollLateMs: 60_000,
  notificationWaitMs: 60_000,
  auditRetryBaseDelayMs: 1_000,
  auditRetryMaxDelayMs: 60_000,
  keepEnded: 300,
  keepEndedMs: 7 * 24 * 60 * 60_000,
};
