import { afterEach, describe, expect, it } from 'vitest';
import { createWorkstationKeys } from '../../../../electron/core/auth/workstation-key';
import { connectBackend } from '../../../../electron/core/backend/connect-backend';
import type { BackendClient } from '../../../../electron/core/backend/backend-client';
import { BackendError } from '../../../../electron/core/backend/backend-error';
import { MemorySecretStore } from '../../../../electron/core/secrets/secret-store';
import { AGENT } from '../support/client-setup';
import { sendJson, startFakeBackend, type FakeBackend } from '../support/fake-backend';

const EVENTS = '/api/v1/tokens/VC-1/events';
let backend: FakeBackend;
let client: BackendClient | undefined;

afterEach(async () => {
  client?.close();
  await backend?.close();
});

describe('connectBackend', () => {
  const connect = async (secrets: MemorySecretStore) => {
    backend = await startFakeBackend();
    backend.route('GET', EVENTS, (_request, response) => sendJson(response, 200, { items: [], nextCursor: null }));
    client = await connectBackend({
      backend: { baseUrl: backend.baseUrl, issuerId: backend.issuerId, clientId: backend.clientId, keyId: backend.keyId },
      secrets,
      workstationId: 'WS-TOKYO-017',
      agentSession: () => AGENT,
    });
    return client;
  };

  it('signs with the workstation key from the secret store', async () => {
    const secrets = new MemorySecretStore();
    const connected = await connect(secrets);
    await createWorkstationKeys(secrets).importPrivateKey(backend.privateKeyPem);
    await expect(connected.request('listTokenEvents', { params: { virtualCardId: 'VC-1' } })).resolves.toEqual({ items: [], nextCursor: null });
    expect(connected.tokenUrl).toBe(backend.tokenUrl);
  });

  it('without a workstation key: a credentials error, and nothing is sent', async () => {
    const connected = await connect(new MemorySecretStore());
    const error = (await connected.request('listTokenEvents', { params: { virtualCardId: 'VC-1' } }).catch((caught: unknown) => caught)) as BackendError;
    expect(error).toBeInstanceOf(BackendError);
    expect(error.failure).toMatchObject({ kind: 'credentials', problem: 'not-configured' });
    expect(error.attempts).toBe(1);
    expect(backend.requests).toHaveLength(0);
    expect(backend.tokenRequests).toHaveLength(0);
  });
});
