/**
 * Runs one step at a time per key (an action), now or at a set time. A step asked for while one
 * runs is run once more after it, so a wake-up that arrives mid-step (a live change, a sign-in) is
 * never lost; an earlier wake-up replaces a later one.
 */
export interface KeyedSteps {
  /** Runs the key's step after `delayMs` (0: as soon as possible). */
  wake(key: string, delayMs?: number): void;
  /** Runs the key's step now, or once more after the one under way. */
  run(key: string): void;
  isRunning(key: string): boolean;
  /** Resolves when no step runs and none is due within `withinMs`. */
  idle(withinMs: number, busy?: () => boolean): Promise<void>;
  /**
   * Stops every timer and waits for the steps under way, at most `graceMs`: a send still waiting
   * for its answer is not worth holding the quit for, since the outbox resumes it on the next start.
   */
  close(graceMs?: number): Promise<void>;
}

export const createKeyedSteps = (options: {
  readonly step: (key: string) => Promise<void>;
  /** A step that threw: told, and the key is woken after `retryMs`. */
  readonly onError: (key: string, error: unknown) => void;
  readonly retryMs: number;
  readonly now: () => number;
}): KeyedSteps => {
  const timers = new Map<string, { readonly at: number; readonly timer: NodeJS.Timeout }>();
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  let closed = false;

  const wake = (key: string, delayMs = 0): void => {
    if (closed) return;
    const wait = Math.max(0, delayMs);
    const at = options.now() + wait;
    const existing = timers.get(key);
    if (existing && existing.at <= at) return;
    if (existing) clearTimeout(existing.timer);
    const timer = setTimeout(() => {
      timers.delete(key);
      run(key);
    }, wait);
    timers.set(key, { at, timer });
  };

  const run = (key: string): void => {
    if (closed) return;
    if (running.has(key)) {
      again.add(key);
      return;
    }
    const work = options
      .step(key)
      .catch((error: unknown) => {
        options.onError(key, error);
        wake(key, options.retryMs);
      })
      .finally(() => {
        running.delete(key);
        if (again.delete(key)) run(key);
      });
    running.set(key, work);
  };

  return {
    wake,
    run,
    isRunning: (key) => running.has(key),
    async idle(withinMs, busy = () => false) {
      for (;;) {
        await Promise.all([...running.values()]);
        const soon = [...timers.values()].some((timer) => timer.at - options.now() <= withinMs);
        if (running.size === 0 && !soon && !busy()) return;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async close(graceMs = Number.POSITIVE_INFINITY) {
      closed = true;
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
      const settled = Promise.allSettled([...running.values()]);
      if (!Number.isFinite(graceMs)) {
        await settled;
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([settled, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    },
  };
};
