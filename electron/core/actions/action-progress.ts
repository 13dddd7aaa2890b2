import type { ActionFailure } from '../../../shared/api/audit';
import type { ActionView } from '../../../shared/contract/actions';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import { canMove, isUnderWay, type OutboxEntry } from './action-entry';
import { auditRecordFor } from './audit-record';
import type { OutboxEntries } from './outbox-entries';
import type { OutboxStore } from './outbox-store';

export interface ActionProgressOptions {
  readonly entries: Pick<OutboxEntries, 'put'>;
  readonly store: Pick<OutboxStore, 'save'>;
  readonly events: Pick<EventBus, 'emit'>;
  readonly logger: Logger;
  readonly now: () => number;
  /** How long a deferred save waits for a newer version to write instead (default 2 s). */
  readonly deferSaveMs?: number;
}

export interface CommitOptions {
  /** Saved first, and a failed save throws: for a change that must be on disk before anything leaves (the count of a send). */
  readonly durable?: boolean;
  /**
   * Saved a little later, or not at all when a newer version of the action comes first: for a
   * version the disk can do without, since after a crash the token's history says it again (an
   * action accepted: the entry on disk, REQUESTED with its send counted, is reconciled on start).
   * The TSP's confirmation usually follows within the moment, and one write serves both.
   */
  readonly deferSave?: boolean;
}

export interface ActionEnding {
  readonly status: 'CONFIRMED' | 'FAILED';
  readonly failure: ActionFailure | null;
  readonly at: string;
}

/**
 * An action's next version, kept in memory, saved to its outbox file and told to the renderer
 * (action.changed). Status only moves forward, and an action that ended stays as it ended.
 */
export interface ActionProgress {
  /**
   * Keeps `next`. By default a failed save is logged and the action goes on (the next step repeats
   * the work, which is idempotent).
   */
  commit(next: OutboxEntry, options?: CommitOptions): Promise<OutboxEntry>;
  /** Changes the view (and the entry's other fields); a move backwards is ignored and the entry comes back as it was. */
  change(entry: OutboxEntry, view: Partial<ActionView>, rest?: Partial<Omit<OutboxEntry, 'view'>>, options?: CommitOptions): Promise<OutboxEntry>;
  /** The final step: status, reason and the one audit record, in one save. Nothing happens to an action that already ended. */
  end(entry: OutboxEntry, ending: ActionEnding, view?: Partial<ActionView>): Promise<OutboxEntry>;
  /** Writes the deferred saves now (quitting). */
  flush(): Promise<void>;
}

export const createActionProgress = (options: ActionProgressOptions): ActionProgress => {
  const { entries, store, events, logger, now } = options;
  const deferSaveMs = options.deferSaveMs ?? 2_000;
  const iso = (): string => new Date(now()).toISOString();
  /** Saves put off, by action: the version to write, and when. */
  const deferred = new Map<string, { readonly entry: OutboxEntry; readonly timer: NodeJS.Timeout }>();

  const save = async (next: OutboxEntry): Promise<void> => {
    try {
      await store.save(next);
    } catch (error) {
      logger.error({ actionId: next.view.actionId, err: error }, 'outbox entry could not be saved');
    }
  };

  const commit: ActionProgress['commit'] = async (next, commitOptions = {}) => {
    const { actionId } = next.view;
    // A newer version is about to be written (or put off in its turn): the older one need not be.
    const waiting = deferred.get(actionId);
    if (waiting) clearTimeout(waiting.timer);
    deferred.delete(actionId);
    if (commitOptions.deferSave) {
      entries.put(next);
      events.emit('action.changed', next.view);
      const timer = setTimeout(() => {
        deferred.delete(actionId);
        void save(next);
      }, deferSaveMs);
      timer.unref();
      deferred.set(actionId, { entry: next, timer });
      return next;
    }
    if (commitOptions.durable) {
      await store.save(next);
      entries.put(next);
      events.emit('action.changed', next.view);
      return next;
    }
    // What the agent is told is already true (the backend accepted, the TSP confirmed): it need not
    // wait for the fsync. The step still does, so nothing that depends on this version (the audit
    // record's journal line) comes before it is on disk.
    entries.put(next);
    events.emit('action.changed', next.view);
    await save(next);
    return next;
  };

  return {
    commit,
    change(entry, view, rest = {}, commitOptions = {}) {
      const status = view.status ?? entry.view.status;
      if (!canMove(entry.view.status, status)) return Promise.resolve(entry);
      return commit({ ...entry, ...rest, view: { ...entry.view, ...view, updatedAt: iso() } }, commitOptions);
    },
    end(entry, ending, view = {}) {
      if (!isUnderWay(entry)) return Promise.resolve(entry);
      const ended: OutboxEntry = {
        ...entry,
        completedAt: ending.at,
        reconcile: false,
        view: { ...entry.view, ...view, status: ending.status, failure: ending.failure, nextAttemptAt: null, updatedAt: iso() },
      };
      logger.info(
        { actionId: entry.view.actionId, correlationId: entry.view.correlationId, operation: entry.view.operation, status: ending.status, failure: ending.failure?.code },
        'action ended',
      );
      return commit({ ...ended, audit: { record: auditRecordFor(ended, ending.at), journaled: false } });
    },
    async flush() {
      const waiting = [...deferred.values()];
      deferred.clear();
      for (const { timer } of waiting) clearTimeout(timer);
      await Promise.all(waiting.map(({ entry }) => save(entry)));
    },
  };
};
