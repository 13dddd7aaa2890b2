import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TRAIL_GENESIS, type AuditRecord } from '../../../../shared/api/audit';
import type { AuditExport } from '../../../../shared/contract';
import { actionsStore, ok, settle } from '../actions/builders';
import { buildSignedIn } from '../builders';

/** A sign-in record: the simplest record of the trail; the store lists records whatever their kind. */
const record = (sequence: number): AuditRecord => ({
  recordId: randomUUID(),
  sequence,
  at: '2026-12-04T01:02:03.000Z',
  kind: 'SIGN_IN',
  actor: { type: 'AGENT', agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' },
  workstationId: 'ws-test',
  correlationId: null,
  outcome: 'SUCCEEDED',
  cardholder: null,
  token: null,
  detail: { sessionExpiresAt: '2026-12-04T09:02:03.000Z' },
  previousHash: TRAIL_GENESIS,
  hash: TRAIL_GENESIS,
});

const exportView = (overrides: Partial<AuditExport> = {}): AuditExport => ({
  exportId: randomUUID(),
  fileName: 'audit.csv',
  format: 'csv',
  state: 'running',
  records: 0,
  bytes: 0,
  startedAt: '2026-12-04T01:02:03.000Z',
  finishedAt: null,
  error: null,
  ...overrides,
});

/** A trail of `total` records, newest first, paged by the cursor (the index of the next page's first record). */
const pagedTrail = (total: number) => (input: unknown) => {
  const { cursor, limit = 100 } = input as { cursor?: string; limit?: number };
  const from = cursor === undefined ? 0 : Number(cursor);
  const items = Array.from({ length: Math.min(limit, total - from) }, (_, n) => record(total - from - n));
  return ok({ items, nextCursor: from + limit < total ? String(from + limit) : null });
};

const supervisorStore = (answers: Parameters<typeof actionsStore>[0]) => {
  const built = actionsStore(answers);
  built.store.setState({ session: buildSignedIn({ agentId: 'supervisor.suzuki', role: 'supervisor' }) });
  return built;
};

describe('the supervision area in the store', () => {
  it('opens for a supervisor and an administrator, never for an agent', () => {
    const { store } = actionsStore({});
    store.getState().setDeskView('supervision');
    expect(store.getState().deskView).toBe('desk');
    store.setState({ session: buildSignedIn({ role: 'admin' }) });
    store.getState().setDeskView('supervision');
    expect(store.getState().deskView).toBe('supervision');
    store.getState().setDeskView('desk');
    expect(store.getState().deskView).toBe('desk');
  });

  it('loads the first page, then the older ones by cursor, until the oldest', async () => {
    const { store, calls } = supervisorStore({ 'audit.list': pagedTrail(250) });
    await store.getState().loadAudit({ kind: 'SIGN_IN' });
    expect(store.getState().auditList).toMatchObject({ loaded: true, loading: null, nextCursor: '100' });
    await store.getState().loadMoreAudit();
    await store.getState().loadMoreAudit();
    const list = store.getState().auditList;
    expect(list.items).toHaveLength(250);
    expect(list.items.map((item) => item.sequence)).toEqual(Array.from({ length: 250 }, (_, n) => 250 - n));
    expect(list.nextCursor).toBeNull();
    await store.getState().loadMoreAudit();
    expect(calls('audit.list')).toEqual([
      { filter: { kind: 'SIGN_IN' }, limit: 100 },
      { filter: { kind: 'SIGN_IN' }, cursor: '100', limit: 100 },
      { filter: { kind: 'SIGN_IN' }, cursor: '200', limit: 100 },
    ]);
  });

  it('drops a page that comes back for a filter no longer shown', async () => {
    let answerFirst = (): void => undefined;
    const { store } = supervisorStore({
      'audit.list': (input) => {
        const { filter } = input as { filter: { agentId?: string } };
        if (filter.agentId === 'agent.slow') return new Promise((resolve) => (answerFirst = () => resolve(ok({ items: [record(1)], nextCursor: null }))));
        return ok({ items: [record(7), record(6)], nextCursor: null });
      },
    });
    const slow = store.getState().loadAudit({ agentId: 'agent.slow' });
    await store.getState().loadAudit({ agentId: 'agent.sato' });
    answerFirst();
    await slow;
    expect(store.getState().auditList.filter).toEqual({ agentId: 'agent.sato' });
    expect(store.getState().auditList.items.map((item) => item.sequence)).toEqual([7, 6]);
  });

  it('keeps a failed load with what failed, and the next try clears it', async () => {
    let fail = true;
    const { store } = supervisorStore({
      'audit.list': () =>
        fail ? { ok: false, error: { code: 'FORBIDDEN_ROLE', messageKey: 'errors.forbiddenRole', correlationId: 'c-1' } } : ok({ items: [record(1)], nextCursor: null }),
    });
    await store.getState().loadAudit();
    expect(store.getState().auditList.error).toMatchObject({ load: 'first', error: { code: 'FORBIDDEN_ROLE' } });
    fail = false;
    await store.getState().loadAudit();
    expect(store.getState().auditList).toMatchObject({ error: null, loaded: true });
  });

  it('follows an export from its start through main’s events, and cancels the one under way', async () => {
    const started = exportView();
    const { store, calls, fake, followEvents } = supervisorStore({
      'audit.export': () => ok({ export: started }),
      'audit.cancelExport': () => ok({ cancelled: true }),
    });
    followEvents();
    store.setState({ auditList: { ...store.getState().auditList, filter: { outcome: 'REFUSED' } } });
    await store.getState().startAuditExport('jsonl');
    expect(calls('audit.export')).toEqual([{ filter: { outcome: 'REFUSED' }, format: 'jsonl' }]);
    expect(store.getState().auditExport).toMatchObject({ starting: false, current: { exportId: started.exportId, state: 'running' } });

    fake.emit({ name: 'export.changed', payload: { ...started, records: 400, bytes: 9000 } });
    await settle();
    expect(store.getState().auditExport.current?.records).toBe(400);
    // Another export's report does not replace the one under way.
    fake.emit({ name: 'export.changed', payload: exportView({ state: 'done' }) });
    await settle();
    expect(store.getState().auditExport.current?.exportId).toBe(started.exportId);

    await store.getState().cancelAuditExport();
    expect(calls('audit.cancelExport')).toEqual([{ exportId: started.exportId }]);
    fake.emit({ name: 'export.changed', payload: { ...started, state: 'cancelled', finishedAt: '2026-12-04T01:02:04.000Z' } });
    await settle();
    expect(store.getState().auditExport.current?.state).toBe('cancelled');
  });

  it('says nothing when the supervisor closes the save dialog', async () => {
    const { store } = supervisorStore({ 'audit.export': () => ok({ export: null }) });
    await store.getState().startAuditExport('csv');
    expect(store.getState().auditExport).toEqual({ current: null, starting: false, startError: null });
  });

  it('forgets the area and its records at sign-out', async () => {
    const { store } = supervisorStore({ 'audit.list': pagedTrail(3) });
    store.getState().setDeskView('supervision');
    await store.getState().loadAudit();
    store.setState(store.getState().internal_signedOutState());
    expect(store.getState().deskView).toBe('desk');
    expect(store.getState().auditList.items).toEqual([]);
  });
});
