import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditReceipt } from '../../../../shared/api/audit';
import type { DamagedAction } from '../../../../shared/api/integrity';
import type { TokenEvent } from '../../../../shared/api/token-event';
import type { IntegrityNotice } from '../../../../shared/contract';
import { ReconciledLine, openAuditJournal, verifyJournal, type AuditJournal } from '../../../../electron/core/actions/audit-journal';
import { createDamagedReconciler, type DamagedReconciler, type ReconcileLookup } from '../../../../electron/core/integrity/damaged-reconciler';
import type { PendingReconciliation, SalvagedIdentity } from '../../../../electron/core/integrity/reconciled-action';
import { memoryLogger } from '../../electron/helpers/memory-logger';
import { agentAction, confirmation, operationFailed } from '../actions/support/events';

/**
 * A damaged outbox file's action, reconciled with the backend through a fake lookup (the token's
 * history as the signed-in agent reads it): confirmed, failed, never sent, backend down then up,
 * and nothing identifying left. The journal is the real one on disk.
 */
let dir: string;
let journal: AuditJournal;
const reconcilers: DamagedReconciler[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-damaged-'));
  journal = openAuditJournal(join(dir, 'audit', 'audit-journal.jsonl'));
});
afterEach(async () => {
  await Promise.all(reconcilers.splice(0).map((reconciler) => reconciler.close()));
  await journal.close();
  await rm(dir, { recursive: true, force: true });
});

const outboxDir = (): string => join(dir, 'outbox');
const CORRELATION = 'corr-damaged-1';
const RECEIPT: AuditReceipt = { recordId: randomUUID(), hash: 'h'.repeat(43) };

const identity = (overrides: Partial<SalvagedIdentity> = {}): SalvagedIdentity => ({
  actionId: randomUUID(),
  correlationId: CORRELATION,
  virtualCardId: 'VCWATCH00001',
  operation: 'suspend',
  tokenLastFour: '6604',
  requestedAt: '2026-11-23T09:00:00.000Z',
  agentId: 'agent.sato',
  from: 'HEADER',
  ...overrides,
});

const pendingOf = (salvaged: SalvagedIdentity): PendingReconciliation => ({
  version: 1,
  identity: salvaged,
  file: `${salvaged.actionId}.json`,
  keptAs: `${salvaged.actionId}.json.20261123T090000000Z.damaged`,
  auditId: randomUUID(),
  reportId: randomUUID(),
  detectedAt: '2026-11-23T09:05:00.000Z',
  findings: [{ line: 0, problem: `${salvaged.actionId}.json: not valid JSON (truncated or overwritten)` }],
});

interface World {
  readonly reconciler: DamagedReconciler;
  readonly settled: Map<string, DamagedAction>;
  readonly recalled: Omit<IntegrityNotice, 'reported'>[];
  readonly reads: string[];
  readonly receipts: string[];
  online: boolean;
  signedIn: boolean;
  history: TokenEvent[];
}

const world = (history: TokenEvent[] = []): World => {
  const state: Omit<World, 'reconciler'> = { settled: new Map(), recalled: [], reads: [], receipts: [], online: true, signedIn: true, history };
  const lookup = (): ReconcileLookup | null =>
    state.signedIn
      ? {
          agentId: 'agent.sato',
          history: async (virtualCardId) => {
            state.reads.push(virtualCardId);
            if (!state.online) throw new Error('connect ECONNREFUSED');
            return state.history;
          },
          receipt: async (correlationId) => {
            state.receipts.push(correlationId);
            return RECEIPT;
          },
        }
      : null;
  const reconciler = createDamagedReconciler({
    outboxDir: outboxDir(),
    journal,
    integrity: { recall: (notice) => void state.recalled.push(notice), settle: (reportId, action) => void state.settled.set(reportId, action) },
    lookup,
    logger: memoryLogger().logger,
    retryMs: 60_000,
  });
  reconcilers.push(reconciler);
  return Object.assign(state, { reconciler });
};

const lines = async (): Promise<ReconciledLine[]> =>
  (await readFile(journal.file, 'utf8').catch(() => ''))
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => ReconciledLine.parse(JSON.parse(line)));

const pendingFiles = async (): Promise<string[]> => (await readdir(join(outboxDir(), 'damaged')).catch(() => [])).filter((name) => name.endsWith('.json'));

const reconcile = async (w: World, pending: PendingReconciliation): Promise<void> => {
  await w.reconciler.keep(pending);
  await w.reconciler.start(new Set());
  await w.reconciler.idle();
};

describe('a damaged outbox file’s action, reconciled with the backend', () => {
  it('reached the backend and confirmed: journaled as CONFIRMED with the backend’s receipt, the notice says done', async () => {
    const w = world([confirmation('suspend', 'OPDAMAGED0001'), agentAction('suspend', 'OPDAMAGED0001', { correlationId: CORRELATION })]);
    const pending = pendingOf(identity());
    await reconcile(w, pending);
    const [line] = await lines();
    expect(line?.reconciledAfterDamage).toMatchObject({ auditId: pending.auditId, outcome: 'CONFIRMED', operationId: 'OPDAMAGED0001', failure: null, readBy: 'agent.sato', identity: { correlationId: CORRELATION, from: 'HEADER' } });
    expect(line?.receipt).toEqual(RECEIPT);
    expect(w.receipts).toEqual([CORRELATION]);
    expect(w.settled.get(pending.reportId ?? '')).toMatchObject({ reconciled: 'CONFIRMED', operation: 'suspend', tokenLastFour: '6604' });
    expect(w.reconciler.pending()).toBe(0);
    expect(await pendingFiles()).toEqual([]);
    expect((await verifyJournal(journal.file)).problems).toEqual([]);
  });

  it('reached the backend and failed at the token service: journaled as FAILED with the reason, and the notice says why', async () => {
    const w = world([operationFailed('suspend', 'OPDAMAGED0002', { errorCode: '221' }), agentAction('suspend', 'OPDAMAGED0002', { correlationId: CORRELATION })]);
    const pending = pendingOf(identity());
    await reconcile(w, pending);
    const [line] = await lines();
    expect(line?.reconciledAfterDamage).toMatchObject({ outcome: 'FAILED', operationId: 'OPDAMAGED0002', failure: { code: 'TSP_FAILED', tspErrorCode: '221' } });
    expect(w.settled.get(pending.reportId ?? '')).toMatchObject({ reconciled: 'FAILED', failure: { code: 'TSP_FAILED', tspErrorCode: '221' } });
  });

  it('never reached the backend: NOT_SENT, said plainly, and nothing is sent again', async () => {
    // Another action on the same token, under another correlation id, is not this one.
    const w = world([agentAction('suspend', 'OPOTHER00001', { correlationId: 'corr-someone-else' })]);
    const pending = pendingOf(identity());
    await reconcile(w, pending);
    const [line] = await lines();
    expect(line?.reconciledAfterDamage).toMatchObject({ outcome: 'NOT_SENT', operationId: null, failure: null });
    expect(line?.receipt).toBeNull();
    expect(w.settled.get(pending.reportId ?? '')).toMatchObject({ reconciled: 'NOT_SENT' });
    // The lookup reads; it has no way to send, and the one read is all that happened.
    expect(w.reads).toEqual(['VCWATCH00001']);
    expect(w.receipts).toEqual([]);
  });

  it('taken by the backend with no answer from the token service yet: stays pending, asked again later', async () => {
    const w = world([agentAction('suspend', 'OPDAMAGED0003', { correlationId: CORRELATION })]);
    const pending = pendingOf(identity());
    await reconcile(w, pending);
    expect(await lines()).toEqual([]);
    expect(w.reconciler.pending()).toBe(1);
    w.history = [confirmation('suspend', 'OPDAMAGED0003'), ...w.history];
    w.reconciler.wake();
    await w.reconciler.idle();
    expect((await lines()).map((line) => line.reconciledAfterDamage.outcome)).toEqual(['CONFIRMED']);
  });

  it('backend down, then up (and across a restart): kept pending on disk, never lost, reconciled on the next connection', async () => {
    const first = world([agentAction('suspend', 'OPDAMAGED0004', { correlationId: CORRELATION }), confirmation('suspend', 'OPDAMAGED0004')]);
    first.online = false;
    const pending = pendingOf(identity());
    await reconcile(first, pending);
    expect(first.reads).toHaveLength(1);
    expect(await lines()).toEqual([]);
    expect(first.settled.size).toBe(0);
    expect(await pendingFiles()).toEqual([`${pending.identity.actionId}.json`]);
    await first.reconciler.close();

    // The next start: the notice is shown again, still unknown, and signed out nothing is read.
    const second = world(first.history);
    second.signedIn = false;
    await second.reconciler.start(new Set());
    await second.reconciler.idle();
    expect(second.recalled).toEqual([expect.objectContaining({ reportId: pending.reportId, subject: 'OUTBOX_ENTRY', action: expect.objectContaining({ reconciled: 'UNKNOWN' }) })]);
    expect(second.reads).toEqual([]);
    expect(second.reconciler.pending()).toBe(1);
    // Signed in with the backend up: reconciled.
    second.signedIn = true;
    second.reconciler.wake();
    await second.reconciler.idle();
    expect((await lines()).map((line) => line.reconciledAfterDamage.outcome)).toEqual(['CONFIRMED']);
    expect(second.settled.get(pending.reportId ?? '')).toMatchObject({ reconciled: 'CONFIRMED' });
    expect(await pendingFiles()).toEqual([]);
  });

  it('a line journaled just before a crash is not written twice', async () => {
    const w = world([agentAction('suspend', 'OPDAMAGED0005', { correlationId: CORRELATION }), confirmation('suspend', 'OPDAMAGED0005')]);
    const pending = pendingOf(identity());
    await w.reconciler.keep(pending);
    await w.reconciler.start(new Set([pending.auditId]));
    await w.reconciler.idle();
    expect(await lines()).toEqual([]);
    expect(w.settled.get(pending.reportId ?? '')).toMatchObject({ reconciled: 'CONFIRMED' });
    expect(await pendingFiles()).toEqual([]);
  });

  it('torn so that nothing identifying is left: stays UNKNOWN, says so, and is journaled without asking the backend', async () => {
    const w = world();
    const nothing = identity({ correlationId: null, virtualCardId: null, operation: null, tokenLastFour: null, requestedAt: null, agentId: null, from: 'NOTHING' });
    const pending = pendingOf(nothing);
    await reconcile(w, pending);
    const [line] = await lines();
    expect(line?.reconciledAfterDamage).toMatchObject({ outcome: 'UNKNOWN', readBy: null, identity: { from: 'NOTHING', actionId: nothing.actionId } });
    expect(w.settled.get(pending.reportId ?? '')).toMatchObject({ reconciled: 'UNKNOWN', unidentified: true });
    expect(w.reads).toEqual([]);
    expect(await pendingFiles()).toEqual([]);
  });
});
