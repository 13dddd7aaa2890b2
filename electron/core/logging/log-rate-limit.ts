import type { Logger } from './logger';

/** A token bucket: up to `burst` reports at once, refilled at `perSecond`. */
export interface RateLimit {
  readonly burst: number;
  readonly perSecond: number;
}

export interface LogRateLimits {
  /** For each window (or browser session on the test bridge). */
  readonly perCaller: RateLimit;
  /** For all of them together, so many windows cannot flood the log either. */
  readonly overall: RateLimit;
  /** A burst has ended when nothing was dropped for this long; then its one summary line is written. */
  readonly quietMs: number;
}

/** What is limited, named in the one line that summarises a burst of dropped lines. */
export interface LogSubject {
  readonly source: 'renderer' | 'ipc';
  readonly droppedMessage: string;
}

/**
 * A renderer stuck in a loop can send thousands of lines a second (error reports, malformed calls);
 * written out, they would rotate every earlier line out of the log, the very lines that explain the
 * loop. One window may not drain the shared bucket: its own is smaller, so the other windows still
 * get through.
 */
const DEFAULT_LOG_RATE_LIMITS: LogRateLimits = {
  perCaller: { burst: 20, perSecond: 1 },
  overall: { burst: 50, perSecond: 5 },
  quietMs: 5_000,
};

/** Callers are few (windows); a bridge client inventing session ids could make many, so the map is pruned. */
const MAX_TRACKED_CALLERS = 256;

interface Bucket {
  tokens: number;
  at: number;
}

export interface LogRateLimit {
  /** True when this caller's line may be written now; false when it is dropped and counted. */
  admit(caller: string): boolean;
}

export const logRateLimit = (
  logger: Logger,
  subject: LogSubject,
  limits: LogRateLimits = DEFAULT_LOG_RATE_LIMITS,
  now: () => number = Date.now,
): LogRateLimit => {
  const callers = new Map<string, Bucket>();
  const overall: Bucket = { tokens: limits.overall.burst, at: now() };
  let burst: { dropped: number; callers: Set<string>; first: number; last: number } | null = null;

  const refill = (bucket: Bucket, limit: RateLimit, time: number): void => {
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((time - bucket.at) / 1000) * limit.perSecond);
    bucket.at = time;
  };

  const bucketOf = (caller: string, time: number): Bucket => {
    const known = callers.get(caller);
    if (known !== undefined) return known;
    if (callers.size >= MAX_TRACKED_CALLERS) {
      // A full bucket is the same as no bucket: forgetting it changes nothing.
      for (const [id, bucket] of callers) {
        refill(bucket, limits.perCaller, time);
        if (bucket.tokens >= limits.perCaller.burst) callers.delete(id);
      }
    }
    const fresh = { tokens: limits.perCaller.burst, at: time };
    // Still full of busy callers: the overall bucket alone limits the newcomer, unremembered.
    if (callers.size < MAX_TRACKED_CALLERS) callers.set(caller, fresh);
    return fresh;
  };

  const summarise = (): void => {
    if (burst === null) return;
    const quietFor = now() - burst.last;
    if (quietFor < limits.quietMs) {
      schedule(limits.quietMs - quietFor);
      return;
    }
    logger.warn(
      {
        source: subject.source,
        dropped: burst.dropped,
        callers: burst.callers.size,
        from: new Date(burst.first).toISOString(),
        to: new Date(burst.last).toISOString(),
      },
      subject.droppedMessage,
    );
    burst = null;
  };

  // One timer per burst, not per dropped report; it must not keep the process alive at quit.
  const schedule = (ms: number): void => {
    setTimeout(summarise, ms).unref();
  };

  const drop = (caller: string, time: number): void => {
    if (burst === null) {
      burst = { dropped: 0, callers: new Set(), first: time, last: time };
      schedule(limits.quietMs);
    }
    burst.dropped += 1;
    burst.last = time;
    if (burst.callers.size < MAX_TRACKED_CALLERS) burst.callers.add(caller);
  };

  return {
    admit(caller) {
      const time = now();
      const own = bucketOf(caller, time);
      refill(own, limits.perCaller, time);
      refill(overall, limits.overall, time);
      if (own.tokens < 1 || overall.tokens < 1) {
        drop(caller, time);
        return false;
      }
      own.tokens -= 1;
      overall.tokens -= 1;
      return true;
    },
  };
};
