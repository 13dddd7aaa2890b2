import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApprovalRequest } from '../../../shared/api/approvals';
import type { TokenEvent } from '../../../shared/api/token-event';
import { knownFixtures } from '../../../sandbox/index';
import { errorOf, startHarness, type Harness } from './harness';
import { openStream, type ReceivedEvent } from './sse-client';

/**
 * A bulk delete is one approval request for the whole selection, over real HTTP: one decision,
 * then the backend runs the delete on each token exactly once (two supervisors approving at once
 * included); a token that changed meanwhile fails alone and says why, and the request ends
 * PARTLY_EXECUTED; a rejected bulk runs nothing.
 */
let h: Harness;
let sato: Record<string, string>;
let suzuki: Record<string, string>;
let tanaka: Record<string, string>;
const { bulkCard, lostPhone } = knownFixtures;
const DELETE_ACTION = { reasonCode: 'DEVICE_LOST', reason: 'Device lost', comment: 'まとめて削除' } as const;

beforeAll(async () => {
  h = await startHarness({ tspConfirmDelayMs: 20 });
  [sato, suzuki, tanaka] = await Promise.all([h.agentHeaders('agent.sato'), h.agentHeaders('supervisor.suzuki'), h.agentHeaders('admin.tanaka')]);
}, 60_000);

afterAll(async () => {
  await h.close();
});

type Scope = { kind: 'CARD'; issuerCardRefId: string } | { kind: 'DEVICE'; cardholderId: string; tokenStorageId: string };

const bulkDelete = (scope: Scope, tokens: readonly (readonly [string, string])[]) => {
  const [first] = tokens;
  if (!first) throw new Error('a bulk has a token');
  return {
    operation: 'delete',
    virtualCardId: first[0],
    action: { ...DELETE_ACTION, expectedState: first[1] },
    bulk: { bulkId: randomUUID(), scope, tokens: tokens.map(([virtualCardId, expectedState]) => ({ virtualCardId, expectedState })) },
  };
};

const cardScope: Scope = { kind: 'CARD', issuerCardRefId: bulkCard.issuerCardRefId };
const cardTokens = [
  [bulkCard.active[0], 'ACTIVE'],
  [bulkCard.active[1], 'ACTIVE'],
  [bulkCard.suspendedByIssuer, 'SUSPENDED'],
] as const;

const created = async (response: Response): Promise<ApprovalRequest> => {
  expect(response.status, await response.clone().text()).toBe(201);
  return ApprovalRequest.parse(await response.json());
};
const request = (body: unknown): Promise<Response> => h.post('/api/v1/approval-requests', body, sato);
const decide = (headers: Record<string, string>, requestId: string, decision: 'approve' | 'reject', comment: string): Promise<Response> =>
  h.post(`/api/v1/approval-requests/${requestId}/decision:${decision}`, { comment }, headers);
const actionsOf = (virtualCardId: string, requestId: string): TokenEvent[] =>
  h.sandbox.store.storedEvents(virtualCardId).filter((event) => event.kind === 'AGENT_ACTION' && event.detail.requestId === requestId);

describe('one approval request for a bulk delete', () => {
  it('takes the selection as one request, each token with the state the agent saw, and records it on each token', async () => {
    const asked = await created(await request(bulkDelete(cardScope, cardTokens)));
    expect(asked).toMatchObject({ state: 'PENDING', rule: 'DELETE', virtualCardId: bulkCard.active[0] });
    expect(asked.bulk?.tokens?.map((token) => [token.virtualCardId, token.expectedState, token.outcome])).toEqual(cardTokens.map(([id, state]) => [id, state, undefined]));
    for (const [id] of cardTokens) {
      expect(h.sandbox.store.storedEvents(id).some((event) => event.kind === 'APPROVAL_REQUESTED' && event.detail.requestId === asked.requestId)).toBe(true);
    }
    // Rejected: nothing runs on any token.
    const rejected = await decide(suzuki, asked.requestId, 'reject', '不要');
    expect(ApprovalRequest.parse(await rejected.json()).state).toBe('REJECTED');
    for (const [id, state] of cardTokens) {
      expect(h.sandbox.store.tokens.get(id)?.state).toBe(state);
      expect(actionsOf(id, asked.requestId)).toHaveLength(0);
    }
  });

  it('refuses a token outside the bulk’s scope, and a token that changed since the preview, before any supervisor sees it', async () => {
    const outside = await request(bulkDelete(cardScope, [...cardTokens, [lostPhone.otherDevice, 'ACTIVE']]));
    expect(outside.status).toBe(404);
    expect(await errorOf(outside)).toMatchObject({ field: 'bulk.tokens.3.virtualCardId' });
    const stale = await request(bulkDelete(cardScope, [[bulkCard.active[0], 'ACTIVE'], [bulkCard.active[1], 'SUSPENDED']]));
    expect(stale.status).toBe(409);
    expect(await errorOf(stale)).toMatchObject({ code: 'TOKEN_STATE_CONFLICT' });
  });

  it('runs the delete on each token exactly once after one approval, even with two supervisors approving at once', async () => {
    const agentStream = await openStream(`${h.sandbox.baseUrl}/api/v1/events/stream`, sato);
    try {
      const asked = await created(await request(bulkDelete(cardScope, cardTokens)));
      const answers = await Promise.all([decide(suzuki, asked.requestId, 'approve', '確認済み'), decide(tanaka, asked.requestId, 'approve', '了解')]);
      const bodies = await Promise.all(
        answers.map(async (answer) => {
          expect(answer.status, await answer.clone().text()).toBe(200);
          return ApprovalRequest.parse(await answer.json());
        }),
      );
      for (const body of bodies) {
        expect(body.state).toBe('EXECUTED');
        expect(body.bulk?.tokens?.every((token) => token.outcome?.outcome === 'ACCEPTED')).toBe(true);
      }
      expect(new Set(bodies.map((body) => body.decidedBy?.agentId)).size).toBe(1);
      for (const [id] of cardTokens) {
        expect(actionsOf(id, asked.requestId)).toHaveLength(1);
        await expect.poll(() => h.sandbox.store.tokens.get(id)?.state).toBe('DELETED');
      }
      // The requester follows it live, as a single request.
      await agentStream.take((event: ReceivedEvent) => event.data.type === 'approval.changed' && event.data.request.requestId === asked.requestId && event.data.request.state === 'EXECUTED');
    } finally {
      agentStream.close();
    }
  });

  it('fails a token that changed meanwhile alone, with its error, runs the others and ends PARTLY_EXECUTED', async () => {
    const scope: Scope = { kind: 'DEVICE', cardholderId: lostPhone.cardholderId, tokenStorageId: lostPhone.device.tokenStorageId };
    const [gold, classic, platinum] = lostPhone.activeOnPhone;
    const asked = await created(await request(bulkDelete(scope, [[gold, 'ACTIVE'], [classic, 'ACTIVE'], [platinum, 'ACTIVE']])));
    expect((await h.simulate({ virtualCardId: classic, action: 'SUSPEND', source: 'WALLET' })).status).toBe(200);
    const approved = ApprovalRequest.parse(await (await decide(suzuki, asked.requestId, 'approve', '承認')).json());
    expect(approved.state).toBe('PARTLY_EXECUTED');
    const outcomes = new Map(approved.bulk?.tokens?.map((token) => [token.virtualCardId, token.outcome]));
    expect(outcomes.get(gold)).toMatchObject({ outcome: 'ACCEPTED' });
    expect(outcomes.get(platinum)).toMatchObject({ outcome: 'ACCEPTED' });
    expect(outcomes.get(classic)).toMatchObject({ outcome: 'FAILED', code: 'TOKEN_STATE_CONFLICT', currentState: 'SUSPENDED' });
    expect(approved.execution).toMatchObject({ outcome: 'FAILED', code: 'TOKEN_STATE_CONFLICT' });
    expect(actionsOf(classic, asked.requestId)).toHaveLength(0);
    expect(h.sandbox.store.tokens.get(classic)?.state).toBe('SUSPENDED');
    for (const id of [gold, platinum]) await expect.poll(() => h.sandbox.store.tokens.get(id)?.state).toBe('DELETED');
  });
});
