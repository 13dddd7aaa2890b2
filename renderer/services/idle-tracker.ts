/** The input that counts as the agent being at the console. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * pointermove fires on every pixel; recording activity at most this often is precise enough for a
 * lock measured in minutes, and keeps the handler off the hot path.
 */
const ACTIVITY_THROTTLE_MS = 1000;

export interface IdleTrackerOptions {
  readonly target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  /** How long without input before `onIdle`. */
  readonly idleMs: number;
  /**
   * Called when the time runs out. Tracking goes on (a new period starts), so a lock that could not
   * happen this time is tried again; the caller stops the tracker once the console is locked.
   */
  readonly onIdle: () => void;
  readonly now?: () => number;
  readonly throttleMs?: number;
}

/**
 * Watches input on `target` and calls `onIdle` after `idleMs` without any. One timer at a time: when
 * it fires early (there was input meanwhile) it is set again for the time still left, so input costs
 * a timestamp, not a timer. Time is read from the clock, not counted, so a sleeping machine or a
 * throttled background window still locks on the first tick after the limit. Returns the stop function.
 */
export const startIdleTracker = (options: IdleTrackerOptions): (() => void) => {
  const now = options.now ?? Date.now;
  const throttleMs = options.throttleMs ?? ACTIVITY_THROTTLE_MS;
  let lastActivity = now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const onActivity = (): void => {
    const at = now();
    if (at - lastActivity >= throttleMs) lastActivity = at;
  };

  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    clearTimeout(timer);
    for (const type of ACTIVITY_EVENTS) options.target.removeEventListener(type, onActivity, { capture: true });
  };

  const check = (): void => {
    if (stopped) return;
    const left = options.idleMs - (now() - lastActivity);
    if (left > 0) {
      timer = setTimeout(check, left);
      return;
    }
    lastActivity = now();
    timer = setTimeout(check, options.idleMs);
    options.onIdle();
  };

  for (const type of ACTIVITY_EVENTS) {
    // Capture and passive: seen before any handler can stop it, and never delays scrolling.
    options.target.addEventListener(type, onActivity, { capture: true, passive: true });
  }
  timer = setTimeout(check, options.idleMs);
  return stop;
};
