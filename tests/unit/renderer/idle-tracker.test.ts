import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTIVITY_EVENTS, startIdleTracker } from '../../../renderer/services/idle-tracker';

const MINUTE = 60_000;

describe('startIdleTracker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('calls onIdle once the time has passed without input', () => {
    const onIdle = vi.fn();
    const stop = startIdleTracker({ target: new EventTarget(), idleMs: 15 * MINUTE, onIdle });
    vi.advanceTimersByTime(15 * MINUTE - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it('counts every kind of input as activity', () => {
    for (const type of ACTIVITY_EVENTS) {
      const target = new EventTarget();
      const onIdle = vi.fn();
      const stop = startIdleTracker({ target, idleMs: 10 * MINUTE, onIdle });
      vi.advanceTimersByTime(9 * MINUTE);
      target.dispatchEvent(new Event(type));
      vi.advanceTimersByTime(9 * MINUTE);
      expect(onIdle, type).not.toHaveBeenCalled();
      vi.advanceTimersByTime(MINUTE);
      expect(onIdle, type).toHaveBeenCalledTimes(1);
      stop();
    }
  });

  it('ignores events it does not track', () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const stop = startIdleTracker({ target, idleMs: MINUTE, onIdle });
    vi.advanceTimersByTime(MINUTE / 2);
    target.dispatchEvent(new Event('focus'));
    vi.advanceTimersByTime(MINUTE / 2);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it('records activity at most once per throttle period, and still locks on time', () => {
    const target = new EventTarget();
    const onIdle = vi.fn();
    const stop = startIdleTracker({ target, idleMs: 5000, onIdle, throttleMs: 1000 });
    vi.advanceTimersByTime(500);
    // Within the first second of the period: not recorded, so the lock comes at 5 s, not 5.5 s.
    target.dispatchEvent(new Event('pointermove'));
    vi.advanceTimersByTime(4500);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it('starts a new period after firing, so a lock that did not happen is tried again', () => {
    const onIdle = vi.fn();
    const stop = startIdleTracker({ target: new EventTarget(), idleMs: MINUTE, onIdle });
    vi.advanceTimersByTime(2 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(2);
    stop();
  });

  it('stops listening and timing when stopped', () => {
    const target = new EventTarget();
    const remove = vi.spyOn(target, 'removeEventListener');
    const onIdle = vi.fn();
    const stop = startIdleTracker({ target, idleMs: MINUTE, onIdle });
    stop();
    vi.advanceTimersByTime(2 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
    expect(remove).toHaveBeenCalledTimes(ACTIVITY_EVENTS.length);
  });

  it('locks on the first tick after a long sleep, by the clock rather than by counting', () => {
    let now = 0;
    const onIdle = vi.fn();
    const stop = startIdleTracker({ target: new EventTarget(), idleMs: 15 * MINUTE, onIdle, now: () => now });
    now = 60 * MINUTE; // the machine slept; timers were not run meanwhile
    vi.advanceTimersByTime(15 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });
});
