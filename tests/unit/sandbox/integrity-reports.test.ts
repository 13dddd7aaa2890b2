import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntegrityReportStored, StoredIntegrityReport, type IntegrityReportSubmission } from '../../../shared/api/integrity';
import { pageOf } from '../../../shared/api/model';
import { errorOf, startHarness, type Harness } from './harness';

/**
 * The consoles' integrity reports over real HTTP: a console posts one with its workstation's own
 * credential (no one signed in), idempotent by reportId; supervisors and administrators list them,
 * an agent may not; a finding holding a card number is refused naming the field.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const reportOf = (overrides: Partial<IntegrityReportSubmission> = {}): IntegrityReportSubmission => ({
  reportId: randomUUID(),
  workstationId: 'WS-TOKYO-01',
  detectedAt: '2026-11-23T09:00:00.000Z',
  subject: 'AUDIT_JOURNAL',
  findings: [{ line: 3, problem: 'lines removed from the journal: the head records 4, the journal holds 3' }],
  moreFindings: 0,
  keptAs: 'audit-journal.jsonl.20261123T090000000Z.damaged',
  agentId: null,
  action: null,
  ...overrides,
});

const post = async (report: unknown, key: string): Promise<Response> => h.post('/api/v1/integrity-reports', report, await h.workstationHeaders({ 'idempotency-key': key }));

describe('POST /api/v1/integrity-reports', () => {
  it('stores a report sent with the workstation credential once, whatever the retries; another report under its id is a conflict', async () => {
    const report = reportOf();
    const first = await post(report, report.reportId);
    expect(first.status, await first.clone().text()).toBe(201);
    const receipt = IntegrityReportStored.parse(await first.json());
    expect(receipt.reportId).toBe(report.reportId);
    // The same key: replayed by the route layer. Another key, the same report: the first receipt.
    expect(IntegrityReportStored.parse(await (await post(report, report.reportId)).json())).toEqual(receipt);
    const again = await post(report, randomUUID());
    expect(again.status).toBe(201);
    expect(IntegrityReportStored.parse(await again.json())).toEqual(receipt);
    const other = await post({ ...report, findings: [{ line: 1, problem: 'edited' }] }, randomUUID());
    expect(other.status).toBe(422);
    expect((await errorOf(other)).code).toBe('IDEMPOTENCY_CONFLICT');

    const supervisor = await h.agentHeaders('supervisor.suzuki');
    const listed = pageOf(StoredIntegrityReport).parse(await (await h.get('/api/v1/integrity-reports?workstationId=WS-TOKYO-01', supervisor)).json());
    expect(listed.items.filter((item) => item.reportId === report.reportId)).toEqual([{ ...report, clientId: expect.any(String), receivedAt: receipt.receivedAt }]);
  });

  it('refuses a finding holding a card number, naming the field', async () => {
    const card = await post(reportOf({ findings: [{ line: 1, problem: 'line holds 4111 1111 1111 1111' }] }), randomUUID());
    expect(card.status).toBe(400);
    expect(JSON.stringify(await errorOf(card))).toContain('findings');
  });
});

describe('GET /api/v1/integrity-reports', () => {
  it('lists newest first for supervisors and administrators, a page at a time; an agent is refused', async () => {
    const workstationId = `WS-${randomUUID().slice(0, 8)}`;
    const reports = [reportOf({ workstationId }), reportOf({ workstationId }), reportOf({ workstationId })];
    for (const report of reports) expect((await post(report, report.reportId)).status).toBe(201);
    const admin = await h.agentHeaders('admin.tanaka');
    const first = pageOf(StoredIntegrityReport).parse(await (await h.get(`/api/v1/integrity-reports?workstationId=${workstationId}&limit=2`, admin)).json());
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = pageOf(StoredIntegrityReport).parse(await (await h.get(`/api/v1/integrity-reports?workstationId=${workstationId}&limit=2&cursor=${first.nextCursor}`, admin)).json());
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((item) => item.reportId))).toEqual(new Set(reports.map((report) => report.reportId)));

    const agent = await h.agentHeaders('agent.sato');
    const refused = await h.get('/api/v1/integrity-reports', agent);
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('FORBIDDEN_ROLE');
  });
});
