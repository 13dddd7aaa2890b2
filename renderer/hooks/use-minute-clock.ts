import { useSyncExternalStore } from 'react';

/**
 * The time, to the minute, for "3日前": one timer for every caller, so a table of 200 relative
 * times re-renders once a minute rather than running 200 timers.
 */
const MINUTE = 60_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const each of listeners) each();
    }, MINUTE);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
};

export const useMinuteClock = (): number =>
  useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
