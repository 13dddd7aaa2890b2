import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApprovalRequestPage, type ApprovalRequest, type ApprovalRequestSubmission } from '../../../../shared/api/approvals';
import type { ApprovalView, EventEnvelope } from '../../../../shared/contract';
import { knownFixtures } from '../../../../sandbox/index';
import { KOBAYASHI, SATO, openDesk, startBackend, type Backend, type Desk } from '../actions/support/desk';
import { eventuallyDefined } from '../support/server-requests';

/**
 * Core's side of four-eyes approval against a real training backend over HTTP: the request is
 * written ahead to main's outbox and sent with one Idempotency-Key, so a console killed after the
 * backend took it (the answer lost) makes no second request when it comes back; once stored, the
 * request's state follows the backend live; deciding is refused to an agent in core. A bulk
 * delete's one request (every token with the state the agent saw) goes the same way.
 */
let backend: Backend;
const desks: Desk[] = [];
const { bulkCard } = knownFixtures;

beforeAll(async () => {
  backend = await startBackend({ tspConfirmDelayMs: 30 });
}, 60_000);

afterAll(async () => {
  await backend.close();
});

afterEach(async () => {
  await Promise.all(desks.splice(0).map((desk) => desk.close()));
  await backend.script.clearFaults();
});

const open = async (dir?: string): Promise<Desk> => {
  const desk = await openDesk(backend, dir === undefined ? {} : { dir });
  desks.push(desk);
  return desk;
};

const deleteOf = (virtualCardId: string): ApprovalRequestSubmission => ({
  operation: 'delete',
  virtualCardId,
  action: { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE', comment: '紛失' },
});

const viewsOf = (desk: Desk, entryId: string): ApprovalView[] =>
  desk.events
    .filter((envelope): envelope is Extract<EventEnvelope, { name: 'approvalRequest.changed' }> => envelope.name === 'approvalRequest.changed')
    .map((envelope) => envelope.payload)
    .filter((view) => view.entryId === entryId);


const backendRequests = async (virtualCardId: string): Promise<ApprovalRequest[]> => {
  const answer = await backend.script.asAgent(backend.supervisor, 'GET', '/api/v1/approval-requests?limit=200');
  return ApprovalRequestPage.parse(answer.json).items.filter((request) => request.virtualCardId === virtualCardId);
};

describe('the request through main’s outbox', () => {
  it('makes one request when the backend took it but the answer was lost and the console restarted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'td-approvals-'));
    const target = 'VCLOSTGOLD01';
    const first = await open(dir);
    await first.ok('session.signIn', SATO);
    // The backend stores the request, then the connection drops before any answer, every time.
    await backend.script.fault({ fault: 'reset-after-work', times: 1000, match: { method: 'POST', pathPrefix: '/api/v1/approval-requests' } });
    const sent = await first.ok('approvals.request', { submission: deleteOf(target) });
    expect(sent.phase).toBe('SENDING');
    await expect.poll(async () => (await backendRequests(target)).length, { timeout: 10_000 }).toBe(1);
    await first.close();
    desks.splice(desks.indexOf(first), 1);

    await backend.script.clearFaults();
    // Written ahead: on disk as still being sent when the console went down.
    expect(JSON.parse(await readFile(join(dir, 'approvals', `${sent.entryId}.json`), 'utf8'))).toMatchObject({ view: { entryId: sent.entryId, phase: 'SENDING' } });
    const again = await open(dir);
    await again.ok('session.signIn', SATO);
    const stored = await eventuallyDefined(() => viewsOf(again, sent.entryId).find((view) => view.phase === 'STORED'), 'the request stored');
    const requests = await backendRequests(target);
    expect(requests).toHaveLength(1);
    expect(stored.request?.requestId).toBe(requests[0]?.requestId);
    expect(stored.request).toMatchObject({ state: 'PENDING', requestedBy: { agentId: SATO.agentId } });
    expect((await again.ok('approvals.listOwn')).items.map((view) => view.entryId)).toEqual([sent.entryId]);
    await backend.script.asAgent(backend.supervisor, 'POST', `/api/v1/approval-requests/${stored.request?.requestId ?? ''}/decision:reject`, { body: { comment: 'test over' } });
  });
});

describe('the request followed live', () => {
  it('shows approved and executed as the supervisor decides, from the event stream', async () => {
    const desk = await open();
    await desk.ok('session.signIn', SATO);
    await eventuallyDefined(() => (desk.events.some((envelope) => envelope.name === 'live.status' && envelope.payload.state === 'connected') ? true : undefined), 'the live stream');
    const sent = await desk.ok('approvals.request', { submission: deleteOf('VCLOSTCLSC01') });
    const stored = await eventuallyDefined(() => viewsOf(desk, sent.entryId).find((view) => view.phase === 'STORED'), 'the request stored');
    const requestId = stored.request?.requestId ?? '';
    const approved = await backend.script.asAgent(backend.supervisor, 'POST', `/api/v1/approval-requests/${requestId}/decision:approve`, { body: { comment: '承認します' } });
    expect(approved.status, approved.text).toBe(200);
    const executed = await eventuallyDefined(() => viewsOf(desk, sent.entryId).find((view) => view.request?.state === 'EXECUTED'), 'the request executed');
    expect(executed.request).toMatchObject({ decidedBy: { agentId: 'supervisor.suzuki' }, decisionComment: '承認します', execution: { outcome: 'ACCEPTED' } });
    // The supervisors' queue heard of it too (every console gets approval.changed it may see).
    expect(desk.events.some((envelope) => envelope.name === 'approval.changed' && envelope.payload.request.requestId === requestId)).toBe(true);
    expect((await desk.ok('approvals.listOwn')).items[0]).toMatchObject({ entryId: sent.entryId, request: { state: 'EXECUTED' } });
  });

  it('refuses a decision to an agent in core, and lets a supervisor list and reject', async () => {
    const agent = await open();
    await agent.ok('session.signIn', KOBAYASHI);
    const sent = await agent.ok('approvals.request', { submission: deleteOf('VCLOSTPLAT01') });
    const stored = await eventuallyDefined(() => viewsOf(agent, sent.entryId).find((view) => view.phase === 'STORED'), 'the request stored');
    const requestId = stored.request?.requestId ?? '';
    expect(await agent.fail('approvals.approve', { requestId, comment: '自分で' })).toMatchObject({ code: 'FORBIDDEN_ROLE' });

    const supervisor = await open();
    await supervisor.ok('session.signIn', { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' });
    const queue = await supervisor.ok('approvals.list', { state: 'PENDING' });
    expect(queue.items.map((item) => item.requestId)).toContain(requestId);
    const rejected = await supervisor.ok('approvals.reject', { requestId, comment: '不要です' });
    expect(rejected).toMatchObject({ state: 'REJECTED', decisionComment: '不要です' });
  });
});

describe('a bulk approval request through main’s outbox', () => {
  it('sends the whole selection as one request and follows its run to each token’s outcome', async () => {
    const desk = await open();
    await desk.ok('session.signIn', SATO);
    await eventuallyDefined(() => (desk.events.some((envelope) => envelope.name === 'live.status' && envelope.payload.state === 'connected') ? true : undefined), 'the live stream');
    const tokens = [
      { virtualCardId: bulkCard.active[0], expectedState: 'ACTIVE' },
      { virtualCardId: bulkCard.active[1], expectedState: 'ACTIVE' },
      { virtualCardId: bulkCard.suspendedByIssuer, expectedState: 'SUSPENDED' },
    ] as const;
    const submission: ApprovalRequestSubmission = {
      operation: 'delete',
      virtualCardId: bulkCard.active[0],
      action: { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' },
      bulk: { bulkId: randomUUID(), scope: { kind: 'CARD', issuerCardRefId: bulkCard.issuerCardRefId }, tokens: [...tokens] },
    };
    const sent = await desk.ok('approvals.request', { submission });
    const stored = await eventuallyDefined(() => viewsOf(desk, sent.entryId).find((view) => view.phase === 'STORED'), 'the request stored');
    expect(stored.request?.bulk?.tokens?.map((token) => token.virtualCardId)).toEqual(tokens.map((token) => token.virtualCardId));
    // One request on the backend for the three tokens.
    const pending = ApprovalRequestPage.parse((await backend.script.asAgent(backend.supervisor, 'GET', '/api/v1/approval-requests?state=PENDING')).json).items;
    expect(pending.filter((request) => request.bulk?.bulkId === submission.bulk?.bulkId)).toHaveLength(1);

    const approved = await backend.script.asAgent(backend.supervisor, 'POST', `/api/v1/approval-requests/${stored.request?.requestId ?? ''}/decision:approve`, { body: { comment: '承認します' } });
    expect(approved.status, approved.text).toBe(200);
    const executed = await eventuallyDefined(() => viewsOf(desk, sent.entryId).find((view) => view.request?.state === 'EXECUTED'), 'the request executed');
    expect(executed.request?.bulk?.tokens?.map((token) => token.outcome?.outcome)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
    expect((await desk.ok('approvals.listOwn')).items[0]).toMatchObject({ entryId: sent.entryId, request: { state: 'EXECUTED' } });
  });
});
