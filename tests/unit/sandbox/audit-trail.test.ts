import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditRecord, AuditTrailVerification, type AgentAccount, type AuditRecordOf } from '../../../shared/api/audit';
import { pageOf } from '../../../shared/api/model';
import { OperationAccepted } from '../../../shared/api/operations';
import { knownFixtures } from '../../../sandbox/index';
import { errorOf, startHarness, type Harness } from './harness';

/**
 * The backend writes its own audit trail over real HTTP: every token action (ACCEPTED or REFUSED,
 * then the platform's CONFIRMED or FAILED as a record of its own), sign-ins and their failures,
 * lockouts, unlocks, idle locks and exports, from the session and the client, never from what a
 * console claims. Supervisors and administrators list it with filters and a cursor, and verify it.
 */
let dir: string;
let h: Harness;
let agent: Record<string, string>;
let supervisor: Record<string, string>;
const TOKEN = knownFixtures.yellowPath.activeVirtualCardId;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-audit-trail-'));
  h = await startHarness({ dataFile: join(dir, 'state.json'), tspConfirmDelayMs: 20 });
  agent = await h.agentHeaders('agent.sato');
  supervisor = await h.agentHeaders('supervisor.suzuki');
}, 30_000);

afterAll(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

const list = async (query: string, headers: Record<string, string> = supervisor): Promise<{ items: AuditRecord[]; nextCursor: string | null }> => {
  const response = await h.get(`/api/v1/audit-records${query}`, headers);
  expect(response.status, await response.clone().text()).toBe(200);
  return pageOf(AuditRecord).parse(await response.json());
};

/** A POST that takes no body: none is sent, and no content type. */
const postEmpty = (path: string, headers: Record<string, string>): Promise<Response> =>
  fetch(`${h.sandbox.baseUrl}${path}`, { method: 'POST', headers: { 'idempotency-key': `test-${Math.random().toString(36).slice(2)}`, ...headers } });

const eventually = async <T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> => {
  let value = await read();
  for (let i = 0; i < 200 && !ok(value); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = await read();
  }
  return value;
};

describe("the backend's audit trail", () => {
  it("records an accepted token action from the session and the client, answers with its receipt, then records the platform's confirmation", async () => {
    const correlationId = 'corr-audit-suspend-1';
    const response = await h.post(
      `/api/v1/tokens/${TOKEN}/operations:suspend`,
      { reasonCode: 'DEVICE_LOST', reason: 'Device lost', comment: '電車で紛失', expectedState: 'ACTIVE' },
      { ...agent, 'x-correlation-id': correlationId },
    );
    expect(response.status, await response.clone().text()).toBe(202);
    const accepted = OperationAccepted.parse(await response.json());
    const trail = await eventually(
      () => list(`?correlationId=${correlationId}`),
      (page) => page.items.length === 2,
    );
    const [outcome, action] = trail.items;
    expect(action).toMatchObject({
      kind: 'TOKEN_ACTION',
      outcome: 'ACCEPTED',
      recordId: accepted.audit.recordId,
      hash: accepted.audit.hash,
      actor: { type: 'AGENT', agentId: 'agent.sato', role: 'agent' },
      workstationId: h.client.clientId,
      token: { virtualCardId: TOKEN },
      detail: { operation: 'suspend', operationId: accepted.operationId, reasonCode: 'DEVICE_LOST', comment: '電車で紛失', expectedState: 'ACTIVE', stateAtRequest: 'ACTIVE' },
    });
    expect(action?.cardholder?.maskedName).toMatch(/^\S\.( \S\.)*$/);
    const taken = action as AuditRecordOf<'TOKEN_ACTION'>;
    expect(outcome).toMatchObject({
      kind: 'TOKEN_ACTION_OUTCOME',
      outcome: 'CONFIRMED',
      actor: { type: 'PLATFORM' },
      detail: { refersTo: { recordId: taken.recordId, sequence: taken.sequence }, operationId: accepted.operationId, state: 'SUSPENDED' },
    });
  });

  it('records a refused action as REFUSED, with the reason, before the refusal is answered', async () => {
    const correlationId = 'corr-audit-refused-1';
    const response = await h.post(`/api/v1/tokens/${TOKEN}/operations:suspend`, { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' }, { ...agent, 'x-correlation-id': correlationId });
    expect(response.status).toBe(409);
    const [refused] = (await list(`?correlationId=${correlationId}`)).items;
    expect(refused).toMatchObject({ kind: 'TOKEN_ACTION', outcome: 'REFUSED', detail: { operationId: null, stateAtRequest: 'SUSPENDED', refusal: { code: 'TOKEN_STATE_CONFLICT' } } });
  });

  it('takes no record from a console: the POST is gone, and agents may neither list nor verify the trail', async () => {
    expect((await h.post('/api/v1/audit-records', { kind: 'TOKEN_ACTION' }, agent)).status).toBe(404);
    for (const path of ['/api/v1/audit-records', '/api/v1/audit-records/verify', '/api/v1/agents']) {
      const response = await h.get(path, agent);
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe('FORBIDDEN_ROLE');
    }
  });

  it('records failed sign-ins, the lockout and the unlock, and lists the account locked then unlocked', async () => {
    for (let i = 0; i < 10; i += 1) await h.signIn('agent.lockout', 'wrong-password');
    const accounts = async () => (await (await h.get('/api/v1/agents', supervisor)).json()) as { items: AgentAccount[] };
    expect((await accounts()).items.find((account) => account.agentId === 'agent.lockout')).toMatchObject({ locked: true, failedAttempts: 10 });
    expect((await postEmpty('/api/v1/agents/agent.lockout:unlock', agent)).status).toBe(403);
    const unlocked = await postEmpty('/api/v1/agents/agent.lockout:unlock', supervisor);
    expect(unlocked.status, await unlocked.clone().text()).toBe(200);
    expect((await accounts()).items.find((account) => account.agentId === 'agent.lockout')).toMatchObject({ locked: false, failedAttempts: 0 });
    expect((await h.signIn('agent.lockout')).status).toBe(201);

    const trail = (await list('?agentId=agent.lockout&limit=200')).items;
    const kinds = trail.map((record) => `${record.kind} ${record.outcome}`);
    expect(kinds.slice(0, 3)).toEqual(['SIGN_IN SUCCEEDED', 'UNLOCK SUCCEEDED', 'LOCKOUT SUCCEEDED']);
    expect(kinds.filter((kind) => kind === 'SIGN_IN_FAILED REFUSED')).toHaveLength(10);
    expect(trail.find((record) => record.kind === 'UNLOCK')).toMatchObject({ actor: { agentId: 'supervisor.suzuki' }, detail: { agentId: 'agent.lockout', failuresCleared: 10 } });
    // No password, right or wrong, is ever in the trail.
    expect(JSON.stringify(trail)).not.toContain('wrong-password');
  });

  it('records idle locks and unlocks, sign-outs, and an export with the filter it used', async () => {
    const kobayashi = await h.agentHeaders('agent.kobayashi');
    expect((await h.post('/api/v1/agent-sessions/current/idle-lock', { idleMinutes: 5 }, kobayashi)).status).toBe(200);
    expect((await h.post('/api/v1/agent-sessions/current/verify', { password: 'Training-Kobayashi-2026' }, kobayashi)).status).toBe(200);
    expect((await h.del('/api/v1/agent-sessions/current', kobayashi)).status).toBe(200);
    const exported = await list('?agentId=agent.kobayashi&purpose=export');
    expect(exported.items.map((record) => record.kind).slice(0, 4)).toEqual(['SIGN_OUT', 'IDLE_UNLOCK', 'IDLE_LOCK', 'SIGN_IN']);
    const [exportRecord] = (await list('?kind=EXPORT')).items;
    expect(exportRecord).toMatchObject({ actor: { agentId: 'supervisor.suzuki' }, detail: { filter: { agentId: 'agent.kobayashi' } } });
  });

  it('records a template saved, a settings change naming the fields that changed, and a phone call once however often it is sent', async () => {
    const admin = await h.agentHeaders('admin.tanaka');
    const template = await h.post('/api/v1/notification-templates/TOKEN_SUSPENDED/SMS/ja', { subject: null, body: 'カードの利用を一時停止しました。{{customerServiceNumber}}' }, admin);
    expect(template.status, await template.clone().text()).toBe(200);
    const settings = await h.post('/api/v1/notification-settings', { customerServiceNumber: '0120-000-999', issuerSendsOwnOtp: false, reminderAfterHours: 24 }, admin);
    expect(settings.status, await settings.clone().text()).toBe(200);
    const call = {
      phoneCallId: '5d6e7f80-91a2-4b3c-8d4e-5f6a7b8c9d0e',
      agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' },
      workstationId: 'WS-TOKYO-01',
      startedAt: '2026-11-23T00:00:00.000Z',
      endedAt: '2026-11-23T00:04:00.000Z',
      origin: 'SCREEN_POP',
      telephony: null,
      cardholderId: knownFixtures.yellowPath.cardholderId,
      actions: [{ actionId: 'aa6e7f80-91a2-4b3c-8d4e-5f6a7b8c9d0e', correlationId: 'corr-in-call-1', operation: 'suspend', virtualCardId: TOKEN, tokenLastFour: '6604' }],
      notes: '本人確認のうえ一時停止',
      outcomeCode: 'ACTIVATED_AFTER_VERIFICATION',
      closing: 'WRAP_UP',
    };
    for (let i = 0; i < 2; i += 1) {
      const stored = await h.post('/api/v1/calls', call, agent);
      expect([200, 201], await stored.clone().text()).toContain(stored.status);
    }
    const [settingsRecord, templateRecord] = (await list('?agentId=admin.tanaka&limit=2')).items;
    expect(templateRecord).toMatchObject({ kind: 'TEMPLATE_CHANGED', actor: { agentId: 'admin.tanaka' }, detail: { event: 'TOKEN_SUSPENDED', channel: 'SMS', language: 'ja' } });
    expect(settingsRecord).toMatchObject({ kind: 'SETTINGS_CHANGED', detail: { setting: 'NOTIFICATION_SETTINGS', changed: ['customerServiceNumber'] } });
    const calls = (await list('?kind=PHONE_CALL')).items;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ actor: { agentId: 'agent.sato' }, detail: { phoneCallId: call.phoneCallId, actionCorrelationIds: ['corr-in-call-1'], notesLength: call.notes.length } });
    // The notes stay with the phone call: the trail keeps their length only.
    expect(JSON.stringify(calls[0])).not.toContain('一時停止');
  });

  it("records a console's integrity report once, sent with the workstation's credential", async () => {
    const report = {
      reportId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
      workstationId: 'WS-TOKYO-01',
      detectedAt: '2026-11-23T00:00:00.000Z',
      subject: 'AUDIT_JOURNAL',
      findings: [{ line: 3, problem: 'chain broken' }],
      moreFindings: 0,
      keptAs: null,
      agentId: null,
      action: null,
    };
    // The second time under a fresh key, as a console that lost the first answer across a restart: the handler runs again.
    const workstation = await h.workstationHeaders();
    for (let i = 0; i < 2; i += 1) expect((await h.post('/api/v1/integrity-reports', report, workstation)).status).toBe(201);
    const records = (await list('?kind=INTEGRITY_REPORT')).items;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ actor: { type: 'WORKSTATION' }, workstationId: h.client.clientId, detail: { source: 'CONSOLE_JOURNAL', intact: false, at: 3, reportId: report.reportId } });
  });

  it('filters by kind, outcome, token and period, and pages newest first by sequence without a repeat or a gap', async () => {
    const all: AuditRecord[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    const sequences = all.map((record) => record.sequence);
    expect(sequences).toEqual([...sequences].sort((a, b) => b - a));
    expect(new Set(sequences).size).toBe(sequences.length);
    expect(sequences.at(-1)).toBe(1);
    expect(sequences[0]).toBe(sequences.length);

    expect((await list('?kind=SIGN_IN_FAILED&limit=200')).items.every((record) => record.kind === 'SIGN_IN_FAILED')).toBe(true);
    expect((await list('?outcome=REFUSED&limit=200')).items.every((record) => record.outcome === 'REFUSED')).toBe(true);
    expect((await list(`?virtualCardId=${TOKEN}`)).items.every((record) => record.token?.virtualCardId === TOKEN)).toBe(true);
    const at = all[0]?.at ?? '';
    expect((await list(`?to=${encodeURIComponent(at)}`)).items).toHaveLength(0);
    expect((await list(`?from=${encodeURIComponent(at)}&limit=200`)).items.length).toBe(Math.min(200, all.length));
  });

  it('verifies intact, and keeps the trail, its chain and its lock-outs across a restart with --data', async () => {
    const verified = AuditTrailVerification.parse(await (await h.get('/api/v1/audit-records/verify', supervisor)).json());
    expect(verified).toMatchObject({ intact: true });
    const before = await list('?limit=1');
    await h.close();
    h = await startHarness({ dataFile: join(dir, 'state.json'), tspConfirmDelayMs: 20 });
    supervisor = await h.agentHeaders('supervisor.suzuki');
    const after = AuditTrailVerification.parse(await (await h.get('/api/v1/audit-records/verify', supervisor)).json());
    expect(after).toMatchObject({ intact: true, count: verified.count + 1 });
    const [signIn, previous] = (await list('?limit=2')).items;
    expect(signIn).toMatchObject({ kind: 'SIGN_IN', previousHash: previous?.hash });
    expect(previous?.recordId).toBe(before.items[0]?.recordId);
  });
});
