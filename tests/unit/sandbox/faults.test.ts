import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Token } from '../../../shared/api/model';
import { FaultList, type SimulateRequest } from '../../../shared/api/training';
import { knownFixtures, type SandboxLogger } from '../../../sandbox/index';
import { errorOf, startHarness, type Harness } from './harness';
import { eventually, openStream } from './sse-client';

/**
 * POST/GET/DELETE /training/v1/faults over real HTTP: each kind of fault, that `times` counts
 * down, and that work done before a lost answer is done once when the client retries with its
 * idempotency key.
 */
let h: Harness;
let agent: Record<string, string>;
const logged: string[] = [];
const recording: SandboxLogger = { warn: (message) => logged.push(message), error: (message) => logged.push(message) };
const TOKEN = knownFixtures.longHistory.virtualCardId;
const TOKEN_PATH = `/api/v1/tokens/${TOKEN}`;
const SIMULATE = '/training/v1/simulate';

beforeAll(async () => {
  h = await startHarness({ logger: recording });
  agent = await h.agentHeaders();
});

afterAll(async () => {
  await h.close();
});

beforeEach(async () => {
  const cleared = await h.del('/training/v1/faults', await h.platformHeaders());
  expect(cleared.status).toBe(200);
});

const faults = async (headers?: Record<string, string>): Promise<FaultList['faults']> =>
  FaultList.parse(await (await h.get('/training/v1/faults', headers ?? (await h.platformHeaders()))).json()).faults;

/** Suspends the token if active, resumes it if the wallet suspended it. */
const flipBody = (): SimulateRequest => ({
  virtualCardId: TOKEN,
  action: h.sandbox.store.tokens.get(TOKEN)?.state === 'ACTIVE' ? 'SUSPEND' : 'RESUME',
  source: 'WALLET',
});

const settled = <T>(promise: Promise<T>): (() => boolean) => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  return () => done;
};

describe('POST /training/v1/faults', () => {
  it('status-500: answers SYSTEM_ERROR without doing the work, then the retry succeeds once', async () => {
    await h.injectFault({ match: { method: 'POST', pathPrefix: SIMULATE }, fault: 'status-500', times: 1 });
    const count = h.sandbox.store.eventCount(TOKEN);
    const before = h.sandbox.store.tokens.get(TOKEN);
    const body = flipBody();
    const failed = await h.simulate(body, { 'idempotency-key': 'fault-500-key-1', 'x-correlation-id': 'fault-500' });
    expect(failed.status).toBe(500);
    expect(failed.headers.get('x-correlation-id')).toBe('fault-500');
    expect(await errorOf(failed)).toMatchObject({ code: 'SYSTEM_ERROR', category: 'S' });
    expect(h.sandbox.store.tokens.get(TOKEN)).toEqual(before);
    expect(h.sandbox.store.eventCount(TOKEN)).toBe(count);

    const retry = await h.simulate(body, { 'idempotency-key': 'fault-500-key-1' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
    expect(h.sandbox.store.eventCount(TOKEN)).toBe(count + 1);
  });

  it('status-503: answers UNAVAILABLE with retry-after, for the matching method only', async () => {
    await h.injectFault({ match: { method: 'GET', pathPrefix: '/api/v1/tokens/' }, fault: 'status-503', times: 1 });
    const unavailable = await h.get(TOKEN_PATH, agent);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('1');
    expect(await errorOf(unavailable)).toMatchObject({ code: 'UNAVAILABLE', category: 'S' });
    expect((await h.get(TOKEN_PATH, agent)).status).toBe(200);
  });

  it('counts `times` down and is gone at zero', async () => {
    await h.injectFault({ match: { pathPrefix: TOKEN_PATH }, fault: 'status-500', times: 2 });
    expect(await faults()).toEqual([{ faultId: expect.stringMatching(/^F\d+$/), match: { pathPrefix: TOKEN_PATH }, fault: 'status-500', remaining: 2 }]);
    expect((await h.get(TOKEN_PATH, agent)).status).toBe(500);
    expect((await faults())[0]?.remaining).toBe(1);
    expect((await h.get(`${TOKEN_PATH}/events`, agent)).status).toBe(500);
    expect(await faults()).toEqual([]);
    expect((await h.get(TOKEN_PATH, agent)).status).toBe(200);
  });

  it('never strikes the fault calls themselves, so they can always be cleared', async () => {
    // A bearer token got beforehand: the token endpoint is struck too.
    const headers = await h.platformHeaders();
    await h.injectFault({ match: { pathPrefix: '/' }, fault: 'status-500', times: 100 });
    expect((await h.get('/openapi.json', {})).status).toBe(500);
    expect((await h.exchange(await h.assertion())).status).toBe(500);
    expect(await faults(headers)).toHaveLength(1);
    const cleared = await h.del('/training/v1/faults', headers);
    expect(await cleared.json()).toEqual({ cleared: 1 });
    expect((await h.get(TOKEN_PATH, agent)).status).toBe(200);
  });

  it('reset: destroys the connection without an answer and without the work', async () => {
    await h.injectFault({ match: { method: 'POST', pathPrefix: SIMULATE }, fault: 'reset', times: 1 });
    const count = h.sandbox.store.eventCount(TOKEN);
    await expect(h.simulate(flipBody())).rejects.toThrow(TypeError);
    expect(h.sandbox.store.eventCount(TOKEN)).toBe(count);
    expect((await h.simulate(flipBody())).status).toBe(200);
    expect(h.sandbox.store.eventCount(TOKEN)).toBe(count + 1);
  });

  it('reset-after-work: the work is done, the answer lost; the retry with the same key gets the stored answer', async () => {
    await h.injectFault({ match: { method: 'POST', pathPrefix: SIMULATE }, fault: 'reset-after-work', times: 1 });
    const count = h.sandbox.store.eventCount(TOKEN);
    const body = flipBody();
    await expect(h.simulate(body, { 'idempotency-key': 'fault-reset-key-1' })).rejects.toThrow(TypeError);
    expect(h.sandbox.store.eventCount(TOKEN)).toBe(count + 1);
    const retry = await h.simulate(body, { 'idempotency-key': 'fault-reset-key-1' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(Token.parse(await retry.json())).toEqual(h.sandbox.store.tokens.get(TOKEN));
    expect(h.sandbox.store.eventCount(TOKEN)).toBe(count + 1);
  });

  it('delay: holds the request, then handles it normally', async () => {
    await h.injectFault({ match: { method: 'GET', pathPrefix: TOKEN_PATH }, fault: 'delay', times: 1, delayMs: 400 });
    const pending = h.get(TOKEN_PATH, agent);
    const done = settled(pending);
    // Once the fault is used up, the request is being held.
    while ((await faults()).length > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done()).toBe(false);
    const response = await pending;
    expect(response.status).toBe(200);
    expect(Token.safeParse(await response.json()).success).toBe(true);
  });

  it('schema-break: does the work and answers a body without a required field; a keyed retry gets the real one', async () => {
    await h.injectFault({ match: { method: 'GET', pathPrefix: TOKEN_PATH }, fault: 'schema-break', times: 1 });
    const broken = await h.get(TOKEN_PATH, agent);
    expect(broken.status).toBe(200);
    const body: unknown = await broken.json();
    expect(Token.safeParse(body).success).toBe(false);
    expect(body).not.toHaveProperty('virtualCardId');
    expect(body).toHaveProperty('state');
    expect(Token.safeParse(await (await h.get(TOKEN_PATH, agent)).json()).success).toBe(true);

    await h.injectFault({ match: { method: 'POST', pathPrefix: SIMULATE }, fault: 'schema-break', times: 1 });
    const count = h.sandbox.store.eventCount(TOKEN);
    const request = flipBody();
    const first = await h.simulate(request, { 'idempotency-key': 'fault-schema-key-1' });
    expect(first.status).toBe(200);
    expect(Token.safeParse(await first.json()).success).toBe(false);
    expect(h.sandbox.store.eventCount(TOKEN)).toBe(count + 1);
    const retry = await h.simulate(request, { 'idempotency-key': 'fault-schema-key-1' });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(Token.parse(await retry.json())).toEqual(h.sandbox.store.tokens.get(TOKEN));
    expect(h.sandbox.store.eventCount(TOKEN)).toBe(count + 1);
  });

  it('timeout-after-work: the client times out after the work is done; the keyed retry replays the stored answer, the work done once', async () => {
    const stream = await openStream(`${h.sandbox.baseUrl}/api/v1/events/stream`, agent);
    try {
      await stream.take();
      await h.injectFault({ match: { method: 'POST', pathPrefix: SIMULATE }, fault: 'timeout-after-work', times: 1, delayMs: 10_000 });
      const count = h.sandbox.store.eventCount(TOKEN);
      const before = h.sandbox.store.tokens.get(TOKEN)?.state;
      const request = flipBody();
      const headers = await h.platformHeaders({ 'content-type': 'application/json', 'idempotency-key': 'fault-timeout-key-1' });
      const send = (signal?: AbortSignal): Promise<Response> =>
        fetch(`${h.sandbox.baseUrl}${SIMULATE}`, { method: 'POST', headers, body: JSON.stringify(request), ...(signal ? { signal } : {}) });

      const abort = new AbortController();
      const first = send(abort.signal);
      // The client gives up once the backend has done the work and is holding the answer.
      await eventually(() => h.sandbox.store.eventCount(TOKEN) === count + 1);
      abort.abort();
      await expect(first).rejects.toThrow();

      const retry = await send();
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      const token = Token.parse(await retry.json());
      expect(token.state).not.toBe(before);
      expect(token).toEqual(h.sandbox.store.tokens.get(TOKEN));
      expect(h.sandbox.store.eventCount(TOKEN)).toBe(count + 1);
      const change = await stream.take((event) => event.data.type === 'token.changed');
      expect(change.data).toMatchObject({ virtualCardId: TOKEN, state: token.state });
      expect(stream.events.filter((event) => event.data.type === 'token.changed')).toHaveLength(1);
    } finally {
      stream.close();
    }
  });

  it('checks its body: delayMs for the timed kinds, a known kind, a path', async () => {
    const headers = await h.platformHeaders();
    const missing = await h.post('/training/v1/faults', { match: { pathPrefix: '/' }, fault: 'delay', times: 1 }, headers);
    expect(await errorOf(missing)).toMatchObject({ code: '111', category: 'D', field: 'delayMs' });
    const kind = await h.post('/training/v1/faults', { match: { pathPrefix: '/' }, fault: 'explode', times: 1 }, headers);
    expect(await errorOf(kind)).toMatchObject({ code: '112', field: 'fault' });
    const path = await h.post('/training/v1/faults', { match: { pathPrefix: 'api/v1' }, fault: 'reset', times: 1 }, headers);
    expect(await errorOf(path)).toMatchObject({ code: '112', field: 'match.pathPrefix' });
    const times = await h.post('/training/v1/faults', { match: { pathPrefix: '/' }, fault: 'reset', times: 0 }, headers);
    expect(await errorOf(times)).toMatchObject({ code: '112', field: 'times' });
    expect(await faults()).toEqual([]);
  });

  it("needs the platform's bearer token: none is a 401, a workstation's a 403", async () => {
    const response = await fetch(`${h.sandbox.baseUrl}/training/v1/faults`);
    expect(response.status).toBe(401);
    const workstation = await h.post('/training/v1/faults', { match: { pathPrefix: '/' }, fault: 'status-500', times: 1 }, await h.workstationHeaders());
    expect(workstation.status).toBe(403);
    expect(await errorOf(workstation)).toMatchObject({ code: 'FORBIDDEN_CLIENT', category: 'F' });
    expect(await faults()).toEqual([]);
  });

  it('logged nothing: injected faults are not sandbox errors', () => {
    expect(logged).toEqual([]);
  });
});
