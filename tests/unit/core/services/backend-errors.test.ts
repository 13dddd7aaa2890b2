import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendError, type BackendFailure } from '../../../../electron/core/backend/backend-error';
import { CallError } from '../../../../electron/core/ipc/dispatch';
import { toCallError } from '../../../../electron/core/services/backend-call-error';
import { sendError, sendJson, startFakeBackend, type FakeBackend } from '../support/fake-backend';
import { startCore, type CoreHarness } from '../session/support/core-harness';

/**
 * How backend failures reach the renderer, against a small fake backend whose answers a test
 * writes (a schema-breaking body is exactly what the sandbox will never send). Real HTTP, the real
 * token exchange, the real client with its retries.
 */
const SIGN_IN = '/api/v1/agent-sessions';
const sato = { agentId: 'agent.sato', password: 'Training-Sato-2026' };
const validSession = { sessionToken: 'T'.repeat(40), agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' }, expiresAt: '2099-01-01T00:00:00.000Z' };

let fake: FakeBackend;
let h: CoreHarness;
beforeAll(async () => {
  fake = await startFakeBackend();
  h = await startCore({
    user: { backend: { baseUrl: fake.baseUrl, issuerId: fake.issuerId, clientId: fake.clientId, keyId: fake.keyId } },
    tuning: { retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 300 },
  });
  await h.ok('credentials.importKey', { pem: fake.privateKeyPem });
});
afterAll(async () => {
  await h.close();
  await fake.close();
});

describe('backend answers mapped to typed failures', () => {
  it('a response that breaks the API schema is BACKEND_INVALID_RESPONSE naming the fields, and nobody is signed in', async () => {
    fake.route('POST', SIGN_IN, (_request, response) => sendJson(response, 201, { ...validSession, sessionToken: 'short', agent: { agentId: 'agent.sato', role: 'boss' } }));
    const error = await h.fail('session.signIn', sato);
    expect(error).toMatchObject({ code: 'BACKEND_INVALID_RESPONSE', messageKey: 'errors.backendInvalidResponse' });
    expect(error.fields).toEqual(expect.arrayContaining(['response.sessionToken', 'response.agent.role']));
    expect((await h.ok('session.status')).state).toBe('signedOut');

    fake.route('POST', SIGN_IN, (_request, response) => {
      response.writeHead(201, { 'content-type': 'text/html' });
      response.end('<html>proxy says hello</html>');
    });
    expect(await h.fail('session.signIn', sato)).toMatchObject({ code: 'BACKEND_INVALID_RESPONSE', fields: ['response'] });
  });

  it('sends the call correlation id as x-correlation-id, with the workstation id', async () => {
    fake.route('POST', SIGN_IN, (_request, response) => sendJson(response, 201, validSession));
    const result = await h.call('session.signIn', sato, 'corr-from-renderer-1');
    expect(result).toMatchObject({ ok: true, data: { state: 'signedIn' } });
    const sent = fake.requests.filter((request) => request.path === SIGN_IN).at(-1);
    expect(sent?.headers['x-correlation-id']).toBe('corr-from-renderer-1');
    expect(sent?.headers['x-workstation-id']).toBe('WS-TEST-01');
    expect(sent?.headers['x-issuer-id']).toBe(fake.issuerId);
    fake.route('DELETE', '/api/v1/agent-sessions/current', (_request, response) => sendJson(response, 200, { ended: true }));
    await h.ok('session.signOut');
  });

  it('a D error is BACKEND_REJECTED with the backend code, category and field', async () => {
    fake.route('POST', SIGN_IN, (_request, response) =>
      sendJson(response, 400, { error: { code: '112', category: 'D', message: 'agentId: bad format', field: 'body.agentId' } }),
    );
    const error = await h.fail('session.signIn', sato);
    expect(error).toEqual({
      code: 'BACKEND_REJECTED',
      messageKey: 'errors.backendRejected',
      correlationId: expect.any(String),
      fields: ['body.agentId'],
      backend: { code: '112', category: 'D', field: 'body.agentId' },
    });
    // The backend's free text never crosses to the renderer.
    expect(JSON.stringify(error)).not.toContain('bad format');
  });

  it('an F error is BACKEND_REFUSED and is not retried', async () => {
    fake.route('POST', SIGN_IN, (_request, response) => sendError(response, 422, 'WORKSTATION_SUSPENDED', 'F'));
    const before = fake.hits('POST', SIGN_IN);
    expect(await h.fail('session.signIn', sato)).toMatchObject({ code: 'BACKEND_REFUSED', backend: { code: 'WORKSTATION_SUSPENDED', category: 'F' } });
    expect(fake.hits('POST', SIGN_IN) - before).toBe(1);
  });

  it('FORBIDDEN_ROLE and not-found codes keep their own meaning', async () => {
    fake.route('POST', SIGN_IN, (_request, response) => sendError(response, 403, 'FORBIDDEN_ROLE', 'F'));
    expect(await h.fail('session.signIn', sato)).toMatchObject({ code: 'FORBIDDEN_ROLE', backend: { code: 'FORBIDDEN_ROLE' } });
    fake.route('POST', SIGN_IN, (_request, response) => sendError(response, 404, '119', 'D'));
    expect(await h.fail('session.signIn', sato)).toMatchObject({ code: 'NOT_FOUND', backend: { code: '119', category: 'D' } });
  });

  it('an S error is retried under one correlation id and idempotency key, then BACKEND_UNAVAILABLE', async () => {
    fake.route('POST', SIGN_IN, (_request, response) => sendError(response, 503, 'UNAVAILABLE', 'S'));
    const before = fake.requests.length;
    const error = await h.fail('session.signIn', sato);
    expect(error).toMatchObject({ code: 'BACKEND_UNAVAILABLE', backend: { code: 'UNAVAILABLE', category: 'S' } });
    const tries = fake.requests.slice(before).filter((request) => request.path === SIGN_IN);
    expect(tries).toHaveLength(3);
    expect(new Set(tries.map((request) => request.headers['x-correlation-id']))).toEqual(new Set([error.correlationId]));
    expect(new Set(tries.map((request) => request.headers['idempotency-key'])).size).toBe(1);
  });

  it('no answer in time is BACKEND_UNAVAILABLE', async () => {
    fake.route('POST', SIGN_IN, () => new Promise<void>(() => undefined));
    expect(await h.fail('session.signIn', sato)).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
  });

  it('a wrong unlock password at a broken backend leaves the console locked', async () => {
    fake.route('POST', SIGN_IN, (_request, response) => sendJson(response, 201, validSession));
    await h.ok('session.signIn', sato);
    await h.ok('session.lock');
    fake.route('POST', '/api/v1/agent-sessions/current/verify', (_request, response) => sendJson(response, 200, { verified: 'yes' }));
    expect(await h.fail('session.unlock', { password: 'whatever' })).toMatchObject({ code: 'BACKEND_INVALID_RESPONSE' });
    expect((await h.ok('session.status')).state).toBe('locked');
    fake.route('POST', '/api/v1/agent-sessions/current/verify', (_request, response) => sendError(response, 401, 'AGENT_SESSION_REQUIRED', 'D'));
    expect(await h.fail('session.unlock', { password: 'whatever' })).toMatchObject({ code: 'SIGNED_OUT' });
    expect((await h.ok('session.status')).state).toBe('signedOut');
  });
});

describe('toCallError', () => {
  const context = { endpoint: 'signIn', correlationId: 'c-1', attempts: 1 };
  const mapped = (failure: BackendFailure) => toCallError(new BackendError(failure, context)) as CallError;

  it.each([
    [{ kind: 'network', code: 'ECONNREFUSED' }, 'BACKEND_UNAVAILABLE'],
    [{ kind: 'timeout' }, 'BACKEND_UNAVAILABLE'],
    [{ kind: 'cancelled' }, 'CANCELLED'],
    [{ kind: 'not-signed-in' }, 'SIGNED_OUT'],
    [{ kind: 'credentials', problem: 'not-configured', message: 'no key' }, 'NOT_CONFIGURED'],
    [{ kind: 'invalid-request', issues: [{ path: 'body.agentId', message: 'bad' }] }, 'INVALID_INPUT'],
    [{ kind: 'schema', status: 200, issues: [{ path: 'response.x', message: 'bad' }] }, 'BACKEND_INVALID_RESPONSE'],
    [{ kind: 'api', status: 401, code: 'SIGN_IN_FAILED', category: 'D', message: 'm' }, 'SIGN_IN_FAILED'],
    [{ kind: 'api', status: 423, code: 'ACCOUNT_LOCKED', category: 'F', message: 'm' }, 'ACCOUNT_LOCKED'],
    [{ kind: 'api', status: 401, code: 'AGENT_SESSION_REQUIRED', category: 'D', message: 'm' }, 'SIGNED_OUT'],
    [{ kind: 'api', status: 500, code: 'SYSTEM_ERROR', category: 'S', message: 'm' }, 'BACKEND_UNAVAILABLE'],
    [{ kind: 'api', status: 400, code: 'ODD', category: 'K', message: 'm' }, 'BACKEND_INVALID_RESPONSE'],
  ] satisfies Array<[BackendFailure, string]>)('%o → %s', (failure, code) => {
    expect(mapped(failure).code).toBe(code);
  });

  it('passes CallErrors through and leaves other errors for dispatch to answer INTERNAL', () => {
    const own = new CallError('SIGNED_OUT', 'x');
    expect(toCallError(own)).toBe(own);
    const bug = new TypeError('boom');
    expect(toCallError(bug)).toBe(bug);
  });
});
