import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageOf, Token, TokenEvent, type TokenState } from '../../../shared/api/model';
import { OperationAccepted } from '../../../shared/api/operations';
import type { TokenOperation } from '../../../shared/domain/transitions';
import { knownFixtures } from '../../../sandbox/index';
import { directDeletesPolicy } from '../../support/direct-deletes';
import { errorOf, startHarness, type Harness } from './harness';
import { eventually, openStream, type ReceivedEvent } from './sse-client';

/**
 * POST /api/v1/tokens/{id}/operations:{op} over real HTTP: accepted at once with the agent's
 * action on record, the token changed only when the (simulated) TSP confirms after its delay.
 */
const CONFIRM_DELAY_MS = 150;
let h: Harness;
let agent: Record<string, string>;
const { yellowPath, suspensions, lifecycle, longHistory } = knownFixtures;

beforeAll(async () => {
  h = await startHarness({ actionPolicy: directDeletesPolicy(), tspConfirmDelayMs: CONFIRM_DELAY_MS });
  agent = await h.agentHeaders();
});

afterAll(async () => {
  await h.close();
});

interface Body {
  reasonCode: string;
  reason: string;
  expectedState: TokenState;
  comment?: string;
  verifiers?: string[];
  callAnswers?: { inbound: boolean; askedToShareCode: boolean };
}

const operate = (operation: TokenOperation, virtualCardId: string, body: Body, extra: Record<string, string> = {}): Promise<Response> =>
  h.post(`/api/v1/tokens/${virtualCardId}/operations:${operation}`, body, { ...agent, ...extra });

const stateOf = (virtualCardId: string): TokenState | undefined => h.sandbox.store.tokens.get(virtualCardId)?.state;

const eventsOf = async (virtualCardId: string, limit = 10): Promise<TokenEvent[]> =>
  pageOf(TokenEvent).parse(await (await h.get(`/api/v1/tokens/${virtualCardId}/events?limit=${limit}`, agent)).json()).items;

const kindsAfter = async (virtualCardId: string, count: number): Promise<string[]> =>
  (await eventsOf(virtualCardId, h.sandbox.store.eventCount(virtualCardId) - count)).map((event) => event.kind).reverse();

const HAPPY: Array<{ operation: TokenOperation; id: string; body: Body; after: TokenState; kind: string; template: string; channel: string | null }> = [
  {
    operation: 'activate',
    id: yellowPath.virtualCardId,
    body: { reasonCode: 'CUSTOMER_SERVICE_VERIFIED', reason: 'Authenticated with a customer service agent', verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'REGISTERED_PHONE', 'SECURITY_WORD'], callAnswers: { inbound: true, askedToShareCode: false }, comment: '本人確認済み', expectedState: 'INACTIVE' },
    after: 'ACTIVE',
    kind: 'ACTIVATED',
    template: 'ACTIVATION_CONFIRMED',
    channel: 'SMS',
  },
  { operation: 'suspend', id: yellowPath.activeVirtualCardId, body: { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' }, after: 'SUSPENDED', kind: 'SUSPENDED', template: 'TOKEN_SUSPENDED', channel: 'SMS' },
  { operation: 'resume', id: suspensions.byIssuer, body: { reasonCode: 'DEVICE_FOUND', reason: 'Device found', expectedState: 'SUSPENDED' }, after: 'ACTIVE', kind: 'RESUMED', template: 'TOKEN_RESUMED', channel: 'SMS' },
  // This cardholder has no contact on file: the history says no channel rather than claim a notification.
  { operation: 'delete', id: lifecycle.activatedByOptionD, body: { reasonCode: 'OTHER', reason: 'Cardholder asked', comment: '解約のため', expectedState: 'ACTIVE' }, after: 'DELETED', kind: 'DELETED', template: 'TOKEN_DELETED', channel: null },
];

describe.each(HAPPY)('operations:$operation', ({ operation, id, body, after, kind, template, channel }) => {
  it(`202 at once with the agent's action recorded; ${after} only when the TSP confirms; both streamed`, async () => {
    expect(stateOf(id)).toBe(body.expectedState);
    const before = stateOf(id);
    const count = h.sandbox.store.eventCount(id);
    const stream = await openStream(`${h.sandbox.baseUrl}/api/v1/events/stream`, agent);
    try {
      await stream.take((event) => event.event === 'ready');
      const response = await operate(operation, id, body, { 'x-correlation-id': `op-${operation}-1` });
      expect(response.status, await response.clone().text()).toBe(202);
      expect(OperationAccepted.parse(await response.json())).toMatchObject({ status: 'ACCEPTED', virtualCardId: id, operation });

      // Accepted is not done: the action is on record, the token unchanged.
      expect(stateOf(id)).toBe(before);
      const [action] = await eventsOf(id, 1);
      expect(action).toMatchObject({
        kind: 'AGENT_ACTION',
        actor: { source: 'ISSUER', agentId: 'agent.sato' },
        correlationId: `op-${operation}-1`,
        reasonCode: body.reasonCode,
        // What the token service is sent comes from the reason code's table, not from `reason` or the comment.
        detail: { operation, reasonSent: body.reasonCode.replace(/_/g, ' '), status: 'ACCEPTED' },
      });
      if (body.comment) expect(action?.comment).toBe(body.comment);
      if (operation === 'activate') expect(action).toMatchObject({ detail: { verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'REGISTERED_PHONE', 'SECURITY_WORD'] } });

      await eventually(() => stateOf(id) === after, 3000);
      expect(await kindsAfter(id, count)).toEqual(['AGENT_ACTION', kind, 'NOTIFICATION_SENT']);
      const [notification, change] = await eventsOf(id, 2);
      expect(change).toMatchObject({ kind, correlationId: `op-${operation}-1`, actor: { source: 'ISSUER', agentId: 'agent.sato' } });
      expect(notification).toMatchObject({ kind: 'NOTIFICATION_SENT', detail: { status: channel ? 'QUEUED' : 'NO_CHANNEL', template, channel } });
      expect(Token.parse(await (await h.get(`/api/v1/tokens/${id}`, agent)).json()).lastChangedBy).toMatchObject({ source: 'ISSUER', agentId: 'agent.sato' });

      const mine =
        (eventKind: string) =>
        ({ data }: ReceivedEvent): boolean =>
          data.type === 'token.changed' && data.virtualCardId === id && data.event.kind === eventKind;
      expect((await stream.take(mine('AGENT_ACTION'))).data).toMatchObject({ state: before, previousState: before });
      expect((await stream.take(mine(kind))).data).toMatchObject({ state: after, previousState: before });
    } finally {
      stream.close();
    }
  });
});

describe('refusals', () => {
  const expectRefused = async (operation: TokenOperation, id: string, body: Body, code: string, rule: string | undefined, currentState: TokenState): Promise<void> => {
    const count = h.sandbox.store.eventCount(id);
    const response = await operate(operation, id, body);
    expect(response.status).toBe(409);
    const error = await errorOf(response);
    expect(error).toMatchObject({ code, category: 'D', currentState });
    expect(error.rule).toBe(rule);
    // Nothing recorded, nothing scheduled.
    expect(h.sandbox.store.eventCount(id)).toBe(count);
  };

  it('refuses suspending a token the wallet suspended', async () => {
    await expectRefused('suspend', suspensions.byWallet, { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'SUSPENDED' }, 'TRANSITION_NOT_ALLOWED', 'SUSPEND_ONLY_ACTIVE', 'SUSPENDED');
  });

  it("refuses lifting the wallet's suspension", async () => {
    await expectRefused('resume', suspensions.byWallet, { reasonCode: 'DEVICE_FOUND', reason: 'Device found', expectedState: 'SUSPENDED' }, 'TRANSITION_NOT_ALLOWED', 'RESUME_ONLY_OWN_SUSPENSION', 'SUSPENDED');
  });

  it('refuses deleting a deleted token', async () => {
    expect((await h.simulate({ virtualCardId: lifecycle.operationFailed, action: 'DELETE', source: 'WALLET' })).status).toBe(200);
    await expectRefused('delete', lifecycle.operationFailed, { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'DELETED' }, 'TRANSITION_NOT_ALLOWED', 'DELETE_ALREADY_DELETED', 'DELETED');
  });

  it('refuses activating a green, active token', async () => {
    expect(stateOf(longHistory.virtualCardId)).toBe('ACTIVE');
    await expectRefused('activate', longHistory.virtualCardId, { reasonCode: 'CUSTOMER_SERVICE_VERIFIED', reason: 'Verified', expectedState: 'ACTIVE' }, 'TRANSITION_NOT_ALLOWED', 'ACTIVATE_ONLY_INACTIVE', 'ACTIVE');
  });

  it('answers a conflict with the current state when the token is not in the state the agent saw', async () => {
    const response = await operate('suspend', suspensions.byTsp, { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' });
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toMatchObject({ code: 'TOKEN_STATE_CONFLICT', category: 'D', field: 'expectedState', currentState: 'SUSPENDED' });
  });

  it('refuses an unknown token', async () => {
    const response = await operate('suspend', 'VCNOSUCH0001', { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).code).toBe('119');
  });
});

describe('bad input', () => {
  const expectField = async (operation: TokenOperation, body: Body | Record<string, unknown>, field: string): Promise<void> => {
    const count = h.sandbox.store.eventCount(longHistory.virtualCardId);
    const response = await h.post(`/api/v1/tokens/${longHistory.virtualCardId}/operations:${operation}`, body, agent);
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ category: 'D', field });
    expect(h.sandbox.store.eventCount(longHistory.virtualCardId)).toBe(count);
  };

  it('refuses a reason code that is not one of the operation’s', async () => {
    await expectField('suspend', { reasonCode: 'DEVICE_FOUND', reason: 'Device found', expectedState: 'ACTIVE' }, 'reasonCode');
    await expectField('resume', { reasonCode: 'FRAUD_CONFIRMED', reason: 'Fraud', expectedState: 'ACTIVE' }, 'reasonCode');
  });

  it('refuses a reason text the token service would not accept (Japanese belongs in the comment)', async () => {
    await expectField('suspend', { reasonCode: 'DEVICE_LOST', reason: '端末紛失', expectedState: 'ACTIVE' }, 'reason');
    await expectField('suspend', { reasonCode: 'DEVICE_LOST', reason: 'a'.repeat(65), expectedState: 'ACTIVE' }, 'reason');
  });

  it('requires a comment for OTHER', async () => {
    await expectField('suspend', { reasonCode: 'OTHER', reason: 'Other', expectedState: 'ACTIVE' }, 'comment');
    await expectField('suspend', { reasonCode: 'OTHER', reason: 'Other', comment: '   ', expectedState: 'ACTIVE' }, 'comment');
  });

  it('refuses an over-long comment, and verifiers on anything but activate', async () => {
    await expectField('suspend', { reasonCode: 'DEVICE_LOST', reason: 'Device lost', comment: 'あ'.repeat(501), expectedState: 'ACTIVE' }, 'comment');
    await expectField('suspend', { reasonCode: 'DEVICE_LOST', reason: 'Device lost', verifiers: ['FULL_NAME'], expectedState: 'ACTIVE' }, 'verifiers');
    await expectField('activate', { reasonCode: 'CUSTOMER_SERVICE_VERIFIED', reason: 'Verified', verifiers: ['MOTHERS_MAIDEN_NAME'], expectedState: 'INACTIVE' }, 'verifiers.0');
  });
});

describe('exactly once', () => {
  it('does the work once for a retry with the same Idempotency-Key', async () => {
    const id = suspensions.byWalletAndIssuer;
    const count = h.sandbox.store.eventCount(id);
    const body: Body = { reasonCode: 'CARDHOLDER_REQUEST', reason: 'Cardholder request', expectedState: 'SUSPENDED' };
    const key = { 'idempotency-key': 'retry-resume-0001' };
    const first = await operate('resume', id, body, key);
    expect(first.status).toBe(202);
    const second = await operate('resume', id, body, key);
    expect(second.status).toBe(202);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    expect(h.sandbox.store.eventCount(id)).toBe(count + 1);

    // The issuer lifts its own suspension; the wallet's stays.
    await eventually(() => h.sandbox.store.eventCount(id) === count + 3, 3000);
    const third = await operate('resume', id, body, key);
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    await new Promise((resolve) => setTimeout(resolve, CONFIRM_DELAY_MS * 2));
    expect(await kindsAfter(id, count)).toEqual(['AGENT_ACTION', 'RESUMED', 'NOTIFICATION_SENT']);
    expect(h.sandbox.store.tokens.get(id)).toMatchObject({ state: 'SUSPENDED', suspendedBy: ['WALLET'] });
  });

  it('refuses a second operation while one awaits its confirmation', async () => {
    const target = suspensions.byIssuer; // ACTIVE again after the resume above
    expect(stateOf(target)).toBe('ACTIVE');
    expect((await operate('suspend', target, { reasonCode: 'FRAUD_SUSPECTED', reason: 'Fraud suspected', expectedState: 'ACTIVE' })).status).toBe(202);
    const again = await operate('suspend', target, { reasonCode: 'FRAUD_SUSPECTED', reason: 'Fraud suspected', expectedState: 'ACTIVE' });
    expect(again.status).toBe(409);
    expect(await errorOf(again)).toMatchObject({ code: 'TOKEN_STATE_CONFLICT', rule: 'OPERATION_PENDING', currentState: 'ACTIVE' });
    await eventually(() => stateOf(target) === 'SUSPENDED', 3000);
  });

  it('records OPERATION_FAILED when the wallet deletes the token between acceptance and confirmation', async () => {
    const id = suspensions.byIssuer;
    await eventually(() => stateOf(id) === 'SUSPENDED', 3000);
    const count = h.sandbox.store.eventCount(id);
    expect((await operate('resume', id, { reasonCode: 'NO_FRAUD', reason: 'No fraud', expectedState: 'SUSPENDED' })).status).toBe(202);
    expect((await h.simulate({ virtualCardId: id, action: 'DELETE', source: 'WALLET' })).status).toBe(200);
    // The wallet's delete is confirmed to the cardholder; the late confirmation fails the operation.
    await eventually(() => h.sandbox.store.eventCount(id) === count + 4, 3000);
    expect(await kindsAfter(id, count)).toEqual(['AGENT_ACTION', 'DELETED', 'NOTIFICATION_SENT', 'OPERATION_FAILED']);
    const [failed] = await eventsOf(id, 1);
    expect(failed?.detail).toMatchObject({ operation: 'resume', rule: 'TOKEN_DELETED', state: 'DELETED' });
    expect(stateOf(id)).toBe('DELETED');
  });
});

describe('roles and the document', () => {
  it('lets a supervisor and an admin operate too', async () => {
    for (const [agentId, id] of [['supervisor.suzuki', lifecycle.deletedFromApp], ['admin.tanaka', longHistory.virtualCardId]] as const) {
      const headers = await h.agentHeaders(agentId);
      const state = stateOf(id);
      if (state === undefined) throw new Error('no token');
      // A conflict, not FORBIDDEN_ROLE: the role passed, the state check answered.
      const response = await h.post(`/api/v1/tokens/${id}/operations:activate`, { reasonCode: 'CUSTOMER_SERVICE_VERIFIED', reason: 'Verified', expectedState: state }, headers);
      expect(response.status).toBe(409);
      expect((await errorOf(response)).code).toBe('TRANSITION_NOT_ALLOWED');
    }
  });

  it('lists the four operations in the OpenAPI document', async () => {
    const document = (await (await fetch(`${h.sandbox.baseUrl}/openapi.json`)).json()) as { paths: Record<string, { post?: { operationId: string; responses: Record<string, unknown> } }> };
    for (const [operation, operationId] of [['activate', 'activateToken'], ['suspend', 'suspendToken'], ['resume', 'resumeToken'], ['delete', 'deleteToken']]) {
      const post = document.paths[`/api/v1/tokens/{virtualCardId}/operations:${operation}`]?.post;
      expect(post?.operationId).toBe(operationId);
      expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(['202', '409']));
    }
  });
});

describe('close()', () => {
  it('cancels pending confirmations', async () => {
    const other = await startHarness({ tspConfirmDelayMs: 100 });
    try {
      const headers = await other.agentHeaders();
      const id = yellowPath.activeVirtualCardId;
      const response = await other.post(`/api/v1/tokens/${id}/operations:suspend`, { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' }, headers);
      expect(response.status).toBe(202);
    } finally {
      await other.close();
    }
    const count = other.sandbox.store.eventCount(yellowPath.activeVirtualCardId);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(other.sandbox.store.eventCount(yellowPath.activeVirtualCardId)).toBe(count);
    expect(other.sandbox.store.tokens.get(yellowPath.activeVirtualCardId)?.state).toBe('ACTIVE');
  });
});
