import { join } from 'node:path';
import type { AuditReceipt } from '../../../shared/api/audit';
import type { DamagedAction } from '../../../shared/api/integrity';
import type { TokenEvent } from '../../../shared/api/token-event';
import type { AuditJournal } from '../actions/audit-journal';
import { findOwnEvents } from '../actions/own-events';
import { openRecordFolder } from '../fs/record-folder';
import type { Logger } from '../logging/logger';
import { damagedActionFor, isUnidentified } from './damaged-action';
import type { IntegrityReports } from './integrity-reports';
import { PendingReconciliation, type ReconciledAfterDamage } from './reconciled-action';

/** What reconciling needs of the backend, as the signed-in agent's session gives it; null while there is none to ask. */
export interface ReconcileLookup {
  /** Who reads: the agent signed in. */
  readonly agentId: string;
  /** The token's history back to shortly before `since`, newest first. */
  history(virtualCardId: string, since: string): Promise<TokenEvent[]>;
  /** The backend's receipt of the TOKEN_ACTION record it wrote for this correlation id, when the reader may read the trail; null otherwise. */
  receipt(correlationId: string): Promise<AuditReceipt | null>;
}

export interface DamagedReconcilerOptions {
  /** The token actions' outbox folder: pending reconciliations are kept in its `damaged/` folder. */
  readonly outboxDir: string;
  readonly journal: Pick<AuditJournal, 'appendReconciled'>;
  readonly integrity?: Pick<IntegrityReports, 'recall' | 'settle'>;
  /** The backend as the signed-in agent reaches it, or null (signed out, not configured). */
  readonly lookup: () => ReconcileLookup | null;
  readonly logger: Logger;
  /** How long to wait before asking again when the backend could not answer, or the TSP has not answered yet. */
  readonly retryMs?: number;
  readonly now?: () => number;
}

export interface DamagedReconciler {
  /** Keeps a newly found damaged action on disk (before it is reconciled, so a crash loses nothing). */
  keep(pending: PendingReconciliation): Promise<void>;
  /** Loads what earlier runs left, shows their notices again, and tries every pending one. */
  start(journaled: ReadonlySet<string>): Promise<void>;
  /** A session or the connection changed: try every pending one now. */
  wake(): void;
  /** How many wait (tests). */
  pending(): number;
  /** Resolves when no attempt is running (tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const FALLBACK_SINCE = '1970-01-01T00:00:00.000Z';

type Verdict =
  | { readonly outcome: 'CONFIRMED' | 'FAILED' | 'NOT_SENT'; readonly operationId: string | null; readonly failure: ReconciledAfterDamage['failure'] }
  | { readonly outcome: 'WAIT' };

/** What the history says of the action with this correlation id: found by its AGENT_ACTION, then its operation's own events. */
const verdictOf = (events: readonly TokenEvent[], correlationId: string): Verdict => {
  const taken = events.find((event) => event.kind === 'AGENT_ACTION' && event.correlationId === correlationId);
  if (taken === undefined || taken.kind !== 'AGENT_ACTION') return { outcome: 'NOT_SENT', operationId: null, failure: null };
  const { operation, operationId } = taken.detail;
  const own = findOwnEvents(events, { operation, correlationId, operationId });
  if (own.confirmedAt !== null) return { outcome: 'CONFIRMED', operationId, failure: null };
  if (own.failed !== null) return { outcome: 'FAILED', operationId, failure: own.failed.failure };
  // Taken, and the token platform has not answered yet: asked again later.
  return { outcome: 'WAIT' };
};

/**
 * A damaged outbox file's action, reconciled with the backend. Nothing is ever sent again from
 * here: the caller may no longer be on the line, and whether to do it again is the agent's choice.
 * The token's history, read as whichever agent is signed in (a read, attributed to them), says
 * whether the backend took it (the AGENT_ACTION with its correlation id) and how it ended. Then the
 * journal gets its line, the banner says what became of it, and the pending record goes. Until the
 * backend can be asked (signed out, not reachable) it stays on disk and is tried on every sign-in,
 * every reconnection and on a timer; an action with nothing identifying left stays UNKNOWN, said
 * so and journaled at once.
 */
export const createDamagedReconciler = (options: DamagedReconcilerOptions): DamagedReconciler => {
  const log = options.logger.child({ component: 'damaged-actions' });
  const folder = openRecordFolder({ dir: join(options.outboxDir, 'damaged'), schema: PendingReconciliation, idOf: (pending) => pending.identity.actionId, kind: 'the pending reconciliation schema' });
  const retryMs = options.retryMs ?? 30_000;
  const now = options.now ?? Date.now;
  const waiting = new Map<string, PendingReconciliation>();
  const journaled = new Set<string>();
  const running = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const later = (): void => {
    if (closed || timer !== null || waiting.size === 0) return;
    timer = setTimeout(() => {
      timer = null;
      wake();
    }, retryMs).unref();
  };

  const finish = async (pending: PendingReconciliation, reconciled: ReconciledAfterDamage, receipt: AuditReceipt | null): Promise<void> => {
    if (!journaled.has(pending.auditId)) {
      await options.journal.appendReconciled(reconciled, receipt);
      journaled.add(pending.auditId);
    }
    const shown: DamagedAction = {
      ...damagedActionFor(pending.file, pending.identity),
      reconciled: reconciled.outcome,
      ...(reconciled.failure !== null ? { failure: reconciled.failure } : {}),
    };
    if (pending.reportId !== null) options.integrity?.settle(pending.reportId, shown);
    waiting.delete(pending.identity.actionId);
    await folder.remove(pending.identity.actionId);
    log.info({ actionId: pending.identity.actionId, correlationId: pending.identity.correlationId, outcome: reconciled.outcome }, 'damaged action reconciled');
  };

  const base = (pending: PendingReconciliation): Omit<ReconciledAfterDamage, 'outcome' | 'operationId' | 'failure' | 'readBy'> => ({
    auditId: pending.auditId,
    identity: pending.identity,
    file: pending.file,
    keptAs: pending.keptAs,
    reconciledAt: new Date(now()).toISOString(),
  });

  const attempt = async (pending: PendingReconciliation): Promise<void> => {
    const { identity } = pending;
    if (isUnidentified(identity) || identity.correlationId === null || identity.virtualCardId === null) {
      await finish(pending, { ...base(pending), outcome: 'UNKNOWN', operationId: null, failure: null, readBy: null }, null);
      return;
    }
    const lookup = options.lookup();
    if (lookup === null) return;
    let verdict: Verdict;
    let receipt: AuditReceipt | null = null;
    try {
      verdict = verdictOf(await lookup.history(identity.virtualCardId, identity.requestedAt ?? FALLBACK_SINCE), identity.correlationId);
      if (verdict.outcome !== 'WAIT' && verdict.outcome !== 'NOT_SENT') receipt = await lookup.receipt(identity.correlationId).catch(() => null);
    } catch (error) {
      log.warn({ actionId: identity.actionId, err: error, retryInMs: retryMs }, 'damaged action not reconciled yet: the backend could not be asked');
      later();
      return;
    }
    if (verdict.outcome === 'WAIT') {
      log.info({ actionId: identity.actionId }, 'damaged action taken by the backend; its outcome is not in yet');
      later();
      return;
    }
    if (verdict.outcome === 'NOT_SENT') log.warn({ actionId: identity.actionId, correlationId: identity.correlationId }, 'damaged action never reached the backend; not sent again (the agent decides)');
    await finish(pending, { ...base(pending), outcome: verdict.outcome, operationId: verdict.operationId, failure: verdict.failure, readBy: lookup.agentId }, receipt);
  };

  const track = (work: Promise<void>): void => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  const inFlight = new Set<string>();
  const wake = (): void => {
    if (closed) return;
    for (const pending of waiting.values()) {
      const { actionId } = pending.identity;
      if (inFlight.has(actionId)) continue;
      inFlight.add(actionId);
      track(
        attempt(pending)
          .catch((error: unknown) => {
            log.error({ actionId, err: error }, 'damaged action reconciliation failed; trying again later');
            later();
          })
          .finally(() => inFlight.delete(actionId)),
      );
    }
  };

  return {
    async keep(pending) {
      await folder.save(pending);
      waiting.set(pending.identity.actionId, pending);
    },
    async start(already) {
      for (const auditId of already) journaled.add(auditId);
      const loaded = await folder.load();
      for (const problem of loaded.problems) log.error({ file: problem.file, problem: problem.problem, keptAs: problem.keptAs }, 'pending reconciliation damaged; kept aside');
      for (const pending of loaded.entries) {
        if (waiting.has(pending.identity.actionId)) continue;
        waiting.set(pending.identity.actionId, pending);
        if (pending.reportId !== null) {
          options.integrity?.recall({
            reportId: pending.reportId,
            subject: 'OUTBOX_ENTRY',
            detectedAt: pending.detectedAt,
            findings: pending.findings,
            findingCount: pending.findings.length,
            keptAs: pending.keptAs,
            action: damagedActionFor(pending.file, pending.identity),
          });
        }
      }
      wake();
    },
    wake,
    pending: () => waiting.size,
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
    async close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await Promise.allSettled([...running]);
    },
  };
};
