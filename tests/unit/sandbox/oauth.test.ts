import { generateKeyPair, SignJWT, base64url } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_BEARER_GRANT, TokenResponse } from '../../../shared/api/endpoints';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

const nowS = (): number => Math.floor(h.clock.now.getTime() / 1000);

describe('POST /oauth2/token (RFC 7523 JWT-bearer, ES256)', () => {
  it('exchanges a valid assertion for a 15-minute opaque bearer token that opens /api', async () => {
    const response = await h.exchange(await h.assertion());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = TokenResponse.parse(await response.json());
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(900);
    expect(body.access_token.split('.')).toHaveLength(1);
    const signIn = await fetch(`${h.sandbox.baseUrl}/api/v1/agent-sessions`, {
      method: 'POST',
      headers: h.apiHeaders(body.access_token, { 'content-type': 'application/json' }),
      body: JSON.stringify({ agentId: 'agent.sato', password: 'Training-Sato-2026' }),
    });
    expect(signIn.status).toBe(201);
  });

  it('refuses a replayed assertion (same jti)', async () => {
    const assertion = await h.assertion();
    expect((await h.exchange(assertion)).status).toBe(200);
    const replay = await h.exchange(assertion);
    expect(replay.status).toBe(400);
    expect(await errorOf(replay)).toMatchObject({ code: 'INVALID_GRANT', category: 'D', field: 'assertion', message: expect.stringMatching(/jti/) });
  });

  it('refuses an expired assertion', async () => {
    const response = await h.exchange(await h.assertion({ iat: nowS() - 600, exp: nowS() - 400 }));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'INVALID_GRANT', message: expect.stringMatching(/expired/) });
  });

  it('refuses a wrong audience', async () => {
    const response = await h.exchange(await h.assertion({ aud: 'https://api.d1.thalescloud.io/oauth2/token' }));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'INVALID_GRANT', message: expect.stringMatching(/aud/) });
  });

  it('refuses an assertion that lives longer than 5 minutes', async () => {
    const response = await h.exchange(await h.assertion({ exp: nowS() + 301 }));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'INVALID_GRANT', message: expect.stringMatching(/5 minutes/) });
    const noIat = await h.exchange(await h.assertion({ iat: null, exp: nowS() + 600 }));
    expect((await errorOf(noIat)).code).toBe('INVALID_GRANT');
  });

  it('refuses an assertion without exp or jti, or with iss/sub other than the client', async () => {
    for (const claims of [{ exp: null }, { jti: null }, { iss: 'someone-else' }, { sub: 'someone-else' }]) {
      const response = await h.exchange(await h.assertion(claims));
      expect(response.status).toBe(400);
      expect((await errorOf(response)).code).toBe('INVALID_GRANT');
    }
  });

  it('answers INVALID_CLIENT for an unknown kid', async () => {
    const response = await h.exchange(await h.assertion({ kid: 'no-such-key' }));
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toMatchObject({ code: 'INVALID_CLIENT', category: 'D', field: 'assertion' });
  });

  it('refuses a signature made with another key under the registered kid', async () => {
    const other = await generateKeyPair('ES256');
    const response = await h.exchange(await h.assertion({ key: other.privateKey }));
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: 'INVALID_GRANT', message: expect.stringMatching(/signature/) });
  });

  it('refuses HS256 (the public key as an HMAC secret) and alg none', async () => {
    const claims = { iss: h.client.clientId, sub: h.client.clientId, aud: h.sandbox.tokenUrl, jti: 'hs-1', iat: nowS(), exp: nowS() + 60 };
    const secret = new TextEncoder().encode(JSON.stringify(h.client.publicJwk));
    const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: h.client.keyId }).sign(secret);
    const hsResponse = await h.exchange(hs256);
    expect(hsResponse.status).toBe(400);
    expect(await errorOf(hsResponse)).toMatchObject({ code: 'INVALID_GRANT', message: expect.stringMatching(/ES256/) });

    const encode = (value: object): string => base64url.encode(JSON.stringify(value));
    const none = `${encode({ alg: 'none', kid: h.client.keyId })}.${encode({ ...claims, jti: 'none-1' })}.`;
    const noneResponse = await h.exchange(none);
    expect(noneResponse.status).toBe(400);
    expect((await errorOf(noneResponse)).code).toBe('INVALID_GRANT');
  });

  it('refuses a malformed request: other grant, JSON body, repeated parameter, garbage assertion', async () => {
    const url = h.sandbox.tokenUrl;
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const assertion = await h.assertion();
    const otherGrant = await fetch(url, { method: 'POST', headers: form, body: new URLSearchParams({ grant_type: 'client_credentials', assertion }).toString() });
    expect(await errorOf(otherGrant)).toMatchObject({ code: '112', field: 'grant_type' });
    const json = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: JWT_BEARER_GRANT, assertion }) });
    expect(json.status).toBe(415);
    expect(await errorOf(json)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' });
    const twice = await fetch(url, { method: 'POST', headers: form, body: `grant_type=${encodeURIComponent(JWT_BEARER_GRANT)}&assertion=a&assertion=b` });
    expect(await errorOf(twice)).toMatchObject({ code: '112', field: 'assertion' });
    const missing = await fetch(url, { method: 'POST', headers: form, body: `grant_type=${encodeURIComponent(JWT_BEARER_GRANT)}` });
    expect(await errorOf(missing)).toMatchObject({ code: '111', field: 'assertion' });
    const garbage = await h.exchange('this-is-not-a-jwt-at-all-really');
    expect(await errorOf(garbage)).toMatchObject({ code: 'INVALID_GRANT', field: 'assertion' });
  });
});

describe('the bearer token and the headers of every /api call', () => {
  it('answers 401 with www-authenticate without a bearer, with a wrong one and with an expired one', async () => {
    const path = '/api/v1/cardholders/C0000001';
    const bare = await h.get(path, { 'x-issuer-id': h.sandbox.issuerId, 'x-correlation-id': 'c-1' });
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(await errorOf(bare)).toMatchObject({ code: 'UNAUTHORIZED', category: 'D' });

    const wrong = await h.get(path, h.apiHeaders('not-a-token-we-ever-issued-0123456789'));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');

    const token = await h.accessToken();
    const fresh = await fetch(`${h.sandbox.baseUrl}/api/v1/agent-sessions`, {
      method: 'POST',
      headers: h.apiHeaders(token, { 'content-type': 'application/json' }),
      body: JSON.stringify({ agentId: 'agent.sato', password: 'Training-Sato-2026' }),
    });
    expect(fresh.status).toBe(201);
    const start = h.clock.now;
    h.clock.now = new Date(start.getTime() + 15 * 60_000 + 1000);
    try {
      const expired = await fetch(`${h.sandbox.baseUrl}/api/v1/agent-sessions`, {
        method: 'POST',
        headers: h.apiHeaders(token, { 'content-type': 'application/json' }),
        body: JSON.stringify({ agentId: 'agent.sato', password: 'Training-Sato-2026' }),
      });
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect((await errorOf(expired)).code).toBe('UNAUTHORIZED');
    } finally {
      h.clock.now = start;
    }
  });

  it('answers 113 UNKNOWN_ISSUER when x-issuer-id is missing or another issuer', async () => {
    const headers = await h.agentHeaders();
    const { 'x-issuer-id': _issuer, ...withoutIssuer } = headers;
    for (const sent of [withoutIssuer, { ...headers, 'x-issuer-id': 'OTHERISSU1' }]) {
      const response = await h.get('/api/v1/cardholders/C0000001', sent);
      expect(response.status).toBe(400);
      expect(await errorOf(response)).toMatchObject({ code: '113', category: 'D', field: 'x-issuer-id' });
    }
  });

  it('requires x-correlation-id on /api, echoes a valid one and generates one otherwise', async () => {
    const headers = await h.agentHeaders();
    const { 'x-correlation-id': _correlation, ...withoutCorrelation } = headers;
    const missing = await h.get('/api/v1/cardholders/C0000001', withoutCorrelation);
    expect(missing.status).toBe(400);
    expect(await errorOf(missing)).toMatchObject({ code: '111', field: 'x-correlation-id' });
    expect(missing.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);

    const malformed = await h.get('/api/v1/cardholders/C0000001', { ...headers, 'x-correlation-id': 'has spaces and / slashes' });
    expect(await errorOf(malformed)).toMatchObject({ code: '112', field: 'x-correlation-id' });
    expect(malformed.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);

    const echoed = await h.get('/api/v1/cardholders/C0000001', { ...headers, 'x-correlation-id': 'call-42.retry_1' });
    expect(echoed.status).toBe(200);
    expect(echoed.headers.get('x-correlation-id')).toBe('call-42.retry_1');

    const openapi = await fetch(`${h.sandbox.baseUrl}/openapi.json`);
    expect(openapi.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
