import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../../../shared/api/endpoints';
import { OperationAccepted } from '../../../shared/api/operations';
import { IDEMPOTENCY_TTL_MS, knownFixtures } from '../../../sandbox/index';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness;
let token: string;

beforeAll(async () => {
  h = await startHarness();
  token = await h.accessToken();
});

afterAll(async () => {
  await h.close();
});

const signIn = (key: string, body: object): Promise<Response> =>
  fetch(`${h.sandbox.baseUrl}/api/v1/agent-sessions`, {
    method: 'POST',
    headers: h.apiHeaders(token, { 'content-type': 'application/json', 'idempotency-key': key }),
    body: JSON.stringify(body),
  });

const sato = { agentId: 'agent.sato', password: 'Training-Sato-2026' };

describe('Idempotency-Key where it is optional (the token endpoint and sign-in)', () => {
  it('replays the first response to a retry with the same key and body, doing the work once', async () => {
    const before = h.sandbox.store.sessions.size;
    const first = await signIn('retry-key-0001', sato);
    const second = await signIn('retry-key-0001', { password: sato.password, agentId: sato.agentId });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const [a, b] = [AgentSession.parse(await first.json()), AgentSession.parse(await second.json())];
    expect(b).toEqual(a);
    expect(h.sandbox.store.sessions.size).toBe(before + 1);
  });

  it('answers 422 IDEMPOTENCY_CONFLICT for the same key with another body', async () => {
    expect((await signIn('retry-key-0002', sato)).status).toBe(201);
    const conflict = await signIn('retry-key-0002', { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' });
    expect(conflict.status).toBe(422);
    expect(await errorOf(conflict)).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', category: 'D', field: 'idempotency-key' });
  });

  it('replays a failure too: a retried wrong password counts once toward the lockout', async () => {
    const wrong = { agentId: 'admin.tanaka', password: 'wrong' };
    expect((await signIn('retry-key-0003', wrong)).status).toBe(401);
    const again = await signIn('retry-key-0003', wrong);
    expect(again.status).toBe(401);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(h.sandbox.store.signInAttempts.get('admin.tanaka')?.failures).toBe(1);
    expect((await signIn('retry-key-0003b', { agentId: 'admin.tanaka', password: 'Training-Tanaka-2026' })).status).toBe(201);
  });

  it('runs concurrent retries once', async () => {
    const before = h.sandbox.store.sessions.size;
    const responses = await Promise.all([signIn('retry-key-0004', sato), signIn('retry-key-0004', sato), signIn('retry-key-0004', sato)]);
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201]);
    const tokens = new Set(await Promise.all(responses.map(async (response) => AgentSession.parse(await response.json()).sessionToken)));
    expect(tokens.size).toBe(1);
    expect(h.sandbox.store.sessions.size).toBe(before + 1);
  });

  it('forgets a key after 24 hours', async () => {
    expect((await signIn('retry-key-0005', sato)).status).toBe(201);
    const start = h.clock.now;
    h.clock.now = new Date(start.getTime() + IDEMPOTENCY_TTL_MS + 1000);
    try {
      token = await h.accessToken();
      const later = await signIn('retry-key-0005', { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' });
      expect(later.status).toBe(201);
      expect(later.headers.get('idempotent-replayed')).toBeNull();
    } finally {
      h.clock.now = start;
      token = await h.accessToken();
    }
  });

  it('refuses a malformed key, and honours keys on the token endpoint too', async () => {
    const bad = await signIn('short', sato);
    expect(await errorOf(bad)).toMatchObject({ code: '112', field: 'idempotency-key' });

    const assertion = await h.assertion();
    const first = await h.exchange(assertion, { 'idempotency-key': 'token-key-0001' });
    const retry = await h.exchange(assertion, { 'idempotency-key': 'token-key-0001' });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(await first.json());
  });

  it('never writes records that hold a secret to the data file', () => {
    const state = h.sandbox.store.toState(h.clock.now);
    expect(state.idempotency).toEqual([]);
    expect(h.sandbox.store.idempotency.size).toBeGreaterThan(0);
  });
});

describe('Idempotency-Key on every state-changing call', () => {
  const [gold, classic, platinum] = knownFixtures.lostPhone.activeOnPhone;
  const suspend = { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' };
  const operate = (agent: Record<string, string>, virtualCardId: string, extra: Record<string, string>): Promise<Response> =>
    h.post(`/api/v1/tokens/${virtualCardId}/operations:suspend`, suspend, { ...agent, ...extra });

  it('refuses a token operation without one with 400 naming the header, before anything changes', async () => {
    const agent = await h.agentHeaders();
    const position = h.sandbox.store.changes.position;
    const response = await fetch(`${h.sandbox.baseUrl}/api/v1/tokens/${gold}/operations:suspend`, {
      method: 'POST',
      headers: { ...agent, 'content-type': 'application/json' },
      body: JSON.stringify(suspend),
    });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: '111', category: 'D', field: 'idempotency-key' });
    const twice = await fetch(`${h.sandbox.baseUrl}/api/v1/tokens/${gold}/operations:suspend`, {
      method: 'POST',
      headers: [...Object.entries({ ...agent, 'content-type': 'application/json' }), ['idempotency-key', 'twice-key-0001'], ['idempotency-key', 'twice-key-0002']],
      body: JSON.stringify(suspend),
    });
    expect(await errorOf(twice)).toMatchObject({ code: '112', field: 'idempotency-key' });
    const signOut = await fetch(`${h.sandbox.baseUrl}/api/v1/agent-sessions/current`, { method: 'DELETE', headers: agent });
    expect(await errorOf(signOut)).toMatchObject({ code: '111', field: 'idempotency-key' });
    expect(h.sandbox.store.changes.position).toBe(position);
    expect(h.sandbox.store.tokens.get(gold)?.state).toBe('ACTIVE');
    expect((await h.get(`/api/v1/tokens/${gold}`, agent)).status).toBe(200);
  });

  it('answers 422 for the same key on another token, never a new operation', async () => {
    const agent = await h.agentHeaders();
    const first = await operate(agent, gold, { 'idempotency-key': 'suspend-key-0001' });
    expect(first.status, await first.clone().text()).toBe(202);
    const { operationId } = OperationAccepted.parse(await first.json());
    const position = h.sandbox.store.changes.position;
    const other = await operate(agent, classic, { 'idempotency-key': 'suspend-key-0001' });
    expect(other.status).toBe(422);
    const conflict = await errorOf(other);
    expect(conflict).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', category: 'D', field: 'idempotency-key' });
    expect(JSON.stringify(conflict)).not.toContain(operationId);
    expect(h.sandbox.store.changes.position).toBe(position);
    expect(h.sandbox.store.storedEvents(classic).filter((event) => event.kind === 'AGENT_ACTION')).toHaveLength(0);
    // The retry itself still gets its own answer.
    const retry = await operate(agent, gold, { 'idempotency-key': 'suspend-key-0001' });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(OperationAccepted.parse(await retry.json()).operationId).toBe(operationId);
  });

  it('answers 422 for the same key with another method or path', async () => {
    const agent = await h.agentHeaders();
    const verified = await h.post('/api/v1/agent-sessions/current/verify', { password: sato.password }, { ...agent, 'idempotency-key': 'method-key-0001' });
    expect(verified.status).toBe(200);
    const signOut = await fetch(`${h.sandbox.baseUrl}/api/v1/agent-sessions/current`, { method: 'DELETE', headers: { ...agent, 'idempotency-key': 'method-key-0001' } });
    expect(signOut.status).toBe(422);
    expect((await h.get(`/api/v1/tokens/${platinum}`, agent)).status).toBe(200);
  });

  it("is the caller's: another agent's same key and body is that agent's own request, never the first one's answer", async () => {
    const asSato = await h.agentHeaders('agent.sato');
    const asSuzuki = await h.agentHeaders('supervisor.suzuki');
    const body = { password: sato.password };
    const first = await h.post('/api/v1/agent-sessions/current/verify', body, { ...asSato, 'idempotency-key': 'shared-key-0001' });
    expect(first.status).toBe(200);
    // Sato's password is not Suzuki's: a replay of Sato's answer would have unlocked Suzuki's console.
    const second = await h.post('/api/v1/agent-sessions/current/verify', body, { ...asSuzuki, 'idempotency-key': 'shared-key-0001' });
    expect(second.status).toBe(401);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(await errorOf(second)).toMatchObject({ code: 'SIGN_IN_FAILED' });
  });

  it("keeps the platform's keys apart from every workstation's", async () => {
    const agent = await h.agentHeaders();
    const accepted = await operate(agent, platinum, { 'idempotency-key': 'platform-key-0001' });
    expect(accepted.status).toBe(202);
    const clock = await h.post('/training/v1/clock', { minutes: 1 }, await h.platformHeaders({ 'idempotency-key': 'platform-key-0001' }));
    expect(clock.status).toBe(200);
    expect(clock.headers.get('idempotent-replayed')).toBeNull();
  });
});
