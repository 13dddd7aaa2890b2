import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApprovalRequest, ApprovalRequestPage } from '../../../shared/api/approvals';
import { TokenActionPolicy } from '../../../shared/api/policy';
import type { TokenEvent } from '../../../shared/api/token-event';
import { knownFixtures } from '../../../sandbox/index';
import { trainingActionPolicy } from '../../../sandbox/policy/action-policy';
import { errorOf, startHarness, type Harness } from './harness';
import { openStream, type ReceivedEvent } from './sse-client';

/**
 * Four-eyes approval over real HTTP: the policy holds a delete, an overriding resume and a risky
 * Option D activation back (403 APPROVAL_REQUIRED) and never a suspension; a request waits until a
 * supervisor other than the requester decides it; the backend then runs the approved action once,
 * under the requester's name with the approver on record, or never (rejected, expired); every step
 * is in the token's history, on the event stream and in the audit trail.
 */
const CONFIRM_DELAY_MS = 30;
let h: Harness;
let sato: Record<string, string>;
let kobayashi: Record<string, string>;
let suzuki: Record<string, string>;
let tanaka: Record<string, string>;
const { bulkCard, lostPhone, yellowPath } = knownFixtures;

const ENOUGH = ['FULL_NAME', 'DATE_OF_BIRTH', 'REGISTERED_PHONE', 'SECURITY_WORD'];
const DELETE_ACTION = { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' } as const;

beforeAll(async () => {
  h = await startHarness({ tspConfirmDelayMs: CONFIRM_DELAY_MS });
  [sato, kobayashi, suzuki, tanaka] = await Promise.all([
    h.agentHeaders('agent.sato'),
    h.agentHeaders('agent.kobayashi'),
    h.agentHeaders('supervisor.suzuki'),
    h.agentHeaders('admin.tanaka'),
  ]);
  // Four sign-ins (scrypt each) on a shared machine.
}, 60_000);

afterAll(async () => {
  await h.close();
});

const setPolicy = async (policy: unknown): Promise<Response> => h.post('/training/v1/action-policy', policy, await h.platformHeaders());

beforeEach(async () => {
  expect((await setPolicy(trainingActionPolicy())).status).toBe(200);
});

const requestApproval = async (headers: Record<string, string>, body: unknown, key?: string): Promise<Response> =>
  h.post('/api/v1/approval-requests', body, { ...headers, ...(key ? { 'idempotency-key': key } : {}) });

const deleteRequest = (virtualCardId: string) => ({ operation: 'delete', virtualCardId, action: { ...DELETE_ACTION, comment: '紛失のため削除' } });

const created = async (response: Response): Promise<ApprovalRequest> => {
  expect(response.status, await response.clone().text()).toBe(201);
  return ApprovalRequest.parse(await response.json());
};

const decide = (headers: Record<string, string>, requestId: string, decision: 'approve' | 'reject', comment: string, key?: string): Promise<Response> =>
  h.post(`/api/v1/approval-requests/${requestId}/decision:${decision}`, { comment }, { ...headers, ...(key ? { 'idempotency-key': key } : {}) });

const historyOf = (virtualCardId: string): TokenEvent[] => [...h.sandbox.store.storedEvents(virtualCardId)];
const approvalEvents = (virtualCardId: string, requestId: string): TokenEvent[] =>
  historyOf(virtualCardId).filter((event) => ('requestId' in event.detail ? event.detail.requestId === requestId : false));

describe('the policy', () => {
  it('serves the training defaults: deletes, overriding resumes and risky activations wait 30 minutes for a supervisor', async () => {
    const policy = TokenActionPolicy.parse(await (await h.get('/api/v1/policies/token-actions', sato)).json());
    expect(policy.approvals).toEqual({ required: ['DELETE', 'RESUME_OVERRIDING_SUSPENSION', 'ACTIVATION_RISK_RULE'], expiresAfterMinutes: 30 });
  });

  it('cannot make a suspension wait: a policy naming one is refused, naming the field', async () => {
    const refused = await setPolicy({ ...trainingActionPolicy(), approvals: { required: ['SUSPEND'], expiresAfterMinutes: 30 } });
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).field).toMatch(/^approvals\.required/);
  });

  it('answers a direct delete 403 APPROVAL_REQUIRED naming the rule and changes nothing; a suspension goes through at once', async () => {
    const [target] = lostPhone.activeOnPhone;
    const before = historyOf(target).length;
    const refused = await h.post(`/api/v1/tokens/${target}/operations:delete`, DELETE_ACTION, sato);
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({ code: 'APPROVAL_REQUIRED', category: 'F', rule: 'DELETE' });
    expect(h.sandbox.store.tokens.get(target)?.state).toBe('ACTIVE');
    expect(historyOf(target)).toHaveLength(before);

    const suspended = await h.post(`/api/v1/tokens/${target}/operations:suspend`, { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' }, sato);
    expect(suspended.status, await suspended.clone().text()).toBe(202);
    await expect.poll(() => h.sandbox.store.tokens.get(target)?.state).toBe('SUSPENDED');
  });

  it('answers a risky Option D activation 403 APPROVAL_REQUIRED with the risk rules that matched', async () => {
    const refused = await h.post(
      `/api/v1/tokens/${bulkCard.riskyYellow}/operations:activate`,
      { reasonCode: 'CUSTOMER_SERVICE_VERIFIED', reason: 'Authenticated with a customer service agent', expectedState: 'INACTIVE', verifiers: ENOUGH, callAnswers: { inbound: true, askedToShareCode: false } },
      sato,
    );
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toMatchObject({ code: 'APPROVAL_REQUIRED', rule: 'ACTIVATION_RISK_RULE', rules: [bulkCard.riskRule] });
  });

  it('refuses a request for an action the policy does not hold back (422 APPROVAL_NOT_REQUIRED)', async () => {
    const response = await requestApproval(sato, { operation: 'suspend', virtualCardId: yellowPath.activeVirtualCardId, action: { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' } });
    expect(response.status).toBe(422);
    expect(await errorOf(response)).toMatchObject({ code: 'APPROVAL_NOT_REQUIRED' });
  });
});

describe('request, approve, run once', () => {
  it('runs an approved delete once, under the requester, with the approver on record, even with two supervisors approving at once and retries', async () => {
    const target = bulkCard.active[0];
    const agentStream = await openStream(`${h.sandbox.baseUrl}/api/v1/events/stream`, sato);
    const otherAgentStream = await openStream(`${h.sandbox.baseUrl}/api/v1/events/stream`, kobayashi);
    const supervisorStream = await openStream(`${h.sandbox.baseUrl}/api/v1/events/stream`, suzuki);
    try {
      const key = `approval-${randomUUID()}`;
      const request = await created(await requestApproval(sato, { ...deleteRequest(target), bulk: { bulkId: randomUUID(), scope: { kind: 'CARD', issuerCardRefId: bulkCard.issuerCardRefId } } }, key));
      expect(request).toMatchObject({ state: 'PENDING', rule: 'DELETE', operation: 'delete', virtualCardId: target, requestedBy: { agentId: 'agent.sato', role: 'agent' } });
      expect(request.bulk?.scope).toEqual({ kind: 'CARD', issuerCardRefId: bulkCard.issuerCardRefId });
      // A retry of the request with its key is the same request, not a second one.
      expect((await created(await requestApproval(sato, { ...deleteRequest(target), bulk: request.bulk }, key))).requestId).toBe(request.requestId);
      expect(h.sandbox.store.tokens.get(target)?.state).toBe('ACTIVE');

      const isApproval = (state: string) => (event: ReceivedEvent) =>
        event.data.type === 'approval.changed' && event.data.request.requestId === request.requestId && event.data.request.state === state;
      await agentStream.take(isApproval('PENDING'));
      await supervisorStream.take(isApproval('PENDING'));

      const approveKey = `approve-${randomUUID()}`;
      const answers = await Promise.all([
        decide(suzuki, request.requestId, 'approve', '確認済み', approveKey),
        decide(suzuki, request.requestId, 'approve', '確認済み', approveKey),
        decide(tanaka, request.requestId, 'approve', '了解'),
      ]);
      for (const answer of answers) expect(answer.status, await answer.clone().text()).toBe(200);
      const bodies = await Promise.all(answers.map(async (answer) => ApprovalRequest.parse(await answer.json())));
      for (const body of bodies) expect(body.state).toBe('EXECUTED');
      const approver = bodies[0]?.decidedBy?.agentId;
      expect(new Set(bodies.map((body) => body.decidedBy?.agentId)).size).toBe(1);
      expect(new Set(bodies.map((body) => body.execution?.outcome === 'ACCEPTED' && body.execution.operationId)).size).toBe(1);

      await expect.poll(() => h.sandbox.store.tokens.get(target)?.state).toBe('DELETED');
      const actions = historyOf(target).filter((event) => event.kind === 'AGENT_ACTION' && event.detail.requestId === request.requestId);
      expect(actions).toHaveLength(1);
      expect(actions[0]).toMatchObject({ actor: { agentId: 'agent.sato' }, detail: { operation: 'delete', approvedBy: { agentId: approver } } });
      expect(approvalEvents(target, request.requestId).map((event) => event.kind)).toEqual(['APPROVAL_REQUESTED', 'APPROVAL_GRANTED', 'AGENT_ACTION']);
      expect(historyOf(target).filter((event) => event.kind === 'DELETED')).toHaveLength(1);

      await agentStream.take(isApproval('EXECUTED'));
      await supervisorStream.take(isApproval('EXECUTED'));
      // Another agent never learns of sato's request.
      expect(otherAgentStream.events.some((event) => event.data.type === 'approval.changed')).toBe(false);

      const audit = h.sandbox.audit.list({}, null, 200).items.filter((record) => 'requestId' in record.detail && record.detail.requestId === request.requestId);
      expect(audit.map((record) => record.kind).sort()).toEqual(['APPROVAL_GRANTED', 'APPROVAL_REQUESTED']);
      expect(audit.find((record) => record.kind === 'APPROVAL_GRANTED')).toMatchObject({ actor: { type: 'AGENT', agentId: approver }, detail: { requestedBy: 'agent.sato' } });
      // The action itself, in the trail under the requester's name, with the approval on it.
      const taken = h.sandbox.audit.list({ virtualCardId: target }, null, 200).items.filter((record) => record.kind === 'TOKEN_ACTION' && record.outcome === 'ACCEPTED');
      expect(taken).toHaveLength(1);
      expect(taken[0]).toMatchObject({ actor: { agentId: 'agent.sato' }, detail: { approval: { requestId: request.requestId, approvedBy: approver } } });

    } finally {
      agentStream.close();
      otherAgentStream.close();
      supervisorStream.close();
    }
  });

  it('activates the risky Option D token once a supervisor approves', async () => {
    const request = await created(
      await requestApproval(sato, {
        operation: 'activate',
        virtualCardId: bulkCard.riskyYellow,
        action: { reasonCode: 'CUSTOMER_SERVICE_VERIFIED', reason: 'Authenticated with a customer service agent', expectedState: 'INACTIVE', verifiers: ENOUGH, callAnswers: { inbound: true, askedToShareCode: false } },
      }),
    );
    expect(request).toMatchObject({ rule: 'ACTIVATION_RISK_RULE', riskRules: [bulkCard.riskRule], signals: { deviceNewForCardholder: true } });
    const approved = await decide(suzuki, request.requestId, 'approve', '本人確認済み');
    expect(ApprovalRequest.parse(await approved.json()).state).toBe('EXECUTED');
    await expect.poll(() => h.sandbox.store.tokens.get(bulkCard.riskyYellow)?.state).toBe('ACTIVE');
  });
});

describe('who may decide', () => {
  it('refuses an agent (403 FORBIDDEN_ROLE) and the requester themselves (403 SELF_APPROVAL_FORBIDDEN); another supervisor decides', async () => {
    const target = bulkCard.active[1];
    const own = await created(await requestApproval(suzuki, deleteRequest(target)));
    const byAgent = await decide(kobayashi, own.requestId, 'approve', 'ok');
    expect(byAgent.status).toBe(403);
    expect(await errorOf(byAgent)).toMatchObject({ code: 'FORBIDDEN_ROLE' });
    for (const decision of ['approve', 'reject'] as const) {
      const self = await decide(suzuki, own.requestId, decision, '自分で');
      expect(self.status).toBe(403);
      expect(await errorOf(self)).toMatchObject({ code: 'SELF_APPROVAL_FORBIDDEN' });
    }
    expect(h.sandbox.store.tokens.get(target)?.state).toBe('ACTIVE');
    const rejected = await decide(tanaka, own.requestId, 'reject', '不要');
    expect(ApprovalRequest.parse(await rejected.json()).state).toBe('REJECTED');
  });

  it('lets an agent read only their own requests; supervisors read all, by state', async () => {
    const mine = await created(await requestApproval(sato, deleteRequest(lostPhone.activeOnPhone[1])));
    const notTheirs = await h.get(`/api/v1/approval-requests/${mine.requestId}`, kobayashi);
    expect(notTheirs.status).toBe(404);
    const kobayashiList = ApprovalRequestPage.parse(await (await h.get('/api/v1/approval-requests', kobayashi)).json());
    expect(kobayashiList.items.some((item) => item.requestId === mine.requestId)).toBe(false);
    const satoList = ApprovalRequestPage.parse(await (await h.get('/api/v1/approval-requests', sato)).json());
    expect(satoList.items.every((item) => item.requestedBy.agentId === 'agent.sato')).toBe(true);
    expect(satoList.items[0]?.requestId).toBe(mine.requestId);
    const pending = ApprovalRequestPage.parse(await (await h.get('/api/v1/approval-requests?state=PENDING', suzuki)).json());
    expect(pending.items.map((item) => item.requestId)).toContain(mine.requestId);
    expect(pending.items.every((item) => item.state === 'PENDING')).toBe(true);
    await decide(suzuki, mine.requestId, 'reject', 'cleanup');
  });
});

describe('requests that never run', () => {
  it('never runs a rejected request; approving it afterwards is a 409', async () => {
    const target = lostPhone.activeOnPhone[2];
    const request = await created(await requestApproval(sato, deleteRequest(target)));
    const rejected = await decide(suzuki, request.requestId, 'reject', '本人確認が不十分');
    expect(ApprovalRequest.parse(await rejected.json())).toMatchObject({ state: 'REJECTED', decisionComment: '本人確認が不十分', decidedBy: { agentId: 'supervisor.suzuki' } });
    const late = await decide(tanaka, request.requestId, 'approve', 'やはり');
    expect(late.status).toBe(409);
    expect(await errorOf(late)).toMatchObject({ code: 'APPROVAL_NOT_PENDING' });
    await new Promise((resolve) => setTimeout(resolve, CONFIRM_DELAY_MS * 3));
    expect(h.sandbox.store.tokens.get(target)?.state).toBe('ACTIVE');
    expect(approvalEvents(target, request.requestId).map((event) => event.kind)).toEqual(['APPROVAL_REQUESTED', 'APPROVAL_REJECTED']);
    expect(historyOf(target).some((event) => event.kind === 'AGENT_ACTION' && event.detail.requestId === request.requestId)).toBe(false);
  });

  it('expires a request nobody decided when the training clock passes its time; it can no longer be approved', async () => {
    const target = yellowPath.activeVirtualCardId;
    const request = await created(await requestApproval(sato, deleteRequest(target)));
    const moved = await h.post('/training/v1/clock', { minutes: 29 }, await h.platformHeaders());
    expect(moved.status).toBe(200);
    expect(ApprovalRequest.parse(await (await h.get(`/api/v1/approval-requests/${request.requestId}`, sato)).json()).state).toBe('PENDING');
    await h.post('/training/v1/clock', { minutes: 2 }, await h.platformHeaders());
    expect(ApprovalRequest.parse(await (await h.get(`/api/v1/approval-requests/${request.requestId}`, sato)).json()).state).toBe('EXPIRED');
    const late = await decide(suzuki, request.requestId, 'approve', '遅れて');
    expect(late.status).toBe(409);
    expect(h.sandbox.store.tokens.get(target)?.state).toBe('ACTIVE');
    expect(approvalEvents(target, request.requestId).map((event) => event.kind)).toEqual(['APPROVAL_REQUESTED', 'APPROVAL_EXPIRED']);
  });

  it('fails the execution and says so when the token changed meanwhile (the wallet suspended it)', async () => {
    const target = lostPhone.otherDevice;
    const request = await created(await requestApproval(sato, deleteRequest(target)));
    expect((await h.simulate({ virtualCardId: target, action: 'SUSPEND', source: 'WALLET' })).status).toBe(200);
    const approved = await decide(suzuki, request.requestId, 'approve', '承認');
    expect(approved.status).toBe(200);
    expect(ApprovalRequest.parse(await approved.json())).toMatchObject({
      state: 'EXECUTION_FAILED',
      execution: { outcome: 'FAILED', code: 'TOKEN_STATE_CONFLICT', currentState: 'SUSPENDED' },
    });
    expect(h.sandbox.store.tokens.get(target)?.state).toBe('SUSPENDED');
    expect(historyOf(target).some((event) => event.kind === 'AGENT_ACTION' && event.detail.requestId === request.requestId)).toBe(false);
  });
});
