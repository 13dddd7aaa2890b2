import { useEffect, useRef } from 'react';
import { startIdleTracker } from '../services/idle-tracker';

/**
 * Calls `onIdle` after `idleMs` without input anywhere in the window; `null` turns tracking off
 * (nobody signed in, or locked already). A new `idleMs` starts a fresh period.
 */
export const useIdleLock = (idleMs: number | null, onIdle: () => void): void => {
  // The latest callback without restarting the period every time the caller re-renders.
  const callback = useRef(onIdle);
  useEffect(() => {
    callback.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (idleMs === null) return undefined;
    return startIdleTracker({ target: window, idleMs, onIdle: () => callback.current() });
  }, [idleMs]);
};
