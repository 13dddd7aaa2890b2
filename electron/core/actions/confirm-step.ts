import type { NotificationView } from '../../../shared/contract/actions';
import { NOTIFICATION_FOR_OPERATION } from '../../../shared/domain/action-notifications';
import type { Logger } from '../logging/logger';
import { isUnderWay, type OutboxEntry } from './action-entry';
import type { ActionPolicyCache } from './action-policy';
import type { ActionProgress } from './action-progress';
import type { ActionTraces } from './action-traces';
import type { ActionTuning } from './action-tuning';
import type { AgentTurns } from './agent-turns';
import type { KeyedSteps } from './keyed-steps';
import type { OwnEvents } from './own-events';

export interface ConfirmStepOptions {
  readonly progress: ActionProgress;
  readonly turns: AgentTurns;
  readonly traces: ActionTraces;
  readonly policy: ActionPolicyCache;
  readonly schedule: Pick<KeyedSteps, 'wake' | 'run'>;
  readonly tuning: Pick<ActionTuning, 'confirmPollMs' | 'confirmLateAfterMs' | 'confirmPollLateMs'>;
  readonly now: () => number;
  readonly logger: Logger;
}

/**
 * An accepted action waits for the TSP: its confirming event or OPERATION_FAILED for our
 * operationId ends it, and the cardholder notification, which can trail the confirmation, is
 * taken while it is still news. Both come on the live stream (ActionTraces); the token's history
 * is read only when the stream cannot be trusted to have brought them: while it is down (a slow
 * poll, so nothing is stranded), once after it lost its position, and after a restart.
 */
export interface ConfirmStep {
  /** Applies what the traces say; duplicates and late callbacks change nothing once the action ended. */
  apply(entry: OutboxEntry, own: OwnEvents): Promise<OutboxEntry>;
  /** The step of an ACCEPTED action. */
  accepted(entry: OutboxEntry): Promise<void>;
  /** The notification of a confirmed action, when the traces have it; the entry as it is now. */
  notified(entry: OutboxEntry): Promise<OutboxEntry>;
}

const decided = (own: OwnEvents): boolean => own.confirmedAt !== null || own.failed !== null;

/** Confirmed, and its notification record, which can trail the confirmation, still news. */
export const awaitsNotification = (entry: OutboxEntry, waitMs: number, now: number): boolean =>
  entry.view.status === 'CONFIRMED' && entry.view.notification === null && entry.completedAt !== null && now - Date.parse(entry.completedAt) < waitMs;

export const createConfirmStep = (options: ConfirmStepOptions): ConfirmStep => {
  const { progress, turns, traces, schedule, tuning, now, logger } = options;
  /** When the slow poll reads an accepted action's history next, while the stream is down (memory only). */
  const nextReadAt = new Map<string, number>();

  const iso = (): string => new Date(now()).toISOString();

  /** Confirmed with no notification on record: the issuer's policy says whether one is to be expected at all. */
  const notificationAfterConfirm = async (entry: OutboxEntry, own: OwnEvents): Promise<NotificationView | null> => {
    if (own.notification) return own.notification;
    const policy = await turns
      .asAgent(entry, (client, agent) => options.policy.get(agent, () => client.request('getActionPolicy', { context: { correlationId: entry.view.correlationId, idempotencyKey: entry.idempotencyKey } })))
      .catch(() => null);
    // The issuer sends its own messages: the console says so instead of promising one.
    if (policy?.ran && policy.value.platformNotifications === false) return { template: NOTIFICATION_FOR_OPERATION[entry.view.operation], channel: null, status: 'OFF' };
    return null;
  };

  const apply: ConfirmStep['apply'] = async (entry, own) => {
    let current = entry;
    if (current.view.status === 'REQUESTED' && own.acceptedAs !== null) {
      current = await progress.change(current, { status: 'ACCEPTED', operationId: own.acceptedAs, nextAttemptAt: null }, { acceptedAt: iso(), reconcile: false }, { deferSave: true });
    }
    if (current.view.status === 'ACCEPTED') {
      if (own.confirmedAt !== null) {
        return progress.end(current, { status: 'CONFIRMED', failure: null, at: own.confirmedAt }, { notification: await notificationAfterConfirm(current, own) });
      }
      if (own.failed !== null) return progress.end(current, { status: 'FAILED', failure: own.failed.failure, at: own.failed.at });
    }
    if (current.view.status === 'CONFIRMED' && current.view.notification === null && own.notification !== null) {
      current = await progress.commit({ ...current, view: { ...current.view, notification: own.notification, updatedAt: iso() } });
    }
    return current;
  };

  const pollDelay = (entry: OutboxEntry): number => {
    const since = entry.acceptedAt === null ? 0 : now() - Date.parse(entry.acceptedAt);
    return since > tuning.confirmLateAfterMs ? tuning.confirmPollLateMs : tuning.confirmPollMs;
  };

  /** Reads the history as the action's agent, or says why not: the fallback when the stream cannot say. */
  const readHistory = async (entry: OutboxEntry): Promise<OwnEvents | 'waits'> => {
    const turn = await turns.asAgent(entry, (client) => traces.read(client, entry, entry.acceptedAt ?? entry.view.requestedAt));
    return turn.ran ? turn.value : 'waits';
  };

  const finish = (next: OutboxEntry): void => {
    if (isUnderWay(next)) return;
    nextReadAt.delete(next.view.actionId);
    // The audit record is next.
    schedule.run(next.view.actionId);
  };

  return {
    apply,

    async accepted(entry) {
      const { actionId } = entry.view;
      if (turns.holder(entry) === null) return;
      let own = traces.seen(entry);
      if (!decided(own)) {
        // The stream covers it: its next change wakes this step. Nothing to read.
        if (traces.live() && traces.covered(entry)) {
          nextReadAt.delete(actionId);
          finish(await apply(entry, own));
          return;
        }
        // Down, or it lost its position: read now if it is live again (once, then it covers the
        // action), else on the slow poll; an action accepted a moment ago gives the TSP its time.
        const due = traces.live() ? now() : (nextReadAt.get(actionId) ?? Date.parse(entry.acceptedAt ?? entry.view.requestedAt) + tuning.confirmPollMs);
        if (due > now()) {
          nextReadAt.set(actionId, due);
          schedule.wake(actionId, due - now());
          return;
        }
        let read: OwnEvents | 'waits';
        try {
          read = await readHistory(entry);
        } catch (error) {
          logger.warn({ actionId, err: error }, 'could not read the history for the confirmation');
          nextReadAt.set(actionId, now() + pollDelay(entry));
          schedule.wake(actionId, pollDelay(entry));
          return;
        }
        if (read === 'waits') return;
        own = read;
        if (!decided(own) && !(traces.live() && traces.covered(entry))) {
          nextReadAt.set(actionId, now() + pollDelay(entry));
          schedule.wake(actionId, pollDelay(entry));
        }
      }
      finish(await apply(entry, own));
    },

    async notified(entry) {
      let own = traces.seen(entry);
      // The stream lost its position since: one read, once it is back.
      if (own.notification === null && !traces.covered(entry) && traces.live()) {
        try {
          const read = await readHistory(entry);
          if (read === 'waits') return entry;
          own = read;
        } catch (error) {
          logger.debug({ actionId: entry.view.actionId, err: error }, 'notification record not read');
          return entry;
        }
      }
      return own.notification === null ? entry : apply(entry, own);
    },
  };
};
