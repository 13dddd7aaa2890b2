import type { AbortSignalLike } from '../../shared/contract';

/**
 * Resolves with `onAbort()` as soon as `signal` aborts, or with `work` if it settles first. The
 * caller has stopped waiting, so a late answer must not reach it; the work itself cannot always be
 * cancelled (an IPC invoke cannot).
 */
export const settleOnAbort = <T>(work: Promise<T>, signal: AbortSignalLike | undefined, onAbort: () => T): Promise<T> => {
  if (!signal) return work;
  if (signal.aborted) return Promise.resolve(onAbort());
  return new Promise<T>((resolve, reject) => {
    signal.addEventListener('abort', () => resolve(onAbort()));
    work.then(resolve, reject);
  });
};
