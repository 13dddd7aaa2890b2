import type { ActionFailure } from '../../../shared/api/audit';
import type { TokenActionPolicy } from '../../../shared/api/policy';
import type { ActionView, NotificationView } from '../../../shared/contract/actions';
import { NOTIFICATION_FOR_OPERATION } from '../../../shared/domain/action-notifications';
import type { endpoints } from '../../../shared/api/endpoints';
import type { BackendClient } from '../backend/backend-client';
import { backoffDelay } from '../backend/retry-policy';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { AgentSessionManager } from '../session/agent-session';
import { canMove, isSettled, isUnderWay, type OutboxEntry } from './action-entry';
import type { ActionPolicyCache } from './action-policy';
import { DEFAULT_ACTION_TUNING, type ActionTuning } from './action-tuning';
import type { AuditJournal } from './audit-journal';
import { createAuditDelivery } from './audit-delivery';
import { auditRecordFor } from './audit-record';
import { createKeyedSteps } from './keyed-steps';
import { createOutboxEntries } from './outbox-entries';
import { findOwnEvents, type OwnEvents } from './own-events';
import type { OutboxStore } from './outbox-store';
import { sendOutcomeOf } from './send-outcome';
import { readRecentHistory } from './token-history';

export interface OutboxOptions {
  readonly store: OutboxStore;
  readonly journal: AuditJournal;
  readonly session: Pick<AgentSessionManager, 'identity' | 'withSession'>;
  /** The backend client; throws a CallError (NOT_CONFIGURED…) when the console has none. */
  readonly backend: () => BackendClient;
  readonly events: Pick<EventBus, 'emit' | 'subscribe'>;
  readonly policy: ActionPolicyCache;
  readonly logger: Logger;
  readonly tuning?: Partial<ActionTuning>;
  /** Injectable for tests: the clock (milliseconds since the epoch) and the jitter source. */
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * Main's durable outbox of token actions. An action is on disk (fsynced) with its correlation id
 * and Idempotency-Key before its first send; from there this drives it on:
 *
 * REQUESTED: sent, one attempt at a time, each counted and recorded before it leaves. A lost answer
 *   or a stumbling backend is retried with backoff under the same correlation id and key, so the
 *   backend does the work once; a refusal ends it (FAILED, with the rule and the current state).
 *   When the backend stays unreachable for `retryForMs`, the token's history is read for our
 *   correlation id before anything is declared: found means the backend took it (ACCEPTED);
 *   not found means it did not (FAILED, BACKEND_UNAVAILABLE).
 * ACCEPTED: the token's history is read whenever the live stream says the token changed, and on a
 *   slow poll, until the TSP's confirming event or OPERATION_FAILED for our operationId appears.
 * CONFIRMED / FAILED: final. The audit record is made once, appended to the journal and sent to
 *   the backend (Idempotency-Key = auditId) until it is stored.
 *
 * Work for an action happens only while the agent who asked for it holds the session (locked
 * included): the backend attributes every send, read and audit record to the signed-in agent, so
 * another agent never finishes someone else's action. Until that agent signs in again the action
 * waits, and actions.list shows it. On start, unfinished actions resume (resumedAfterRestart);
 * one that may already have been sent is reconciled with the token's history first.
 */
export interface Outbox {
  /** Loads the outbox and the journal, reports damage, resumes what was under way. */
  start(): Promise<void>;
  get(actionId: string): OutboxEntry | undefined;
  /** An action on this token is under way (REQUESTED or ACCEPTED). */
  underWayOn(virtualCardId: string): boolean;
  /** Writes a new action ahead (durable when this resolves) and starts driving it. */
  add(entry: OutboxEntry): Promise<ActionView>;
  /** Actions under way (any agent: they are this workstation's) and `agentId`'s ended ones, newest first. */
  list(agentId: string): ActionView[];
  /** Resolves when no step is running or due within `withinMs` (tests, the bench, quitting). */
  idle(withinMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** An action's traces in the history, and the issuer's policy when it decides what they mean. */
type Found = OwnEvents & { readonly policy: TokenActionPolicy | null };

type Turn<T> = { readonly ran: true; readonly value: T } | { readonly ran: false; readonly why: string };

const LIST_LIMIT = 500;
/** How long quitting waits for steps under way (a send awaiting its answer resumes on the next start). */
const CLOSE_GRACE_MS = 2_000;

export const createOutbox = (options: OutboxOptions): Outbox => {
  const { store, journal, session, events, logger } = options;
  const tuning: ActionTuning = { ...DEFAULT_ACTION_TUNING, ...options.tuning };
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const log = logger.child({ component: 'outbox' });
  const iso = (): string => new Date(now()).toISOString();

  const entries = createOutboxEntries();
  const { put, drop, onToken } = entries;
  const tokenChecks = new Map<string, NodeJS.Timeout>();
  /** Actions whose token changed while they were being sent: the TSP may have confirmed before we knew the operationId. */
  const changedWhileSending = new Set<string>();
  let closed = false;
  let unsubscribe: (() => void) | null = null;

  // ---- bookkeeping --------------------------------------------------------------------------

  /** Saves (durable first) and tells the renderer. A failed save is logged: the next step repeats the work, which is idempotent. */
  const commit = async (next: OutboxEntry): Promise<OutboxEntry> => {
    put(next);
    try {
      await store.save(next);
    } catch (error) {
      log.error({ actionId: next.view.actionId, err: error }, 'outbox entry could not be saved');
    }
    events.emit('action.changed', next.view);
    return next;
  };

  const change = (entry: OutboxEntry, view: Partial<ActionView>, rest: Partial<Omit<OutboxEntry, 'view'>> = {}): Promise<OutboxEntry> => {
    const status = view.status ?? entry.view.status;
    if (!canMove(entry.view.status, status)) return Promise.resolve(entry);
    return commit({ ...entry, ...rest, view: { ...entry.view, ...view, updatedAt: iso() } });
  };

  /** The final step of an action: status, reason, and the one audit record, in one save. */
  const end = (entry: OutboxEntry, ending: { status: 'CONFIRMED' | 'FAILED'; failure: ActionFailure | null; at: string }, view: Partial<ActionView> = {}) => {
    if (!isUnderWay(entry)) return Promise.resolve(entry);
    changedWhileSending.delete(entry.view.actionId);
    const ended: OutboxEntry = {
      ...entry,
      completedAt: ending.at,
      reconcile: false,
      view: { ...entry.view, ...view, status: ending.status, failure: ending.failure, nextAttemptAt: null, updatedAt: iso() },
    };
    log.info(
      { actionId: entry.view.actionId, correlationId: entry.view.correlationId, operation: entry.view.operation, status: ending.status, failure: ending.failure?.code },
      'action ended',
    );
    return commit({ ...ended, audit: { record: auditRecordFor(ended, ending.at), journaled: false, stored: false } });
  };

  // ---- scheduling ---------------------------------------------------------------------------

  const steps = createKeyedSteps({
    step: (actionId) => step(actionId),
    onError: (actionId, error) => log.error({ actionId, err: error }, 'outbox step failed; trying again later'),
    retryMs: tuning.retryMaxDelayMs,
    now,
  });
  const { wake, run } = steps;

  const wakeAll = (): void => {
    for (const entry of entries.all()) if (!isSettled(entry)) run(entry.view.actionId);
  };

  /** Runs backend work as the action's own agent, or says why not now. */
  const asAgent = async <T>(entry: OutboxEntry, work: (client: BackendClient) => Promise<T>): Promise<Turn<T>> => {
    const held = session.identity();
    if (held === null) return { ran: false, why: 'signed out' };
    if (held.agent.agentId !== entry.agent.agentId) return { ran: false, why: 'another agent is signed in' };
    let client: BackendClient;
    try {
      client = options.backend();
    } catch {
      return { ran: false, why: 'no backend is configured' };
    }
    return { ran: true, value: await session.withSession(() => work(client)) };
  };

  const contextOf = (entry: OutboxEntry) => ({ correlationId: entry.view.correlationId, idempotencyKey: entry.idempotencyKey });

  /**
   * What the history says about an action, read as its agent. When the TSP confirmed and no
   * notification is on record, the issuer's policy says whether one is to be expected at all.
   */
  const readOwn = async (client: BackendClient, entry: OutboxEntry, since: string): Promise<Found> => {
    const own = findOwnEvents(await readRecentHistory(client, entry.view.virtualCardId, since, contextOf(entry)), entry.view);
    const held = session.identity();
    if (own.confirmedAt === null || own.notification !== null || held === null) return { ...own, policy: null };
    const policy = await options.policy.get(held, () => client.request('getActionPolicy', { context: contextOf(entry) })).catch(() => null);
    return { ...own, policy };
  };

  const notificationAfterConfirm = (entry: OutboxEntry, found: Found): NotificationView | null => {
    if (found.notification) return found.notification;
    // The issuer sends its own messages: the console says so instead of promising one.
    if (found.policy?.platformNotifications === false) return { template: NOTIFICATION_FOR_OPERATION[entry.view.operation], channel: null, status: 'OFF' };
    return null;
  };

  /** Applies what the history says; duplicates and late callbacks change nothing once the action ended. */
  const apply = async (entry: OutboxEntry, found: Found): Promise<OutboxEntry> => {
    let current = entry;
    if (current.view.status === 'REQUESTED' && found.acceptedAs !== null) {
      current = await change(current, { status: 'ACCEPTED', operationId: found.acceptedAs, nextAttemptAt: null }, { acceptedAt: iso(), reconcile: false });
    }
    if (current.view.status === 'ACCEPTED') {
      if (found.confirmedAt !== null) {
        return end(current, { status: 'CONFIRMED', failure: null, at: found.confirmedAt }, { notification: notificationAfterConfirm(current, found) });
      }
      if (found.failed !== null) return end(current, { status: 'FAILED', failure: found.failed.failure, at: found.failed.at });
    }
    if (current.view.status === 'CONFIRMED' && current.view.notification === null && found.notification !== null) {
      current = await commit({ ...current, view: { ...current.view, notification: found.notification, updatedAt: iso() } });
    }
    return current;
  };

  // ---- the steps ----------------------------------------------------------------------------

  const retryDelay = (entry: OutboxEntry): number =>
    Math.max(1, backoffDelay(Math.max(1, entry.view.attempts), { maxAttempts: 0, baseDelayMs: tuning.retryBaseDelayMs, maxDelayMs: tuning.retryMaxDelayMs }, random));

  const givingUp = (entry: OutboxEntry): boolean => entry.firstAttemptAt !== null && now() - Date.parse(entry.firstAttemptAt) >= tuning.retryForMs;

  /** Reads the history for our correlation id: the action may have reached the backend without its answer reaching us. */
  const reconcile = async (entry: OutboxEntry): Promise<void> => {
    let found: Turn<Found>;
    try {
      found = await asAgent(entry, async (client) =>
        readOwn(client, entry, entry.view.requestedAt),
      );
    } catch (error) {
      const outcome = sendOutcomeOf(error);
      if (outcome.kind === 'refused') {
        await end(entry, { status: 'FAILED', failure: outcome.failure, at: iso() });
        return;
      }
      if (outcome.kind === 'retry') {
        const delay = retryDelay(entry);
        await change(entry, { nextAttemptAt: new Date(now() + delay).toISOString() });
        wake(entry.view.actionId, delay);
      }
      return;
    }
    if (!found.ran) return;
    if (found.value.acceptedAs !== null) {
      log.info({ actionId: entry.view.actionId, correlationId: entry.view.correlationId }, 'reconciled: the backend had taken the action');
      const accepted = await apply(entry, found.value);
      if (isUnderWay(accepted)) wake(accepted.view.actionId, tuning.confirmPollMs);
      else run(accepted.view.actionId);
      return;
    }
    if (givingUp(entry)) {
      log.warn({ actionId: entry.view.actionId, correlationId: entry.view.correlationId, attempts: entry.view.attempts }, 'backend unreachable for too long; the history shows nothing was done');
      const ended = await end(entry, { status: 'FAILED', failure: { code: 'BACKEND_UNAVAILABLE' }, at: iso() });
      run(ended.view.actionId);
      return;
    }
    // Not there: nothing was done, so sending (again) under the same key is safe.
    const next = await change(entry, {}, { reconcile: false });
    run(next.view.actionId);
  };

  const send = async (entry: OutboxEntry): Promise<void> => {
    const request = entry.request;
    if (request === null) throw new Error('an action to send has no request body');
    // Counted and recorded before it leaves: after a crash, attempts > 0 means "maybe sent".
    const sending = await change(
      entry,
      { attempts: entry.view.attempts + 1, nextAttemptAt: null },
      { firstAttemptAt: entry.firstAttemptAt ?? iso() },
    );
    const name = (`${entry.view.operation}Token` as const) satisfies keyof typeof endpoints;
    let accepted: Turn<{ operationId: string }>;
    try {
      accepted = await asAgent(sending, (client) =>
        client.request(name, { params: { virtualCardId: entry.view.virtualCardId }, body: request, context: contextOf(entry), maxAttempts: 1 }),
      );
    } catch (error) {
      const outcome = sendOutcomeOf(error);
      if (outcome.kind === 'refused') {
        const ended = await end(sending, { status: 'FAILED', failure: outcome.failure, at: iso() });
        run(ended.view.actionId);
        return;
      }
      if (outcome.kind === 'wait') {
        log.info({ actionId: entry.view.actionId, why: outcome.why }, 'action waits for its agent');
        // Nothing left: the count goes back.
        await change(sending, { attempts: entry.view.attempts });
        return;
      }
      const exhausted = givingUp(sending);
      const delay = exhausted ? 0 : retryDelay(sending);
      log.warn({ actionId: entry.view.actionId, correlationId: entry.view.correlationId, attempt: sending.view.attempts, retryInMs: exhausted ? null : delay }, 'action send failed');
      await change(sending, { nextAttemptAt: exhausted ? null : new Date(now() + delay).toISOString() }, { reconcile: true });
      wake(entry.view.actionId, delay);
      return;
    }
    if (!accepted.ran) {
      await change(sending, { attempts: entry.view.attempts });
      return;
    }
    log.info({ actionId: entry.view.actionId, correlationId: entry.view.correlationId, operationId: accepted.value.operationId }, 'action accepted');
    await change(sending, { status: 'ACCEPTED', operationId: accepted.value.operationId, nextAttemptAt: null }, { acceptedAt: iso(), reconcile: false });
    wake(entry.view.actionId, changedWhileSending.delete(entry.view.actionId) ? 0 : tuning.confirmPollMs);
  };

  const requested = async (entry: OutboxEntry): Promise<void> => {
    const due = entry.view.nextAttemptAt === null ? 0 : Date.parse(entry.view.nextAttemptAt) - now();
    if (due > 0) {
      wake(entry.view.actionId, due);
      return;
    }
    if (entry.reconcile && (givingUp(entry) || entry.view.resumedAfterRestart)) {
      await reconcile(entry);
      return;
    }
    await send(entry);
  };

  const pollDelay = (entry: OutboxEntry): number => {
    const since = entry.acceptedAt === null ? 0 : now() - Date.parse(entry.acceptedAt);
    return since > tuning.confirmLateAfterMs ? tuning.confirmPollLateMs : tuning.confirmPollMs;
  };

  const accepted = async (entry: OutboxEntry): Promise<void> => {
    let found: Turn<Found>;
    try {
      found = await asAgent(entry, async (client) =>
        readOwn(client, entry, entry.acceptedAt ?? entry.view.requestedAt),
      );
    } catch (error) {
      log.warn({ actionId: entry.view.actionId, err: error }, 'could not read the history for the confirmation');
      wake(entry.view.actionId, pollDelay(entry));
      return;
    }
    if (!found.ran) return;
    const next = await apply(entry, found.value);
    if (isUnderWay(next)) wake(next.view.actionId, pollDelay(next));
    else run(next.view.actionId);
  };

  const audits = createAuditDelivery({
    journal,
    remember: put,
    save: (entry) => store.save(entry).catch((error: unknown) => log.error({ actionId: entry.view.actionId, err: error }, 'outbox entry could not be saved')),
    send: async (entry, record) =>
      (
        await asAgent(entry, (client) =>
          client.request('createAuditRecord', { body: record, context: { correlationId: entry.view.correlationId, idempotencyKey: record.auditId } }),
        )
      ).ran,
    wake: (actionId, delayMs) => wake(actionId, delayMs),
    logger: log,
    tuning,
    random,
  });

  const step = async (actionId: string): Promise<void> => {
    const entry = entries.get(actionId);
    if (!entry || closed) return;
    switch (entry.view.status) {
      case 'REQUESTED':
        return requested(entry);
      case 'ACCEPTED':
        return accepted(entry);
      default:
        return audits.deliver(entry);
    }
  };

  // ---- what wakes actions up ---------------------------------------------------------------

  /** A live change to a token: read its history once for every action that waits on it. */
  const waitsOnHistory = (entry: OutboxEntry): boolean =>
    entry.view.status === 'ACCEPTED' ||
    (entry.view.status === 'CONFIRMED' &&
      entry.view.notification === null &&
      entry.completedAt !== null &&
      now() - Date.parse(entry.completedAt) < tuning.notificationWaitMs);

  const onTokenChanged = (virtualCardId: string): void => {
    if (closed) return;
    // The TSP can confirm before the answer to our send is in: look as soon as it is.
    const mine = onToken(virtualCardId);
    if (mine.length === 0) return;
    for (const entry of mine) if (entry.view.status === 'REQUESTED' && entry.view.attempts > 0) changedWhileSending.add(entry.view.actionId);
    if (tokenChecks.has(virtualCardId) || !mine.some(waitsOnHistory)) return;
    tokenChecks.set(
      virtualCardId,
      setTimeout(() => {
        tokenChecks.delete(virtualCardId);
        for (const entry of onToken(virtualCardId)) {
          if (!waitsOnHistory(entry)) continue;
          if (entry.view.status === 'CONFIRMED') void notificationCheck(entry.view.actionId);
          else run(entry.view.actionId);
        }
      }, tuning.tokenCheckDebounceMs),
    );
  };

  /** The notification record can trail the confirmation; it is picked up while it is still news. */
  const notificationCheck = async (actionId: string): Promise<void> => {
    const entry = entries.get(actionId);
    if (!entry || entry.view.status !== 'CONFIRMED' || entry.view.notification !== null) return;
    try {
      const found = await asAgent(entry, async (client) =>
        readOwn(client, entry, entry.acceptedAt ?? entry.view.requestedAt),
      );
      const latest = entries.get(actionId);
      if (found.ran && latest) await apply(latest, found.value);
    } catch (error) {
      log.debug({ actionId, err: error }, 'notification record not read');
    }
  };

  // ---- the outbox ---------------------------------------------------------------------------

  const prune = async (): Promise<void> => {
    const endedEntries = entries
      .all()
      .filter((entry) => isSettled(entry))
      .sort((a, b) => Date.parse(b.view.updatedAt) - Date.parse(a.view.updatedAt));
    const cutoff = now() - tuning.keepEndedMs;
    for (const [index, entry] of endedEntries.entries()) {
      if (index < tuning.keepEnded && Date.parse(entry.view.updatedAt) >= cutoff) continue;
      drop(entry);
      await store.remove(entry.view.actionId);
    }
  };

  return {
    async start() {
      const check = await journal.verify();
      for (const problem of check.problems) log.error({ file: journal.file, line: problem.line, problem: problem.problem }, 'audit journal problem');
      if (check.problems.length === 0) log.info({ lines: check.lines }, 'audit journal verified');
      const loaded = await store.load();
      for (const problem of loaded.problems) {
        log.error({ dir: store.dir, file: problem.file, problem: problem.problem, keptAs: problem.keptAs }, 'outbox entry damaged; kept aside, not resumed');
      }
      for (const entry of loaded.entries) {
        let next = entry;
        if (isUnderWay(entry)) {
          next = {
            ...entry,
            reconcile: entry.view.status === 'REQUESTED' && (entry.reconcile || entry.view.attempts > 0),
            view: { ...entry.view, resumedAfterRestart: true, nextAttemptAt: null },
          };
          log.info({ actionId: entry.view.actionId, status: entry.view.status, attempts: entry.view.attempts }, 'action resumed after a restart');
        } else if (entry.audit === null) {
          // Ended without its record (an entry edited by hand): the record is made now, once.
          next = { ...entry, audit: { record: auditRecordFor(entry, entry.completedAt ?? entry.view.updatedAt), journaled: false, stored: false } };
        } else if (!entry.audit.journaled && check.auditIds.has(entry.audit.record.auditId)) {
          // Journaled just before the crash, not yet marked: never a second line.
          next = { ...entry, audit: { ...entry.audit, journaled: true } };
        }
        put(next);
        if (next !== entry) await store.save(next);
      }
      await prune();
      unsubscribe = events.subscribe((envelope) => {
        if (envelope.name === 'session.changed') wakeAll();
        else if (envelope.name === 'token.changed') onTokenChanged(envelope.payload.virtualCardId);
        else if (envelope.name === 'live.reset') for (const entry of entries.all()) if (entry.view.status === 'ACCEPTED') run(entry.view.actionId);
      });
      wakeAll();
    },
    get: (actionId) => entries.get(actionId),
    underWayOn: (virtualCardId) => onToken(virtualCardId).some(isUnderWay),
    async add(asked) {
      if (entries.has(asked.view.actionId)) throw new Error('this action is already in the outbox');
      // Refused before sending: it ends here, and its one audit record is made with it.
      const entry: OutboxEntry =
        isUnderWay(asked) || asked.audit !== null
          ? asked
          : { ...asked, audit: { record: auditRecordFor(asked, asked.completedAt ?? asked.view.updatedAt), journaled: false, stored: false } };
      // Write-ahead: a failure here means nothing was sent, and the caller hears of it.
      await store.save(entry);
      put(entry);
      events.emit('action.changed', entry.view);
      run(entry.view.actionId);
      return entry.view;
    },
    list(agentId) {
      return entries
        .all()
        .filter((entry) => isUnderWay(entry) || entry.agent.agentId === agentId)
        .map((entry) => entry.view)
        .sort((a, b) => Date.parse(b.requestedAt) - Date.parse(a.requestedAt))
        .slice(0, LIST_LIMIT);
    },
    idle: (withinMs = 0) => steps.idle(withinMs, () => tokenChecks.size > 0),
    async close() {
      closed = true;
      unsubscribe?.();
      for (const timer of tokenChecks.values()) clearTimeout(timer);
      tokenChecks.clear();
      await steps.close(CLOSE_GRACE_MS);
      await journal.close();
    },
  };
};
