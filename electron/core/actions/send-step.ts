import type { ActionFailure, AuditReceipt } from '../../../shared/api/audit';
import type { endpoints } from '../../../shared/api/endpoints';
import { backoffDelay } from '../backend/retry-policy';
import type { Logger } from '../logging/logger';
import { isUnderWay, type OutboxEntry } from './action-entry';
import type { ActionProgress } from './action-progress';
import type { ActionTraces } from './action-traces';
import type { ActionTuning } from './action-tuning';
import type { AgentTurns, Turn } from './agent-turns';
import type { ConfirmStep } from './confirm-step';
import type { KeyedSteps } from './keyed-steps';
import type { OwnEvents } from './own-events';
import { sendOutcomeOf } from './send-outcome';

export interface SendStepOptions {
  readonly progress: ActionProgress;
  readonly turns: AgentTurns;
  readonly traces: ActionTraces;
  /** Takes the action on once the traces show the backend took it. */
  readonly confirm: Pick<ConfirmStep, 'apply'>;
  readonly schedule: Pick<KeyedSteps, 'wake' | 'run'>;
  readonly tuning: Pick<ActionTuning, 'retryForMs' | 'retryBaseDelayMs' | 'retryMaxDelayMs'>;
  readonly now: () => number;
  readonly random: () => number;
  readonly logger: Logger;
}

/**
 * A REQUESTED action's step: sent, one attempt at a time, each counted and saved to disk before
 * it leaves (after a crash, attempts > 0 means "maybe sent"). Every attempt carries the action's
 * one correlation id and Idempotency-Key and the very body written ahead, so the backend does the
 * work once. A lost answer or a stumbling backend is retried with backoff; a refusal ends it
 * (FAILED, with the rule and the current state).
 *
 * Reconciling: when an attempt may have reached the backend without its answer reaching us (after
 * a restart, or when the backend stayed unreachable for `retryForMs`), the token's history is read
 * for our correlation id before anything else: found means the backend took it (ACCEPTED); not
 * found means sending again under the same key is safe, or, past the retry window, that nothing
 * was done (FAILED, BACKEND_UNAVAILABLE).
 */
export interface SendStep {
  requested(entry: OutboxEntry): Promise<void>;
  /**
   * An action about to be written ahead, with its first send counted in that same write (attempts
   * 1, "maybe sent"), so that nothing more is written before it leaves. A crash before it leaves is
   * then reconciled on start like any send that may have left: the history says it did not, and it
   * is sent under the same key.
   */
  countedAhead(entry: OutboxEntry): OutboxEntry;
}

export const createSendStep = (options: SendStepOptions): SendStep => {
  const { progress, turns, traces, confirm, schedule, tuning, now, random, logger } = options;
  const iso = (): string => new Date(now()).toISOString();
  /** Actions whose next send is already counted on disk (by their write-ahead), with that count; memory only. */
  const counted = new Map<string, number>();

  const retryDelay = (entry: OutboxEntry): number =>
    Math.max(1, backoffDelay(Math.max(1, entry.view.attempts), { maxAttempts: 0, baseDelayMs: tuning.retryBaseDelayMs, maxDelayMs: tuning.retryMaxDelayMs }, random));

  const givingUp = (entry: OutboxEntry): boolean => entry.firstAttemptAt !== null && now() - Date.parse(entry.firstAttemptAt) >= tuning.retryForMs;

  /** It ends FAILED (a refusal, or nothing done within the retry window); its audit record is next. */
  const fail = async (entry: OutboxEntry, failure: ActionFailure): Promise<void> => {
    const ended = await progress.end(entry, { status: 'FAILED', failure, at: iso() });
    schedule.run(ended.view.actionId);
  };

  /** The backend took it: on to the confirmation (or straight to its end, when the traces have that too). */
  const taken = async (entry: OutboxEntry, own: OwnEvents): Promise<void> => {
    const next = await confirm.apply(entry, own);
    schedule.run(next.view.actionId);
  };

  const reconcile = async (entry: OutboxEntry): Promise<void> => {
    let found: Turn<OwnEvents>;
    try {
      found = await turns.asAgent(entry, (client) => traces.read(client, entry, entry.view.requestedAt));
    } catch (error) {
      const outcome = sendOutcomeOf(error);
      if (outcome.kind === 'refused') {
        await fail(entry, outcome.failure);
        return;
      }
      if (outcome.kind === 'retry') {
        const delay = retryDelay(entry);
        await progress.change(entry, { nextAttemptAt: new Date(now() + delay).toISOString() });
        schedule.wake(entry.view.actionId, delay);
      }
      return;
    }
    if (!found.ran) return;
    if (found.value.acceptedAs !== null) {
      logger.info({ actionId: entry.view.actionId, correlationId: entry.view.correlationId }, 'reconciled: the backend had taken the action');
      await taken(entry, found.value);
      return;
    }
    if (givingUp(entry)) {
      logger.warn({ actionId: entry.view.actionId, correlationId: entry.view.correlationId, attempts: entry.view.attempts }, 'backend unreachable for too long; the history shows nothing was done');
      await fail(entry, { code: 'BACKEND_UNAVAILABLE' });
      return;
    }
    // Not there: nothing was done, so sending (again) under the same key is safe.
    const next = await progress.change(entry, {}, { reconcile: false });
    schedule.run(next.view.actionId);
  };

  const send = async (entry: OutboxEntry): Promise<void> => {
    const { actionId, correlationId } = entry.view;
    const body = entry.request;
    if (body === null) throw new Error('an action to send has no request body');
    if (turns.holder(entry) === null) return;
    // Counted and on disk before it leaves: a failed save sends nothing (the step is tried again).
    const ahead = counted.get(actionId) === entry.view.attempts;
    counted.delete(actionId);
    const sending = ahead
      ? entry
      : await progress.change(entry, { attempts: entry.view.attempts + 1, nextAttemptAt: null }, { firstAttemptAt: entry.firstAttemptAt ?? iso() }, { durable: true });
    traces.sending(sending);
    const name = (`${entry.view.operation}Token` as const) satisfies keyof typeof endpoints;
    let answer: Turn<{ operationId: string; audit: AuditReceipt }>;
    try {
      answer = await turns.asAgent(sending, (client) =>
        client.request(name, {
          params: { virtualCardId: entry.view.virtualCardId },
          body,
          context: { correlationId, idempotencyKey: entry.idempotencyKey },
          maxAttempts: 1,
        }),
      );
    } catch (error) {
      const outcome = sendOutcomeOf(error);
      if (outcome.kind === 'refused') {
        await fail(sending, outcome.failure);
        return;
      }
      if (outcome.kind === 'wait') {
        logger.info({ actionId, why: outcome.why }, 'action waits for its agent');
        // Nothing left: the count goes back.
        await progress.change(sending, { attempts: sending.view.attempts - 1 });
        return;
      }
      const exhausted = givingUp(sending);
      const delay = exhausted ? 0 : retryDelay(sending);
      logger.warn({ actionId, correlationId, attempt: sending.view.attempts, retryInMs: exhausted ? null : delay }, 'action send failed');
      await progress.change(sending, { nextAttemptAt: exhausted ? null : new Date(now() + delay).toISOString() }, { reconcile: true });
      schedule.wake(actionId, delay);
      return;
    }
    if (!answer.ran) {
      await progress.change(sending, { attempts: sending.view.attempts - 1 });
      return;
    }
    logger.info({ actionId, correlationId, operationId: answer.value.operationId }, 'action accepted');
    const accepted = await progress.change(sending, { status: 'ACCEPTED', operationId: answer.value.operationId, nextAttemptAt: null }, { acceptedAt: iso(), reconcile: false, receipt: answer.value.audit }, { deferSave: true });
    // The TSP may have confirmed on the stream while the answer was on its way.
    if (isUnderWay(accepted)) schedule.run(actionId);
  };

  return {
    countedAhead(entry) {
      const attempts = entry.view.attempts + 1;
      counted.set(entry.view.actionId, attempts);
      return { ...entry, firstAttemptAt: entry.firstAttemptAt ?? entry.view.requestedAt, view: { ...entry.view, attempts } };
    },

    async requested(entry) {
      // The stream already shows the backend took it (an answer lost on the way back): no second send.
      const seen = traces.seen(entry);
      if (seen.acceptedAs !== null && turns.holder(entry) !== null) {
        await taken(entry, seen);
        return;
      }
      const due = entry.view.nextAttemptAt === null ? 0 : Date.parse(entry.view.nextAttemptAt) - now();
      if (due > 0) {
        schedule.wake(entry.view.actionId, due);
        return;
      }
      if (entry.reconcile && (givingUp(entry) || entry.view.resumedAfterRestart)) {
        await reconcile(entry);
        return;
      }
      await send(entry);
    },
  };
};
