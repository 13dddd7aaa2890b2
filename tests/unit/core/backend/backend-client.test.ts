import { createServer } from 'node:net';
import { inspect } from 'node:util';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRequestContext } from '../../../../electron/core/backend/request-context';
import type { BackendClientOptions } from '../../../../electron/core/backend/backend-client';
import { BackendError } from '../../../../electron/core/backend/backend-error';
import { AGENT, clientFor, type TestClient } from '../support/client-setup';
import { sendError, sendJson, startFakeBackend, type FakeBackend } from '../support/fake-backend';

// Built at run time so that no Luhn-valid card number stands in the source tree.
const TEST_PAN = ['4111', '1111', '1111', '1111'].join('');

const EVENTS = '/api/v1/tokens/VC-1/events';
const SIGN_IN = '/api/v1/agent-sessions';
const VERIFY = '/api/v1/agent-sessions/current/verify';
const listEvents = { params: { virtualCardId: 'VC-1' } } as const;
const signInBody = { body: { agentId: 'sato.hanako', password: 'correct horse' } } as const;
const SESSION = { sessionToken: 'T'.repeat(40), agent: AGENT.agent, expiresAt: '2026-01-05T18:00:00+09:00' };

let backend: FakeBackend;
let setup: TestClient;

const start = async (overrides: Partial<BackendClientOptions> = {}): Promise<void> => {
  backend = await startFakeBackend();
  setup = clientFor(backend, overrides);
};

afterEach(async () => {
  setup?.client.close();
  await backend?.close();
});

const failureOf = async (work: Promise<unknown>): Promise<BackendError> => {
  const error = await work.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BackendError);
  return error as BackendError;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('backend client: requests', () => {
  it('sends the issuer, workstation, agent identity, correlation id and bearer; validates the answer', async () => {
    await start();
    backend.route('GET', EVENTS, (_request, response) => sendJson(response, 200, { items: [], nextCursor: null }));
    const context = createRequestContext();
    const page = await setup.client.request('listTokenEvents', { ...listEvents, query: { limit: 50 }, context });
    expect(page).toEqual({ items: [], nextCursor: null });
    const [sent] = backend.requests;
    expect(sent?.path).toBe(`${EVENTS}?limit=50`);
    expect(sent?.headers).toMatchObject({
      'x-issuer-id': backend.issuerId,
      'x-workstation-id': 'WS-TOKYO-017',
      'x-correlation-id': context.correlationId,
      'x-agent-session': AGENT.sessionToken,
      'x-agent-id': 'sato.hanako',
      'x-agent-name': encodeURIComponent('佐藤 花子'),
      'x-agent-role': 'agent',
    });
    expect(decodeURIComponent(String(sent?.headers['x-agent-name']))).toBe('佐藤 花子');
    expect(sent?.headers.authorization).toMatch(/^Bearer .{20,}$/);
    // GET carries no idempotency key; the token request is form-encoded.
    expect(sent?.headers['idempotency-key']).toBeUndefined();
    expect(backend.tokenRequests[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('percent-encodes path parameters and sends query text as UTF-8', async () => {
    await start();
    backend.route('GET', '/api/v1/cardholders', (_request, response) =>
      sendJson(response, 200, { items: [], nextCursor: null, queryKind: 'NAME' }),
    );
    await setup.client.request('searchCardholders', { query: { q: '佐藤 1234' } });
    expect(backend.requests[0]?.path).toBe(`/api/v1/cardholders?q=${new URLSearchParams({ q: '佐藤 1234' }).toString().slice(2)}`);
  });

  it('refuses input that breaks the endpoint schema before sending anything', async () => {
    await start();
    const error = await failureOf(setup.client.request('getToken', { params: { virtualCardId: 'VC/../../admin' } }));
    expect(error.failure).toMatchObject({ kind: 'invalid-request', issues: [{ path: 'params.virtualCardId' }] });
    expect(error.attempts).toBe(0);
    expect(backend.requests).toHaveLength(0);
    expect(backend.tokenRequests).toHaveLength(0);
  });

  it('refuses an agent endpoint when nobody is signed in', async () => {
    await start({ agentSession: () => null });
    const error = await failureOf(setup.client.request('listTokenEvents', listEvents));
    expect(error.kind).toBe('not-signed-in');
    expect(backend.requests).toHaveLength(0);
  });

  it('turns a response that breaks the declared schema into a schema error', async () => {
    await start();
    backend.route('GET', '/api/v1/tokens/VC-1', (_request, response) => sendJson(response, 200, { virtualCardId: 5, pan: TEST_PAN }));
    const error = await failureOf(setup.client.request('getToken', { params: { virtualCardId: 'VC-1' } }));
    expect(error.failure.kind).toBe('schema');
    expect(error.message).toMatch(/response\./);
    expect(error.attempts).toBe(1);
  });

  it('turns a body that is not JSON into a schema error', async () => {
    await start();
    backend.route('GET', EVENTS, (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>maintenance</html>');
    });
    const error = await failureOf(setup.client.request('listTokenEvents', listEvents));
    expect(error.failure).toEqual({ kind: 'schema', status: 200, issues: [{ path: 'response', message: 'body is not JSON' }] });
  });

  it('parses the error body: code, category, message, field, status', async () => {
    await start();
    backend.route('GET', '/api/v1/tokens/VC-9', (_request, response) =>
      sendJson(response, 404, { error: { code: '119', category: 'D', message: 'unknown virtual card', field: 'virtualCardId' } }),
    );
    const context = createRequestContext();
    const error = await failureOf(setup.client.request('getToken', { params: { virtualCardId: 'VC-9' }, context }));
    expect(error.failure).toEqual({ kind: 'api', status: 404, code: '119', category: 'D', message: 'unknown virtual card', field: 'virtualCardId' });
    expect(error.correlationId).toBe(context.correlationId);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ failure: { code: '119' }, correlationId: context.correlationId });
  });
});

describe('backend client: 401 and the bearer token', () => {
  it('refreshes the token exactly once and retries when the token is refused', async () => {
    await start();
    backend.route('GET', EVENTS, (_request, response) => sendJson(response, 200, { items: [], nextCursor: null }));
    await setup.client.request('listTokenEvents', listEvents);
    backend.revokeTokens();
    await setup.client.request('listTokenEvents', listEvents);
    expect(backend.tokenRequests).toHaveLength(2);
    expect(backend.hits('GET', EVENTS)).toBe(3);
  });

  it('surfaces a second 401 instead of looping', async () => {
    await start();
    backend.route('GET', EVENTS, (_request, response) => sendError(response, 401, 'UNAUTHORIZED', 'D'));
    const error = await failureOf(setup.client.request('listTokenEvents', listEvents));
    expect(error.failure).toMatchObject({ kind: 'api', status: 401, code: 'UNAUTHORIZED' });
    expect(backend.hits('GET', EVENTS)).toBe(2);
    expect(backend.tokenRequests).toHaveLength(2);
  });

  it('does not re-send a sign-in refused for a wrong password (it would count twice towards the lock)', async () => {
    await start();
    backend.route('POST', SIGN_IN, (_request, response) => sendError(response, 401, 'SIGN_IN_FAILED', 'D'));
    const error = await failureOf(setup.client.request('signIn', signInBody));
    expect(error.failure).toMatchObject({ status: 401, code: 'SIGN_IN_FAILED' });
    expect(backend.hits('POST', SIGN_IN)).toBe(1);
    expect(backend.tokenRequests).toHaveLength(1);
  });
});

describe('backend client: retries by category', () => {
  it('retries an S error once it clears, with the same correlation id and idempotency key', async () => {
    await start();
    backend.route('POST', SIGN_IN, (_request, response, hit) =>
      hit === 1 ? sendError(response, 503, 'UNAVAILABLE', 'S') : sendJson(response, 201, SESSION),
    );
    const session = await setup.client.request('signIn', signInBody);
    expect(session.agent.agentId).toBe('sato.hanako');
    const tries = backend.requests.filter((request) => request.path === SIGN_IN);
    expect(tries).toHaveLength(2);
    expect(tries[0]?.headers['x-correlation-id']).toBeDefined();
    expect(tries[1]?.headers['x-correlation-id']).toBe(tries[0]?.headers['x-correlation-id']);
    expect(tries[0]?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(tries[1]?.headers['idempotency-key']).toBe(tries[0]?.headers['idempotency-key']);
    expect(JSON.parse(tries[1]?.body ?? '{}')).toEqual(signInBody.body);
  });

  it('keeps the request context\'s ids when the same request is tried again later', async () => {
    await start();
    backend.route('POST', VERIFY, (_request, response) => sendJson(response, 200, { verified: true }));
    const context = createRequestContext();
    await setup.client.request('verifyPassword', { body: { password: 'x' }, context });
    await setup.client.request('verifyPassword', { body: { password: 'x' }, context });
    const [first, second] = backend.requests;
    expect(first?.headers['idempotency-key']).toBe(context.idempotencyKey);
    expect(second?.headers['idempotency-key']).toBe(context.idempotencyKey);
    expect(second?.headers['x-correlation-id']).toBe(context.correlationId);
  });

  it('gives up after 3 tries of a 5xx', async () => {
    await start();
    backend.route('GET', EVENTS, (_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end('<h1>Bad gateway</h1>');
    });
    const error = await failureOf(setup.client.request('listTokenEvents', listEvents));
    expect(error.failure).toMatchObject({ kind: 'api', status: 502, code: 'HTTP_502', category: 'S' });
    expect(error.attempts).toBe(3);
    expect(backend.hits('GET', EVENTS)).toBe(3);
  });

  it.each([
    ['D', 400, 'BAD_FORMAT'],
    ['F', 423, 'ACCOUNT_LOCKED'],
    ['F', 403, 'FORBIDDEN_ROLE'],
  ] as const)('never retries a %s error (%i %s)', async (category, status, code) => {
    await start();
    backend.route('POST', SIGN_IN, (_request, response) => sendError(response, status, code, category));
    const error = await failureOf(setup.client.request('signIn', signInBody));
    expect(error.failure).toMatchObject({ kind: 'api', status, code, category });
    expect(error.retryable).toBe(false);
    expect(backend.hits('POST', SIGN_IN)).toBe(1);
  });

  it('retries after a timeout', async () => {
    await start({ timeoutMs: 250 });
    backend.route('GET', EVENTS, async (_request, response, hit) => {
      if (hit === 1) await pause(1_500);
      if (!response.destroyed) sendJson(response, 200, { items: [], nextCursor: null });
    });
    await expect(setup.client.request('listTokenEvents', listEvents)).resolves.toEqual({ items: [], nextCursor: null });
    expect(backend.hits('GET', EVENTS)).toBe(2);
    expect(setup.logLines.join('')).toMatch(/"kind":"timeout".*retrying/);
  });

  it('reports a timeout after 3 tries', async () => {
    await start({ timeoutMs: 100 });
    backend.route('GET', EVENTS, async (_request, response) => {
      await pause(600);
      if (!response.destroyed) sendJson(response, 200, { items: [], nextCursor: null });
    });
    const error = await failureOf(setup.client.request('listTokenEvents', listEvents));
    expect(error.failure).toEqual({ kind: 'timeout' });
    expect(error.attempts).toBe(3);
  });

  it('retries when the server resets the connection (ECONNRESET)', async () => {
    await start();
    backend.route('POST', VERIFY, (_request, response, hit) => {
      if (hit === 1) response.socket?.destroy();
      else sendJson(response, 200, { verified: true });
    });
    await expect(setup.client.request('verifyPassword', { body: { password: 'x' } })).resolves.toEqual({ verified: true });
    const tries = backend.requests.filter((request) => request.path === VERIFY);
    expect(tries).toHaveLength(2);
    expect(tries[1]?.headers['idempotency-key']).toBe(tries[0]?.headers['idempotency-key']);
    expect(setup.logLines.join('')).toMatch(/"code":"ECONNRESET".*retrying/);
  });

  it('retries a refused connection (nothing was sent) and reports it as a network failure', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    backend = await startFakeBackend();
    let waits = 0;
    setup = clientFor(backend, {
      baseUrl: `http://127.0.0.1:${port}`,
      sleep: async () => {
        waits += 1;
      },
    });
    const error = await failureOf(setup.client.request('listTokenEvents', listEvents));
    expect(error.failure).toEqual({ kind: 'network', code: 'ECONNREFUSED' });
    expect(error.attempts).toBe(3);
    expect(waits).toBe(2);
  });
});

describe('backend client: cancellation', () => {
  it('cancels the request in flight and does not retry', async () => {
    await start();
    let arrived: () => void = () => undefined;
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    backend.route('GET', EVENTS, async (_request, response) => {
      arrived();
      await pause(1_000);
      if (!response.destroyed) sendJson(response, 200, { items: [], nextCursor: null });
    });
    const controller = new AbortController();
    const call = setup.client.request('listTokenEvents', { ...listEvents, signal: controller.signal });
    await arrival;
    controller.abort();
    const error = await failureOf(call);
    expect(error.kind).toBe('cancelled');
    await pause(100);
    expect(backend.hits('GET', EVENTS)).toBe(1);
  });

  it('stops during the backoff wait', async () => {
    await start({ retry: { baseDelayMs: 5_000, maxDelayMs: 5_000 }, random: () => 1 });
    backend.route('GET', EVENTS, (_request, response) => sendError(response, 503, 'UNAVAILABLE', 'S'));
    const controller = new AbortController();
    const call = setup.client.request('listTokenEvents', { ...listEvents, signal: controller.signal });
    while (backend.hits('GET', EVENTS) < 1) await pause(5);
    await pause(20);
    controller.abort();
    const error = await failureOf(call);
    expect(error.kind).toBe('cancelled');
    expect(backend.hits('GET', EVENTS)).toBe(1);
  });

  it('does not start when already aborted', async () => {
    await start();
    const error = await failureOf(setup.client.request('listTokenEvents', { ...listEvents, signal: AbortSignal.abort() }));
    expect(error.kind).toBe('cancelled');
    expect(backend.requests).toHaveLength(0);
  });
});

describe('backend client: logs and errors', () => {
  it('keeps the bearer token out of the error, even deep in its cause', async () => {
    await start({ timeoutMs: 100 });
    backend.route('GET', EVENTS, (_request, response) => {
      response.socket?.destroy();
    });
    const error = await failureOf(setup.client.request('listTokenEvents', listEvents));
    expect(error.failure).toEqual({ kind: 'network', code: 'ECONNRESET' });
    const bearer = /^Bearer (.+)$/.exec(backend.requests[0]?.headers.authorization ?? '')?.[1] ?? 'missing';
    expect(inspect(error, { depth: null })).not.toContain(bearer);
    expect(inspect(error, { depth: null })).not.toMatch(/authorization/i);
  });


  it('never writes the bearer token, the assertion, the key or the agent session', async () => {
    await start();
    backend.route('GET', EVENTS, (_request, response, hit) =>
      hit === 1 ? sendError(response, 500, 'SYSTEM_ERROR', 'S') : sendJson(response, 200, { items: [], nextCursor: null }),
    );
    await setup.client.request('listTokenEvents', listEvents);
    backend.revokeTokens();
    await setup.client.request('listTokenEvents', listEvents);
    const log = setup.logLines.join('');
    expect(log).toContain('backend call');
    const bearer = /^Bearer (.+)$/.exec(backend.requests[0]?.headers.authorization ?? '')?.[1] ?? 'missing';
    const assertion = new URLSearchParams(backend.tokenRequests[0]?.body).get('assertion') ?? 'missing';
    for (const secret of [bearer, assertion, AGENT.sessionToken, 'PRIVATE KEY', 'authorization', 'Bearer ']) {
      expect(log).not.toContain(secret);
    }
  });
});
