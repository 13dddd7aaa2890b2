import { useSyncExternalStore } from 'react';

/** The time for one period, shared by every caller that asks for that period: one timer, not one per caller. */
interface Ticker {
  readonly now: () => number;
  readonly subscribe: (listener: () => void) => () => void;
}

const tickers = new Map<number, Ticker>();

const startTicker = (periodMs: number): Ticker => {
  const listeners = new Set<() => void>();
  let now = Date.now();
  let timer: ReturnType<typeof setInterval> | null = null;
  return {
    now: () => now,
    subscribe: (listener) => {
      listeners.add(listener);
      if (timer === null) {
        now = Date.now();
        timer = setInterval(() => {
          now = Date.now();
          for (const each of listeners) each();
        }, periodMs);
      }
      return () => {
        listeners.delete(listener);
        // Nobody is looking: no timer runs for nothing.
        if (listeners.size === 0 && timer !== null) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
  };
};

/**
 * The time in epoch milliseconds, renewed every `periodMs`, for relative times ("3日前") that must
 * not freeze while they stay on screen. One timer per period for all callers: a table of 200
 * relative times re-renders once a period rather than running 200 timers.
 */
export const useClock = (periodMs: number): number => {
  let ticker = tickers.get(periodMs);
  if (ticker === undefined) {
    ticker = startTicker(periodMs);
    tickers.set(periodMs, ticker);
  }
  return useSyncExternalStore(ticker.subscribe, ticker.now, ticker.now);
};
