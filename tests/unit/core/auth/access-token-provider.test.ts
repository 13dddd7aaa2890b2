import { exportPKCS8, generateKeyPair } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccessTokenProvider } from '../../../../electron/core/auth/access-token-provider';
import { importSigningKey } from '../../../../electron/core/auth/client-assertion';
import { startFakeBackend, sendJson, type FakeBackend } from '../support/fake-backend';
import { clientFor } from '../support/client-setup';

const EVENTS = '/api/v1/tokens/VC-1/events';
let backend: FakeBackend | undefined;
const closers: (() => void)[] = [];

afterEach(async () => {
  closers.splice(0).forEach((close) => close());
  await backend?.close();
  backend = undefined;
});

const start = async (options: Parameters<typeof startFakeBackend>[0] = {}): Promise<FakeBackend> => {
  backend = await startFakeBackend(options);
  backend.route('GET', EVENTS, (_request, response) => sendJson(response, 200, { items: [], nextCursor: null }));
  return backend;
};

const listEvents = { params: { virtualCardId: 'VC-1' } } as const;

describe('access token provider, against a token endpoint that verifies each assertion', () => {
  it('signs an assertion the server accepts and caches the token across calls', async () => {
    const server = await start();
    const { client } = clientFor(server);
    closers.push(client.close);
    await client.request('listTokenEvents', listEvents);
    await client.request('listTokenEvents', listEvents);
    await client.request('listTokenEvents', listEvents);
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.hits('GET', EVENTS)).toBe(3);
    const [assertion] = server.assertions;
    expect(assertion?.header).toMatchObject({ alg: 'ES256', kid: server.keyId });
    expect(assertion?.payload).toMatchObject({ iss: server.clientId, sub: server.clientId, aud: server.tokenUrl });
  });

  it('refreshes a minute before expiry, by its own clock', async () => {
    const server = await start({ tokenLifetime: 900 });
    const { client, advance } = clientFor(server);
    closers.push(client.close);
    await client.request('listTokenEvents', listEvents);
    advance(900 - 61);
    await client.request('listTokenEvents', listEvents);
    expect(server.tokenRequests).toHaveLength(1);
    advance(2);
    await client.request('listTokenEvents', listEvents);
    expect(server.tokenRequests).toHaveLength(2);
    // Each refresh signs a new assertion: the server saw two different jti.
    expect(new Set(server.assertions.map((a) => a.payload['jti'])).size).toBe(2);
  });

  it('makes exactly one token request for 20 concurrent calls', async () => {
    const server = await start({ tokenDelayMs: 50 });
    const { client } = clientFor(server);
    closers.push(client.close);
    const results = await Promise.all(Array.from({ length: 20 }, () => client.request('listTokenEvents', listEvents)));
    expect(results).toHaveLength(20);
    expect(server.tokenRequests).toHaveLength(1);
    expect(server.hits('GET', EVENTS)).toBe(20);
  });
});

describe('access token provider, alone', () => {
  const signingKey = async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    return importSigningKey(await exportPKCS8(pair.privateKey), 'k');
  };

  it('drops only the token it was told was refused', async () => {
    const key = await signingKey();
    let issued = 0;
    const provider = createAccessTokenProvider({
      clientId: 'c',
      tokenUrl: 'http://127.0.0.1/oauth2/token',
      signingKey: async () => key,
      exchange: async () => ({ access_token: `token-number-${++issued}-padding-padding`, token_type: 'Bearer', expires_in: 900 }),
    });
    const first = await provider.getToken();
    provider.invalidate(first);
    const second = await provider.getToken();
    expect(second).not.toBe(first);
    provider.invalidate(first); // a late 401 for the old token must not throw away the new one
    expect(await provider.getToken()).toBe(second);
    expect(issued).toBe(2);
  });

  it('after a failed exchange, the next caller starts a new one', async () => {
    const key = await signingKey();
    let calls = 0;
    const provider = createAccessTokenProvider({
      clientId: 'c',
      tokenUrl: 'http://127.0.0.1/oauth2/token',
      signingKey: async () => key,
      exchange: async () => {
        calls += 1;
        if (calls === 1) throw new Error('token endpoint down');
        return { access_token: 'a-token-that-is-long-enough', token_type: 'Bearer', expires_in: 900 };
      },
    });
    await expect(provider.getToken()).rejects.toThrow('token endpoint down');
    await expect(provider.getToken()).resolves.toBe('a-token-that-is-long-enough');
  });

  it('a caller that aborts stops waiting, without cancelling the refresh others wait on', async () => {
    const key = await signingKey();
    let release: () => void = () => undefined;
    const provider = createAccessTokenProvider({
      clientId: 'c',
      tokenUrl: 'http://127.0.0.1/oauth2/token',
      signingKey: async () => key,
      exchange: () =>
        new Promise((resolve) => {
          release = () => resolve({ access_token: 'a-token-that-is-long-enough', token_type: 'Bearer', expires_in: 900 });
        }),
    });
    const controller = new AbortController();
    const impatient = provider.getToken(controller.signal);
    const patient = provider.getToken();
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await expect(impatient).rejects.toThrow();
    release();
    await expect(patient).resolves.toBe('a-token-that-is-long-enough');
  });
});
