import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallbackReceipt, type NotifyVirtualCardChangeRequest } from '../../../shared/api/callbacks';
import { OperationAccepted } from '../../../shared/api/operations';
import { RecordedTokenEvent, TokenEvent } from '../../../shared/api/token-event';
import { knownFixtures } from '../../../sandbox/index';
import { startHarness, type Harness } from './harness';
import { eventually, openStream, type ReceivedEvent } from './sse-client';

/**
 * What the sandbox really sends for an agent's operation, read over real HTTP as raw JSON: every
 * event of the history and of the stream parses against the union, loses nothing when parsed
 * strictly (no field the union does not declare), and carries the operation's id where the
 * console confirms an action from it.
 */
let h: Harness;
let agent: Record<string, string>;
const { yellowPath, foreignResident } = knownFixtures;

beforeAll(async () => {
  h = await startHarness({ tspConfirmDelayMs: 100, reminderCheckMs: 0 });
  agent = await h.agentHeaders();
});

afterAll(async () => {
  await h.close();
});

/** The token's newest events as the backend sends them, before any parsing. */
const rawHistory = async (virtualCardId: string, limit: number): Promise<unknown[]> => {
  const response = await h.get(`/api/v1/tokens/${virtualCardId}/events?limit=${limit}`, agent);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: unknown[] }).items;
};

/** Parses as a client does, and strictly: equal results mean no field was dropped unread. */
const parsedWhole = (raw: unknown): TokenEvent => {
  const tolerant = TokenEvent.parse(raw);
  expect(RecordedTokenEvent.parse(raw)).toEqual(tolerant);
  expect(tolerant).toEqual(raw);
  return tolerant;
};

const operate = async (operation: string, virtualCardId: string, body: Record<string, unknown>, correlationId: string): Promise<string> => {
  const response = await h.post(`/api/v1/tokens/${virtualCardId}/operations:${operation}`, body, { ...agent, 'x-correlation-id': correlationId });
  expect(response.status, await response.clone().text()).toBe(202);
  return OperationAccepted.parse(await response.json()).operationId;
};

describe('the events of an agent operation, over HTTP', () => {
  it('an Option D activation: the action, the confirmation and the notification parse whole and carry the operation id; the stream carries the same events', async () => {
    const id = yellowPath.virtualCardId;
    const before = h.sandbox.store.eventCount(id);
    const stream = await openStream(`${h.sandbox.baseUrl}/api/v1/events/stream`, agent);
    try {
      await stream.take((event) => event.event === 'ready');
      const operationId = await operate(
        'activate',
        id,
        {
          reasonCode: 'CUSTOMER_SERVICE_VERIFIED',
          reason: 'Verified by agent',
          expectedState: 'INACTIVE',
          verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'SECURITY_WORD'],
          callAnswers: { inbound: true, askedToShareCode: false },
        },
        'wire-optd-1',
      );
      await eventually(() => h.sandbox.store.eventCount(id) === before + 3, 3000);

      const events = (await rawHistory(id, 3)).map(parsedWhole).reverse();
      expect(events.map((event) => event.kind)).toEqual(['AGENT_ACTION', 'ACTIVATED', 'NOTIFICATION_SENT']);
      const [action, confirmed, notified] = events;
      if (action?.kind !== 'AGENT_ACTION' || confirmed?.kind !== 'ACTIVATED' || notified?.kind !== 'NOTIFICATION_SENT') throw new Error('unexpected kinds');
      expect(action.detail).toEqual({
        operation: 'activate',
        operationId,
        status: 'ACCEPTED',
        reasonSent: 'CUSTOMER SERVICE VERIFIED',
        verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'SECURITY_WORD'],
        callInbound: true,
        askedToShareCode: false,
      });
      expect(confirmed.detail).toMatchObject({ callback: 'tspConfirmation', action: 'ACTIVATE', source: 'ISSUER', operation: 'activate', operationId, confirmedBy: 'TSP' });
      expect(notified.detail).toMatchObject({ template: 'ACTIVATION_CONFIRMED', status: 'QUEUED', operationId });

      // Each change on the stream carries its event whole, exactly as the history serves it.
      const changes: ReceivedEvent[] = [];
      for (let i = 0; i < 3; i += 1) changes.push(await stream.take((event) => event.data.type === 'token.changed'));
      const streamed = changes.map(({ data }) => (data.type === 'token.changed' ? data.event : null));
      expect(streamed).toEqual(events);
    } finally {
      stream.close();
    }
  });

  it("a failure the TSP reports for the agent's operation parses whole and names the operation", async () => {
    const token = h.sandbox.store.tokensOfCard(foreignResident.issuerCardRefId).find((each) => each.state === 'ACTIVE');
    if (!token) throw new Error('no active token');
    const operationId = await operate('suspend', token.virtualCardId, { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' }, 'wire-221-1');
    const failure: NotifyVirtualCardChangeRequest = {
      issuerCardRefId: token.issuerCardRefId,
      virtualCardId: token.virtualCardId,
      walletProviderId: token.tokenRequestor.walletProviderId,
      tokenStorageId: token.device.tokenStorageId,
      isPrimary: token.isPrimary,
      action: 'SUSPEND',
      source: 'ISSUER',
      errorCode: '221',
    };
    const response = await h.post('/tsh/v1/notifyVirtualCardChange', failure, await h.platformHeaders({ 'x-correlation-id': 'wire-221-1' }));
    expect(response.status).toBe(200);
    const [result] = CallbackReceipt.parse(await response.json()).results;
    // Found by its id: the TSP's own confirmation may already have come after it.
    const failed = (await rawHistory(token.virtualCardId, 10)).map(parsedWhole).find((event) => event.eventId === result?.eventId);
    expect(failed).toMatchObject({
      kind: 'OPERATION_FAILED',
      // The state the token kept: ACTIVE, or SUSPENDED if the TSP's own confirmation came first.
      detail: { callback: 'notifyVirtualCardChange', action: 'SUSPEND', operation: 'suspend', operationId, errorCode: '221', state: expect.stringMatching(/^(ACTIVE|SUSPENDED)$/) },
    });
    await eventually(() => h.sandbox.store.tokens.get(token.virtualCardId)?.state === 'SUSPENDED', 3000);
  });

  it('every event of every seeded history parses whole', async () => {
    for (const token of h.sandbox.store.tokens.values()) {
      for (const raw of await rawHistory(token.virtualCardId, 50)) parsedWhole(raw);
    }
  });
});
