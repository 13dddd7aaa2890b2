import { failure, type TypedError } from '../../shared/contract';
import type { StoreDeps } from './deps';

type Reporting = Pick<StoreDeps, 'reportError' | 'newCorrelationId'>;

/**
 * A bug rather than a typed failure (calls resolve to results; a throw is a fault of ours): sent to
 * main's log under a fresh correlation id, and returned as the INTERNAL error naming that id, for
 * a screen that shows it.
 */
export const reportBug = (deps: Reporting, error: unknown): TypedError => {
  const correlationId = deps.newCorrelationId();
  deps.reportError(error, correlationId);
  return failure('INTERNAL', correlationId).error;
};

export interface BusyTask<S, T> {
  /** Set as the task starts: its busy flag, and whatever the last attempt left on screen, cleared. */
  readonly start: Partial<S>;
  /** Set once it is over, however it ended: the flag back down, so the screen never stays busy. */
  readonly end: Partial<S>;
  readonly run: () => Promise<T>;
  /** What the task comes to after a bug, which is reported already. */
  readonly onBug: (error: TypedError) => T;
}

/** A command that holds a busy flag while it calls main: raise the flag, run, report a bug, lower the flag. */
export const runBusy = async <S, T>(set: (patch: Partial<S>) => void, deps: Reporting, task: BusyTask<S, T>): Promise<T> => {
  set(task.start);
  try {
    return await task.run();
  } catch (error) {
    return task.onBug(reportBug(deps, error));
  } finally {
    set(task.end);
  }
};
