import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRecord, AuditRecordStored } from '../../../shared/api/audit';
import { pageOf } from '../../../shared/api/model';
import { clientKeyOf, knownFixtures, startSandbox } from '../../../sandbox/index';
import { auditRecordOf } from './audit-fixture';
import { errorOf, startHarness, type Harness } from './harness';

/**
 * POST and GET /api/v1/audit-records over real HTTP: stored once whatever the retries, only as
 * the signed-in agent, read by supervisors and administrators newest first with filters and
 * cursor paging, and kept across a restart with --data.
 */
let dir: string;
let h: Harness;
let agent: Record<string, string>;
let supervisor: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-audit-'));
  h = await startHarness({ dataFile: join(dir, 'state.json') });
  agent = await h.agentHeaders('agent.sato');
  supervisor = await h.agentHeaders('supervisor.suzuki');
});

afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

const create = (record: AuditRecord, headers: Record<string, string> = agent): Promise<Response> =>
  h.post('/api/v1/audit-records', record, { ...headers, 'idempotency-key': record.auditId });

const list = async (query: string, headers: Record<string, string> = supervisor): Promise<{ items: AuditRecord[]; nextCursor: string | null }> => {
  const response = await h.get(`/api/v1/audit-records${query}`, headers);
  expect(response.status, await response.clone().text()).toBe(200);
  return pageOf(AuditRecord).parse(await response.json());
};

describe('POST /api/v1/audit-records', () => {
  it('stores a record once: a retry with the same Idempotency-Key is replayed, the same auditId without one gets the first receipt', async () => {
    const record = auditRecordOf();
    const first = await create(record);
    expect(first.status).toBe(201);
    const receipt = AuditRecordStored.parse(await first.json());
    expect(receipt.auditId).toBe(record.auditId);

    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    const retry = await create(record);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(receipt);

    const again = await h.post('/api/v1/audit-records', record, agent);
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual(receipt);
    expect([...h.sandbox.store.auditRecords.values()].filter((stored) => stored.record.auditId === record.auditId)).toHaveLength(1);
  });

  it('refuses another record under a stored auditId (422 naming auditId), keeping the first', async () => {
    const record = auditRecordOf();
    expect((await create(record)).status).toBe(201);
    const other = await h.post('/api/v1/audit-records', { ...record, comment: '別の内容' }, agent);
    expect(other.status).toBe(422);
    expect(await errorOf(other)).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', category: 'D', field: 'auditId' });
    expect(h.sandbox.store.auditRecords.get(record.auditId)?.record.comment).toBe(record.comment);
  });

  it("refuses a record naming another agent or role than the session's, storing nothing", async () => {
    const count = h.sandbox.store.auditRecords.size;
    const someoneElse = await create(auditRecordOf({ agent: { agentId: 'agent.kobayashi', name: '小林 翔太', role: 'agent' } }));
    expect(someoneElse.status).toBe(400);
    expect(await errorOf(someoneElse)).toMatchObject({ code: '112', category: 'D', field: 'agent.agentId' });
    const promoted = await create(auditRecordOf({ agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'supervisor' } }));
    expect(promoted.status).toBe(400);
    expect(await errorOf(promoted)).toMatchObject({ category: 'D', field: 'agent.role' });
    expect(h.sandbox.store.auditRecords.size).toBe(count);
  });
});

describe('GET /api/v1/audit-records', () => {
  it('is for supervisors and administrators: an agent gets FORBIDDEN_ROLE', async () => {
    const response = await h.get('/api/v1/audit-records', agent);
    expect(response.status).toBe(403);
    expect((await errorOf(response)).code).toBe('FORBIDDEN_ROLE');
    expect((await h.get('/api/v1/audit-records', await h.agentHeaders('admin.tanaka'))).status).toBe(200);
  });

  it('lists newest first, filters by token, cardholder and agent, and pages by cursor without gaps or repeats', async () => {
    const token = knownFixtures.suspensions.byIssuer;
    const made: AuditRecord[] = [];
    for (let i = 0; i < 5; i += 1) {
      const record = auditRecordOf({
        virtualCardId: token,
        cardholderId: knownFixtures.suspensions.cardholderId,
        issuerCardRefId: knownFixtures.suspensions.issuerCardRefId,
        completedAt: `2026-11-23T01:0${i}:00.000Z`,
        requestedAt: `2026-11-23T01:0${i}:00.000Z`,
      });
      made.push(record);
      expect((await create(record)).status).toBe(201);
    }
    const bySupervisor = auditRecordOf({ virtualCardId: token, agent: { agentId: 'supervisor.suzuki', name: '鈴木 健一', role: 'supervisor' } });
    expect((await create(bySupervisor, supervisor)).status).toBe(201);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: AuditRecord[]; nextCursor: string | null } = await list(`?virtualCardId=${token}&agentId=agent.sato&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((record) => record.auditId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse().map((record) => record.auditId));

    expect((await list(`?agentId=supervisor.suzuki`)).items.map((record) => record.auditId)).toEqual([bySupervisor.auditId]);
    const byHolder = await list(`?cardholderId=${knownFixtures.suspensions.cardholderId}`);
    expect(byHolder.items.map((record) => record.auditId)).toEqual([...made].reverse().map((record) => record.auditId));

    // A cursor of one filter does not page another.
    const first = await list(`?virtualCardId=${token}&limit=1`);
    const misuse = await h.get(`/api/v1/audit-records?agentId=agent.kobayashi&cursor=${first.nextCursor ?? ''}`, supervisor);
    expect(misuse.status).toBe(400);
    expect((await errorOf(misuse)).field).toBe('cursor');
  });

  it('keeps the records across a restart with --data', async () => {
    const record = auditRecordOf({ comment: '再起動後も残る記録' });
    expect((await create(record)).status).toBe(201);
    const dataFile = join(dir, 'state.json');
    await h.close();
    expect(await readFile(dataFile, 'utf8')).toContain(record.auditId);
    const restarted = await startSandbox({ dataFile, clientKeys: [clientKeyOf(h.client)], now: () => h.clock.now });
    try {
      expect(restarted.store.auditRecords.get(record.auditId)?.record).toEqual(record);
    } finally {
      await restarted.close();
    }
    h = await startHarness({ dataFile });
  });
});
