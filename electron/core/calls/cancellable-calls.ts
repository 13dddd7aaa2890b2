import { CallError } from '../ipc/dispatch';

/** A call registered for cancellation: its signal goes to the backend request; `end` unregisters it. */
export interface CancellableCall {
  readonly signal: AbortSignal;
  end(): void;
}

export interface CancellableCalls {
  /**
   * Registers a call under the caller's request id. A second call with an id still in flight is
   * refused (INVALID_INPUT on `requestId`): reusing one would make a cancel hit the wrong call.
   */
  start(caller: string, requestId: string): CancellableCall;
  /** Aborts the caller's call with that id; false when there is none (finished, or never started). */
  cancel(caller: string, requestId: string): boolean;
  /** Aborts every call of a caller that has gone away (a closed window). */
  cancelAll(caller: string): number;
  /** Calls in flight, for tests that check nothing is left behind. */
  size(): number;
}

/**
 * Keeps one in-flight call per caller and request id, so far more than typing can produce; a
 * renderer that leaks ids is refused rather than allowed to grow main's memory.
 */
export const MAX_CALLS_PER_CALLER = 64;

/**
 * The registry behind `calls.cancel`. Ids are scoped to the caller the transport names, so a
 * window that guesses (or is told) another window's request id still cannot cancel it: the
 * lookup is by caller first, and a miss answers false just like a finished call.
 */
export const createCancellableCalls = (): CancellableCalls => {
  const byCaller = new Map<string, Map<string, AbortController>>();

  const remove = (caller: string, requestId: string, controller: AbortController): void => {
    const calls = byCaller.get(caller);
    // Only this call's own entry: a later call may have reused the id once this one ended.
    if (calls?.get(requestId) !== controller) return;
    calls.delete(requestId);
    if (calls.size === 0) byCaller.delete(caller);
  };

  return {
    start(caller, requestId) {
      const calls = byCaller.get(caller) ?? new Map<string, AbortController>();
      if (calls.has(requestId)) throw new CallError('INVALID_INPUT', 'this requestId is already in use by a call in flight', ['requestId']);
      if (calls.size >= MAX_CALLS_PER_CALLER) throw new CallError('INVALID_INPUT', 'too many cancellable calls in flight', ['requestId']);
      const controller = new AbortController();
      calls.set(requestId, controller);
      byCaller.set(caller, calls);
      return { signal: controller.signal, end: () => remove(caller, requestId, controller) };
    },
    cancel(caller, requestId) {
      const controller = byCaller.get(caller)?.get(requestId);
      if (!controller) return false;
      remove(caller, requestId, controller);
      controller.abort();
      return true;
    },
    cancelAll(caller) {
      const calls = byCaller.get(caller);
      if (!calls) return 0;
      byCaller.delete(caller);
      for (const controller of calls.values()) controller.abort();
      return calls.size;
    },
    size: () => [...byCaller.values()].reduce((sum, calls) => sum + calls.size, 0),
  };
};
