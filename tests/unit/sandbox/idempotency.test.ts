import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../../../shared/api/endpoints';
import { IDEMPOTENCY_TTL_MS } from '../../../sandbox/index';
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

describe('Idempotency-Key on POST', () => {
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

  it('answers 409 IDEMPOTENCY_CONFLICT for the same key with another body', async () => {
    expect((await signIn('retry-key-0002', sato)).status).toBe(201);
    const conflict = await signIn('retry-key-0002', { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' });
    expect(conflict.status).toBe(409);
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
