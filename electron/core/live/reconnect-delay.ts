export interface ReconnectPolicy {
  /** The ceiling of the first wait; each further attempt doubles it. */
  readonly baseDelayMs: number;
  /** No wait is longer than this, however long the backend stays away. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RECONNECT_POLICY: ReconnectPolicy = { baseDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * The wait before reconnection attempt `attempt` (from 1): exponential up to the cap, with "equal
 * jitter" (half fixed, half random). Jitter keeps a room full of consoles from reconnecting in
 * lockstep after a backend restart; the fixed half keeps a console from hammering a backend that
 * refuses at once (full jitter can draw a wait of zero, again and again).
 */
export const reconnectDelay = (attempt: number, policy: ReconnectPolicy, random: () => number = Math.random): number => {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  const half = ceiling / 2;
  return Math.round(half + random() * half);
};
