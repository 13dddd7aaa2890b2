import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkstationKeys } from '../../../../electron/core/auth/workstation-key';
import type { AgentIdentity, BackendClient } from '../../../../electron/core/backend/backend-client';
import { BackendError } from '../../../../electron/core/backend/backend-error';
import { connectBackend } from '../../../../electron/core/backend/connect-backend';
import { MemorySecretStore } from '../../../../electron/core/secrets/secret-store';
import { knownFixtures, startSandboxWithCredentials, type Sandbox } from '../../../../sandbox/index';
import type { TrainingCredentials } from '../../../../shared/api/training-credentials';

/** The client against the real training backend, over real HTTP: the contract both sides build from. */
describe('backend client against the sandbox', () => {
  let sandbox: Sandbox;
  let credentials: TrainingCredentials;
  let client: BackendClient;
  let session: AgentIdentity | null = null;

  beforeAll(async () => {
    ({ sandbox, credentials } = await startSandboxWithCredentials({}));
    const secrets = new MemorySecretStore();
    const imported = await createWorkstationKeys(secrets).importPrivateKey(credentials.privateKeyPem);
    expect(imported.keyId).toBe(credentials.keyId);
    client = await connectBackend({
      backend: { baseUrl: credentials.baseUrl, issuerId: credentials.issuerId, clientId: credentials.clientId, keyId: credentials.keyId },
      secrets,
      workstationId: 'WS-TOKYO-017',
      agentSession: () => session,
    });
  }, 30_000);

  afterAll(async () => {
    client?.close();
    await sandbox?.close();
  });

  const agent = () => {
    const found = credentials.agents.find((candidate) => candidate.role === 'agent');
    if (!found) throw new Error('the sandbox has no agent account');
    return found;
  };

  it('signs in, finds the yellow-path cardholder and reads their tokens and history', async () => {
    const signedIn = await client.request('signIn', { body: { agentId: agent().agentId, password: agent().password } });
    session = { sessionToken: signedIn.sessionToken, agent: signedIn.agent };
    const fixture = knownFixtures.yellowPath;

    const found = await client.request('searchCardholders', { query: { q: fixture.name.kanji } });
    expect(found.items.map((item) => item.cardholderId)).toContain(fixture.cardholderId);
    const cardholder = await client.request('getCardholder', { params: { cardholderId: fixture.cardholderId } });
    expect(cardholder.cards.map((card) => card.issuerCardRefId)).toContain(fixture.issuerCardRefId);
    const tokens = await client.request('listCardTokens', { params: { issuerCardRefId: fixture.issuerCardRefId } });
    expect(tokens.items.map((token) => token.virtualCardId)).toContain(fixture.virtualCardId);
    const token = await client.request('getToken', { params: { virtualCardId: fixture.virtualCardId } });
    expect(token.state).toBe('INACTIVE');
    const events = await client.request('listTokenEvents', { params: { virtualCardId: fixture.virtualCardId }, query: { limit: 5 } });
    expect(events.items.length).toBeGreaterThan(0);
  });

  it('maps the sandbox\'s errors: an unknown token is a D error with its code, not retried', async () => {
    const error = (await client.request('getToken', { params: { virtualCardId: 'VCNOSUCHTOKEN' } }).catch((caught: unknown) => caught)) as BackendError;
    expect(error).toBeInstanceOf(BackendError);
    expect(error.failure).toMatchObject({ kind: 'api', status: 404, category: 'D' });
    expect(error.attempts).toBe(1);
  });

  it('refreshes once when the sandbox forgets its bearer tokens', async () => {
    sandbox.store.accessTokens.clear();
    await expect(client.request('getToken', { params: { virtualCardId: knownFixtures.yellowPath.virtualCardId } })).resolves.toMatchObject({
      virtualCardId: knownFixtures.yellowPath.virtualCardId,
    });
    expect(sandbox.store.accessTokens.size).toBe(1);
  });

  it('a wrong password is refused once, without a token refresh or a retry', async () => {
    const tokensBefore = sandbox.store.accessTokens.size;
    const error = (await client
      .request('signIn', { body: { agentId: 'agent.kobayashi', password: 'wrong-password' } })
      .catch((caught: unknown) => caught)) as BackendError;
    expect(error.failure).toMatchObject({ kind: 'api', status: 401, code: 'SIGN_IN_FAILED' });
    expect(error.attempts).toBe(1);
    expect(sandbox.store.accessTokens.size).toBe(tokensBefore);
  });

  it('signs out; the ended session is refused without a bearer refresh', async () => {
    await expect(client.request('signOut', {})).resolves.toEqual({ ended: true });
    const error = (await client.request('getToken', { params: { virtualCardId: knownFixtures.yellowPath.virtualCardId } }).catch((caught: unknown) => caught)) as BackendError;
    expect(error.failure).toMatchObject({ kind: 'api', status: 401 });
    expect(error.failure.kind === 'api' && error.failure.code).not.toBe('UNAUTHORIZED');
    expect(sandbox.store.accessTokens.size).toBe(1);
  });
});
