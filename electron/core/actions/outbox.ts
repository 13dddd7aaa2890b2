import { randomUUID } from 'node:crypto';
import type { TokenEvent } from '../../../shared/api/token-event';
import type { ActionView } from '../../../shared/contract/actions';
import type { BackendClient } from '../backend/backend-client';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { AgentSessionManager } from '../session/agent-session';
import { isSettled, isUnderWay, type OutboxEntry } from './action-entry';
import type { ActionPolicyCache } from './action-policy';
import { createActionProgress } from './action-progress';
import { createActionTraces } from './action-traces';
import { DEFAULT_ACTION_TUNING, type ActionTuning } from './action-tuning';
import { createAgentTurns } from './agent-turns';
import type { AuditJournal } from './audit-journal';
import { damagedActionFor, salvagedIdentityOf } from '../integrity/damaged-action';
import { createDamagedReconciler, type ReconcileLookup } from '../integrity/damaged-reconciler';
import type { IntegrityReports } from '../integrity/integrity-reports';
import { openIdentityStore, type ActionIdentity } from './action-identity';
import { createAuditDelivery } from './audit-delivery';
import { awaitsNotification, createConfirmStep } from './confirm-step';
import { createKeyedSteps } from './keyed-steps';
import { createOutboxEntries } from './outbox-entries';
import { resumedEntry } from './outbox-resume';
import type { OutboxStore } from './outbox-store';
import { createSendStep } from './send-step';
import { readRecentHistory } from './token-history';
import { createWriteAhead } from './write-ahead';

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
  /** Where a damaged journal or outbox entry is reported (a banner, the backend); absent in tests that do not look. */
  readonly integrity?: Pick<IntegrityReports, 'report' | 'recall' | 'settle'>;
  /** Injectable for tests: the clock (milliseconds since the epoch) and the jitter source. */
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * Main's durable outbox of token actions, a coordinator of steps that each stand alone:
 *
 * write ahead (write-ahead.ts): on disk (fsynced) with its correlation id and Idempotency-Key
 *   before its first send;
 * REQUESTED (send-step.ts): sent, retried under the same key, reconciled with the history when an
 *   answer may have been lost;
 * ACCEPTED (confirm-step.ts): confirmed (or failed) by the TSP's event for our operationId, as the
 *   live stream brings it (action-traces.ts), with the history read only as the fallback;
 * CONFIRMED / FAILED (audit-delivery.ts): final; the console's one record goes to the journal with
 *   the backend's receipt of the record the backend wrote itself when it took the action.
 *
 * Every step runs one at a time per action (keyed-steps.ts) and only while the agent who asked for
 * it holds the session (agent-turns.ts); until that agent signs in again the action waits, and
 * actions.list shows it. On start, unfinished actions resume (outbox-resume.ts).
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
  /** Damaged actions still to reconcile with the backend, and a wait for the attempts running (tests). */
  readonly damaged: { pending(): number; idle(): Promise<void> };
  close(): Promise<void>;
}

const LIST_LIMIT = 500;
/** How long quitting waits for steps under way (a send awaiting its answer resumes on the next start). */
const CLOSE_GRACE_MS = 2_000;

export const createOutbox = (options: OutboxOptions): Outbox => {
  const { store, journal, events, logger } = options;
  const tuning: ActionTuning = { ...DEFAULT_ACTION_TUNING, ...options.tuning };
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const log = logger.child({ component: 'outbox' });

  const entries = createOutboxEntries();
  let closed = false;
  let unsubscribe: (() => void) | null = null;

  const steps = createKeyedSteps({
    step: (actionId) => step(actionId),
    onError: (actionId, error) => log.error({ actionId, err: error }, 'outbox step failed; trying again later'),
    retryMs: tuning.retryMaxDelayMs,
    now,
  });
  const { run } = steps;

  const progress = createActionProgress({ entries, store, events, logger: log, now });
  const turns = createAgentTurns({ session: options.session, backend: options.backend });
  const notificationDue = (entry: OutboxEntry): boolean => awaitsNotification(entry, tuning.notificationWaitMs, now());
  /** Under way, or confirmed with its notification still to come: its token's changes matter. */
  const wantsTraces = (entry: OutboxEntry): boolean => isUnderWay(entry) || notificationDue(entry);
  const traces = createActionTraces({ watching: (virtualCardId) => entries.onToken(virtualCardId).some(wantsTraces) });
  const confirm = createConfirmStep({ progress, turns, traces, policy: options.policy, schedule: steps, tuning, now, logger: log });
  const send = createSendStep({ progress, turns, traces, confirm, schedule: steps, tuning, now, random, logger: log });
  const audits = createAuditDelivery({
    journal,
    remember: (entry) => entries.put(entry),
    save: (entry) => store.save(entry).catch((error: unknown) => log.error({ actionId: entry.view.actionId, err: error }, 'outbox entry could not be saved')),
    logger: log,
  });
  const identities = openIdentityStore(store.dir);
  const writeAhead = createWriteAhead({ entries, store, identities, events, start: run, toSend: (entry) => send.countedAhead(entry) });

  /** The backend as whoever is signed in reaches it: reading a damaged action's traces is a read, not the action. */
  const lookup = (): ReconcileLookup | null => {
    const held = options.session.identity();
    if (held === null) return null;
    let client: BackendClient;
    try {
      client = options.backend();
    } catch {
      return null;
    }
    const context = () => ({ correlationId: randomUUID(), idempotencyKey: randomUUID() });
    return {
      agentId: held.agent.agentId,
      history: (virtualCardId, since) => options.session.withSession(() => readRecentHistory(client, virtualCardId, since, context())),
      async receipt(correlationId) {
        // The trail is for supervisors and administrators; an agent's console has no receipt to read.
        if (held.agent.role === 'agent') return null;
        const page = await options.session.withSession(() => client.request('listAuditRecords', { query: { correlationId, kind: 'TOKEN_ACTION', limit: 1 }, context: context() }));
        const record = page.items[0];
        return record === undefined ? null : { recordId: record.recordId, hash: record.hash };
      },
    };
  };
  const damaged = createDamagedReconciler({ outboxDir: store.dir, journal, integrity: options.integrity, lookup, logger: log, retryMs: tuning.retryMaxDelayMs, now });

  const step = async (actionId: string): Promise<void> => {
    const entry = entries.get(actionId);
    if (!entry || closed) return;
    switch (entry.view.status) {
      case 'REQUESTED':
        return send.requested(entry);
      case 'ACCEPTED':
        return confirm.accepted(entry);
      default: {
        const latest = notificationDue(entry) ? await confirm.notified(entry) : entry;
        return audits.deliver(latest);
      }
    }
  };

  const wakeAll = (): void => {
    for (const entry of entries.all()) if (!isSettled(entry) || wantsTraces(entry)) run(entry.view.actionId);
  };

  /** The stream came back, went down or lost its position: the actions waiting on it look again. */
  const wakeWaiting = (): void => {
    for (const entry of entries.all()) if (entry.view.status === 'ACCEPTED' || notificationDue(entry)) run(entry.view.actionId);
  };

  /** A change on the live stream: the actions waiting on its token look at it (no history read). */
  const onTokenChanged = (event: TokenEvent): void => {
    if (!traces.record(event)) return;
    for (const entry of entries.onToken(event.virtualCardId)) if (wantsTraces(entry)) run(entry.view.actionId);
  };

  const prune = async (): Promise<void> => {
    const endedEntries = entries
      .all()
      .filter((entry) => isSettled(entry))
      .sort((a, b) => Date.parse(b.view.updatedAt) - Date.parse(a.view.updatedAt));
    const cutoff = now() - tuning.keepEndedMs;
    for (const [index, entry] of endedEntries.entries()) {
      if (index < tuning.keepEnded && Date.parse(entry.view.updatedAt) >= cutoff) continue;
      entries.drop(entry);
      await store.remove(entry.view.actionId);
      await identities.remove(entry.view.actionId);
    }
  };

  return {
    async start() {
      const check = await journal.start();
      for (const problem of check.problems) log.error({ file: journal.file, line: problem.line, problem: problem.problem, keptAs: check.keptAs }, 'audit journal problem');
      // A journal from before the head file: informational, recorded in the journal itself, no alarm.
      if (check.adopted) log.info({ lines: check.adopted.lines }, 'audit journal from before its head file adopted; its head is kept from now on');
      if (check.problems.length === 0) log.info({ lines: check.lines }, 'audit journal verified');
      else await options.integrity?.report({ subject: 'AUDIT_JOURNAL', findings: check.problems.map(({ line, problem }) => ({ line, problem })), keptAs: check.keptAs, action: null });
      const loaded = await store.load();
      const identified = await identities.load();
      for (const problem of identified.problems) log.error({ file: problem.file, problem: problem.problem }, 'action identity damaged; kept aside');
      const headers = new Map<string, ActionIdentity>(identified.entries.map((identity) => [identity.actionId, identity]));
      for (const problem of loaded.problems) {
        log.error({ dir: store.dir, file: problem.file, problem: problem.problem, keptAs: problem.keptAs }, 'outbox entry damaged; kept aside, not resumed');
        const identity = await salvagedIdentityOf(store.dir, problem, headers.get(problem.file.slice(0, 36)));
        const findings = [{ line: 0, problem: `${problem.file}: ${problem.problem}` }];
        const reportId = await options.integrity?.report({ subject: 'OUTBOX_ENTRY', findings, keptAs: problem.keptAs, action: identity === null ? null : damagedActionFor(problem.file, identity) });
        // Kept until the backend says what became of it; never sent again from here.
        if (identity !== null) {
          await damaged.keep({ version: 1, identity, file: problem.file, keptAs: problem.keptAs, auditId: randomUUID(), reportId: reportId ?? null, detectedAt: new Date(now()).toISOString(), findings });
        }
      }
      // An identity whose entry is gone (ended and pruned, or a write-ahead that never got its entry) has nothing left to identify.
      for (const identity of identified.entries) {
        if (!loaded.entries.some((entry) => entry.view.actionId === identity.actionId)) await identities.remove(identity.actionId);
      }
      await damaged.start(check.auditIds);
      for (const entry of loaded.entries) {
        const next = resumedEntry(entry, check.auditIds);
        if (isUnderWay(entry)) log.info({ actionId: entry.view.actionId, status: entry.view.status, attempts: entry.view.attempts }, 'action resumed after a restart');
        entries.put(next);
        if (next !== entry) await store.save(next);
      }
      await prune();
      unsubscribe = events.subscribe((envelope) => {
        if (closed) return;
        switch (envelope.name) {
          case 'session.changed':
            wakeAll();
            damaged.wake();
            break;
          case 'live.status':
            traces.streamState(envelope.payload.state);
            wakeWaiting();
            damaged.wake();
            break;
          case 'live.reset':
            traces.uncover();
            wakeWaiting();
            break;
          case 'token.changed':
            onTokenChanged(envelope.payload.event);
            break;
          default:
            break;
        }
      });
      wakeAll();
    },
    get: (actionId) => entries.get(actionId),
    underWayOn: (virtualCardId) => entries.onToken(virtualCardId).some(isUnderWay),
    add: (entry) => writeAhead(entry),
    list(agentId) {
      return entries
        .all()
        .filter((entry) => isUnderWay(entry) || entry.agent.agentId === agentId)
        .map((entry) => entry.view)
        .sort((a, b) => Date.parse(b.requestedAt) - Date.parse(a.requestedAt))
        .slice(0, LIST_LIMIT);
    },
    idle: (withinMs = 0) => steps.idle(withinMs),
    damaged: { pending: () => damaged.pending(), idle: () => damaged.idle() },
    async close() {
      closed = true;
      unsubscribe?.();
      await damaged.close();
      await steps.close(CLOSE_GRACE_MS);
      await progress.flush();
      await journal.close();
    },
  };
};
