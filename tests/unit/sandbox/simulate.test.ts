import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageOf, Token, TokenEvent } from '../../../shared/api/model';
import type { SimulateRequest } from '../../../shared/api/training';
import { knownFixtures } from '../../../sandbox/index';
import { errorOf, startHarness, type Harness } from './harness';

/** POST /training/v1/simulate: the wallet and the TSP change tokens under the state rules. */
let h: Harness;
let agent: Record<string, string>;
const { suspensions, lifecycle, yellowPath, longHistory } = knownFixtures;

beforeAll(async () => {
  h = await startHarness();
  agent = await h.agentHeaders();
});

afterAll(async () => {
  await h.close();
});

const simulate = async (body: SimulateRequest, extra: Record<string, string> = {}): Promise<Token> => {
  const response = await h.simulate(body, extra);
  expect(response.status, await response.clone().text()).toBe(200);
  return Token.parse(await response.json());
};

/** The newest event that is not the cardholder notification a change may cause. */
const newestEvent = async (virtualCardId: string): Promise<TokenEvent> => {
  const page = pageOf(TokenEvent).parse(await (await h.get(`/api/v1/tokens/${virtualCardId}/events?limit=2`, agent)).json());
  const event = page.items.find((item) => item.kind !== 'NOTIFICATION_SENT');
  if (!event) throw new Error('no events');
  return event;
};

const tokenNow = async (virtualCardId: string): Promise<Token> => Token.parse(await (await h.get(`/api/v1/tokens/${virtualCardId}`, agent)).json());

const expectRefused = async (body: SimulateRequest, field: string, rule: string, state: string): Promise<void> => {
  const before = h.sandbox.store.tokens.get(body.virtualCardId);
  const count = h.sandbox.store.eventCount(body.virtualCardId);
  const position = h.sandbox.store.changes.position;
  const response = await h.simulate(body);
  expect(response.status).toBe(409);
  const error = await errorOf(response);
  // The rule and the state come as fields too, so the console words them without parsing the message.
  expect(error).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', category: 'D', field, rule, currentState: before?.state });
  expect(error.message.startsWith(`${rule}: `), error.message).toBe(true);
  expect(error.message).toContain(`the token is ${state}`);
  expect(h.sandbox.store.tokens.get(body.virtualCardId)).toEqual(before);
  expect(h.sandbox.store.eventCount(body.virtualCardId)).toBe(count);
  expect(h.sandbox.store.changes.position).toBe(position);
};

describe('POST /training/v1/simulate', () => {
  it('SUSPEND by the wallet: an active token becomes suspended by WALLET, recorded with the caller’s correlation id', async () => {
    const count = h.sandbox.store.eventCount(yellowPath.activeVirtualCardId);
    const token = await simulate({ virtualCardId: yellowPath.activeVirtualCardId, action: 'SUSPEND', source: 'WALLET' }, { 'x-correlation-id': 'sim-suspend-1' });
    expect(token).toMatchObject({ state: 'SUSPENDED', stateSince: h.clock.now.toISOString(), lastChangedBy: { source: 'WALLET' }, suspendedBy: ['WALLET'] });
    expect(await tokenNow(yellowPath.activeVirtualCardId)).toEqual(token);
    expect(h.sandbox.store.eventCount(yellowPath.activeVirtualCardId)).toBe(count + 1);
    expect(await newestEvent(yellowPath.activeVirtualCardId)).toMatchObject({
      kind: 'SUSPENDED',
      actor: { source: 'WALLET' },
      occurredAt: h.clock.now.toISOString(),
      correlationId: 'sim-suspend-1',
      reasonCode: 'USER_DECISION',
      detail: { action: 'SUSPEND', source: 'WALLET', walletProviderId: 'APPLE_PAY', simulated: true },
    });
  });

  it('refuses to suspend a token that is not ACTIVE, or again by the same party, naming the rule and the current state', async () => {
    await expectRefused({ virtualCardId: yellowPath.activeVirtualCardId, action: 'SUSPEND', source: 'WALLET' }, 'action', 'SUSPEND_ONLY_ACTIVE', 'SUSPENDED (suspended by WALLET)');
    await expectRefused({ virtualCardId: yellowPath.virtualCardId, action: 'SUSPEND', source: 'WALLET' }, 'action', 'SUSPEND_ONLY_ACTIVE', 'INACTIVE');
  });

  it('stacks a second party’s suspension (the shared transition table): suspended by both, since unchanged', async () => {
    const before = h.sandbox.store.tokens.get(yellowPath.activeVirtualCardId);
    const token = await simulate({ virtualCardId: yellowPath.activeVirtualCardId, action: 'SUSPEND', source: 'TSP' });
    expect(token).toMatchObject({ state: 'SUSPENDED', suspendedBy: ['WALLET', 'TSP'], stateSince: before?.stateSince, lastChangedBy: { source: 'TSP' } });
    const wallet = await simulate({ virtualCardId: yellowPath.activeVirtualCardId, action: 'RESUME', source: 'WALLET' });
    expect(wallet).toMatchObject({ state: 'SUSPENDED', suspendedBy: ['TSP'] });
  });

  it('RESUME only by the party that suspended: the TSP cannot lift a wallet suspension, the wallet can', async () => {
    await expectRefused({ virtualCardId: suspensions.byWallet, action: 'RESUME', source: 'TSP' }, 'source', 'RESUME_ONLY_OWN_SUSPENSION', 'SUSPENDED (suspended by WALLET)');
    await expectRefused({ virtualCardId: suspensions.byIssuer, action: 'RESUME', source: 'WALLET' }, 'source', 'RESUME_ONLY_OWN_SUSPENSION', 'SUSPENDED (suspended by ISSUER)');
    const resumed = await simulate({ virtualCardId: suspensions.byWallet, action: 'RESUME', source: 'WALLET', reasonCode: 'DEVICE_FOUND' });
    expect(resumed).toMatchObject({ state: 'ACTIVE', stateSince: h.clock.now.toISOString(), suspendedBy: [], lastChangedBy: { source: 'WALLET' } });
    expect(await newestEvent(suspensions.byWallet)).toMatchObject({ kind: 'RESUMED', reasonCode: 'DEVICE_FOUND' });
    const tsp = await simulate({ virtualCardId: suspensions.byTsp, action: 'RESUME', source: 'TSP' });
    expect(tsp).toMatchObject({ state: 'ACTIVE', suspendedBy: [], lastChangedBy: { source: 'TSP' } });
    await expectRefused({ virtualCardId: longHistory.virtualCardId, action: 'RESUME', source: 'WALLET' }, 'action', 'RESUME_ONLY_SUSPENDED', 'ACTIVE');
  });

  it('a wallet resume leaves an issuer suspension in place: still SUSPENDED, by ISSUER only, since unchanged', async () => {
    const before = h.sandbox.store.tokens.get(suspensions.byWalletAndIssuer);
    expect([...(before?.suspendedBy ?? [])].sort()).toEqual(['ISSUER', 'WALLET']);
    const token = await simulate({ virtualCardId: suspensions.byWalletAndIssuer, action: 'RESUME', source: 'WALLET' });
    expect(token).toMatchObject({ state: 'SUSPENDED', suspendedBy: ['ISSUER'], stateSince: before?.stateSince, lastChangedBy: { source: 'WALLET' } });
  });

  it('DELETE from any state but DELETED, and never again', async () => {
    const token = await simulate({ virtualCardId: lifecycle.pending, action: 'DELETE', source: 'TSP' });
    expect(token).toMatchObject({ state: 'DELETED', stateSince: h.clock.now.toISOString(), suspendedBy: [], lastChangedBy: { source: 'TSP' } });
    expect(await newestEvent(lifecycle.pending)).toMatchObject({ kind: 'DELETED', actor: { source: 'TSP' }, reasonCode: 'DEVICE_RESET' });
    const suspended = await simulate({ virtualCardId: suspensions.byIssuer, action: 'DELETE', source: 'WALLET' });
    expect(suspended).toMatchObject({ state: 'DELETED', suspendedBy: [] });
    await expectRefused({ virtualCardId: lifecycle.pending, action: 'DELETE', source: 'WALLET' }, 'action', 'DELETE_ALREADY_DELETED', 'DELETED');
    await expectRefused({ virtualCardId: lifecycle.pending, action: 'RESUME', source: 'TSP' }, 'action', 'RESUME_ONLY_SUSPENDED', 'DELETED');
  });

  it('DELETE_FROM_APP: the wallet user deleted the token in the app, which deletes it; only the wallet reports it', async () => {
    const before = h.sandbox.store.tokens.get(lifecycle.activatedByOptionD);
    expect(before?.state).toBe('ACTIVE');
    await expectRefused({ virtualCardId: lifecycle.activatedByOptionD, action: 'DELETE_FROM_APP', source: 'TSP' }, 'source', 'DELETE_FROM_APP_ONLY_WALLET', 'ACTIVE');
    const token = await simulate({ virtualCardId: lifecycle.activatedByOptionD, action: 'DELETE_FROM_APP', source: 'WALLET' }, { 'x-correlation-id': 'sim-app-delete-1' });
    expect(token).toMatchObject({ state: 'DELETED', stateSince: h.clock.now.toISOString(), suspendedBy: [], lastChangedBy: { source: 'WALLET' } });
    expect(await newestEvent(lifecycle.activatedByOptionD)).toMatchObject({ kind: 'DELETED_FROM_APP', actor: { source: 'WALLET' } });
    await expectRefused({ virtualCardId: lifecycle.deletedFromApp, action: 'DELETE_FROM_APP', source: 'WALLET' }, 'action', 'DELETE_ALREADY_DELETED', 'DELETED');
    await expectRefused({ virtualCardId: lifecycle.activatedByOptionD, action: 'DELETE', source: 'TSP' }, 'action', 'DELETE_ALREADY_DELETED', 'DELETED');
  });

  it('answers 119 for an unknown token and 112 for an unknown action, changing nothing', async () => {
    const position = h.sandbox.store.changes.position;
    const unknown = await h.simulate({ virtualCardId: 'VCNOSUCHTOKEN', action: 'SUSPEND', source: 'WALLET' });
    expect(unknown.status).toBe(404);
    expect(await errorOf(unknown)).toMatchObject({ code: '119', category: 'D', field: 'virtualCardId' });
    const badAction = await h.post('/training/v1/simulate', { virtualCardId: longHistory.virtualCardId, action: 'FREEZE', source: 'WALLET' }, await h.platformHeaders());
    expect(await errorOf(badAction)).toMatchObject({ code: '112', field: 'action' });
    const issuer = await h.post('/training/v1/simulate', { virtualCardId: longHistory.virtualCardId, action: 'SUSPEND', source: 'ISSUER' }, await h.platformHeaders());
    expect(await errorOf(issuer)).toMatchObject({ code: '112', field: 'source' });
    expect(h.sandbox.store.changes.position).toBe(position);
  });

  it("needs the platform's bearer token: none is a 401, a workstation's or an agent's a 403, and nothing changes", async () => {
    const position = h.sandbox.store.changes.position;
    const body = { virtualCardId: longHistory.virtualCardId, action: 'DELETE', source: 'WALLET' };
    const response = await fetch(`${h.sandbox.baseUrl}/training/v1/simulate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'simulate-no-bearer-1' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('UNAUTHORIZED');
    for (const headers of [await h.workstationHeaders(), agent]) {
      const refused = await h.post('/training/v1/simulate', body, headers);
      expect(refused.status).toBe(403);
      expect(await errorOf(refused)).toMatchObject({ code: 'FORBIDDEN_CLIENT', category: 'F' });
    }
    expect(h.sandbox.store.changes.position).toBe(position);
  });

  it('does the work once for a retry with the same idempotency key', async () => {
    const count = h.sandbox.store.eventCount(longHistory.virtualCardId);
    const body: SimulateRequest = { virtualCardId: longHistory.virtualCardId, action: 'SUSPEND', source: 'WALLET' };
    const first = await h.simulate(body, { 'idempotency-key': 'simulate-key-0001' });
    const retry = await h.simulate(body, { 'idempotency-key': 'simulate-key-0001' });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toEqual(await first.json());
    expect(h.sandbox.store.eventCount(longHistory.virtualCardId)).toBe(count + 1);
  });
});

describe('a sandbox standing in for a connected backend', () => {
  let connected: Harness;

  beforeAll(async () => {
    connected = await startHarness({ mode: 'connected' });
  });

  afterAll(async () => {
    await connected.close();
  });

  it('answers every /training call with TRAINING_ONLY (404, category F), credentials or not, and changes nothing', async () => {
    const position = connected.sandbox.store.changes.position;
    const token = connected.sandbox.store.tokens.get(longHistory.virtualCardId);
    const calls: Array<[string, string, unknown]> = [
      ['POST', '/training/v1/simulate', { virtualCardId: longHistory.virtualCardId, action: 'SUSPEND', source: 'WALLET' }],
      ['POST', '/training/v1/faults', { match: { pathPrefix: '/' }, fault: 'status-500', times: 1 }],
      ['GET', '/training/v1/faults', undefined],
      ['DELETE', '/training/v1/faults', undefined],
    ];
    for (const [method, path, body] of calls) {
      for (const headers of [await connected.platformHeaders(), {}]) {
        const response = await fetch(`${connected.sandbox.baseUrl}${path}`, {
          method,
          headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(await errorOf(response)).toMatchObject({ code: 'TRAINING_ONLY', category: 'F' });
      }
    }
    expect(connected.sandbox.store.changes.position).toBe(position);
    expect(connected.sandbox.store.tokens.get(longHistory.virtualCardId)).toEqual(token);
    expect((await connected.get(`/api/v1/tokens/${longHistory.virtualCardId}`, await connected.agentHeaders())).status).toBe(200);
  });
});
