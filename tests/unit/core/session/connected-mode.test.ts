import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientKeyOf, generateClientCredentials, startSandbox, type ClientCredentials, type Sandbox } from '../../../../sandbox/index';
import { makeTestPki, opensslAvailable, type TestPki } from '../support/test-certificates';
import { startCore, type CoreHarness } from './support/core-harness';

/**
 * Connected mode: a standalone sandbox stands in for the issuer's backend, the settings file points
 * at it, and the workstation key goes in through credentials.importKey, as an administrator would
 * do it. All over real HTTP(S); the certificates are made by openssl for this run.
 */
const sato = { agentId: 'agent.sato', password: 'Training-Sato-2026' };
const refuseTraining = async (): Promise<never> => {
  throw new Error('connected mode must not start the training backend');
};

const backendSetting = (sandbox: Sandbox, client: ClientCredentials, mtls?: Record<string, string>) => ({
  backend: { baseUrl: sandbox.baseUrl, issuerId: sandbox.issuerId, clientId: client.clientId, keyId: client.keyId, ...(mtls ? { mtls } : {}) },
});

describe('connected to a standalone backend over http', () => {
  let client: ClientCredentials;
  let sandbox: Sandbox;
  let h: CoreHarness;

  beforeAll(async () => {
    client = await generateClientCredentials();
    sandbox = await startSandbox({ clientKeys: [clientKeyOf(client)], mode: 'connected' });
    h = await startCore({ user: backendSetting(sandbox, client), startTrainingBackend: refuseTraining });
  });
  afterAll(async () => {
    await h.close();
    await sandbox.close();
  });

  it('runs in connected mode, with no training accounts', async () => {
    expect(h.core.mode).toBe('connected');
    expect((await h.ok('app.info')).mode).toBe('connected');
    expect(await h.fail('session.trainingAccounts')).toMatchObject({ code: 'TRAINING_ONLY', messageKey: 'errors.trainingOnly' });
    expect(await h.ok('config.get')).toMatchObject({ mode: 'connected', restartRequired: false, sources: { backend: 'user' } });
  });

  it('says the workstation is not set up until a key is imported', async () => {
    expect(await h.ok('credentials.status')).toEqual({ configured: false, keyId: null, storageBackend: 'file', persisted: true, enrolmentCodeRequired: false });
    expect(await h.fail('session.signIn', sato)).toMatchObject({ code: 'NOT_CONFIGURED', messageKey: 'errors.notConfigured' });
  });

  it('refuses a key that is not an EC P-256 private key, and stores nothing', async () => {
    const error = await h.fail('credentials.importKey', { pem: `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(64)}\n-----END PRIVATE KEY-----\n` });
    expect(error).toMatchObject({ code: 'KEY_INVALID', fields: ['pem'] });
    expect((await h.ok('credentials.status')).configured).toBe(false);
  });

  it('signs in once the registered key is imported, and signs out again', async () => {
    const imported = await h.ok('credentials.importKey', { pem: client.privateKeyPem });
    expect(imported.publicKey.keyId).toBe(client.keyId);
    expect(imported.status).toEqual({ configured: true, keyId: client.keyId, storageBackend: 'file', persisted: true, enrolmentCodeRequired: false });
    expect(JSON.stringify(imported)).not.toContain('PRIVATE KEY');

    const status = await h.ok('session.signIn', sato);
    expect(status).toMatchObject({ state: 'signedIn', agent: { agentId: 'agent.sato' }, workstationId: 'WS-TEST-01' });
    expect(sandbox.store.sessions.size).toBe(1);
    await h.ok('session.signOut');
    expect(sandbox.store.sessions.size).toBe(0);
  });

  it('keeps the signing key in the workstation store, the file the test bridge uses', async () => {
    const secrets = await readFile(join(h.dir, 'secrets.json'), 'utf8');
    expect(secrets).toContain('workstation-signing-key');
  });
});

describe('enrolling a new workstation: generate, register, restart', () => {
  it('generates a key pair whose public half the backend accepts after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'td-enrol-'));
    // Day one: no backend configured, so training mode; the administrator generates the key.
    const day1 = await startCore({ dir });
    const { publicKey, status } = await day1.ok('credentials.generateKey');
    expect(status).toMatchObject({ configured: true, keyId: publicKey.keyId, persisted: true });
    expect(Object.keys(publicKey.publicJwk).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(publicKey.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    await day1.close();

    // The backend registers the public half; the settings point at it.
    const clientId = 'workstation-enrolled';
    const backend = await startSandbox({ clientKeys: [{ kid: publicKey.keyId, clientId, publicJwk: publicKey.publicJwk }], mode: 'connected' });
    try {
      const day2 = await startCore({
        dir,
        user: { backend: { baseUrl: backend.baseUrl, issuerId: backend.issuerId, clientId, keyId: publicKey.keyId } },
        startTrainingBackend: refuseTraining,
      });
      try {
        expect(day2.core.mode).toBe('connected');
        expect((await day2.ok('session.signIn', sato)).state).toBe('signedIn');
        await day2.ok('session.signOut');
      } finally {
        await day2.close();
      }
    } finally {
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!opensslAvailable())('connected over mutual TLS', () => {
  let pki: TestPki;
  let client: ClientCredentials;
  let sandbox: Sandbox;

  beforeAll(async () => {
    pki = makeTestPki();
    client = await generateClientCredentials();
    sandbox = await startSandbox({
      clientKeys: [clientKeyOf(client)],
      mode: 'connected',
      tls: {
        cert: pki.read(pki.serverCert).toString(),
        key: pki.read(pki.serverKey).toString(),
        ca: pki.read(pki.caCert).toString(),
        requireClientCert: true,
      },
    });
  }, 30_000);
  afterAll(async () => {
    await sandbox.close();
    await rm(pki.dir, { recursive: true, force: true });
  });

  it('signs in presenting the configured client certificate', async () => {
    const h = await startCore({
      user: backendSetting(sandbox, client, { certFile: pki.clientCert, keyFile: pki.clientKey, caFile: pki.caCert }),
      startTrainingBackend: refuseTraining,
    });
    try {
      expect(sandbox.baseUrl).toMatch(/^https:/);
      await h.ok('credentials.importKey', { pem: client.privateKeyPem });
      expect((await h.ok('session.signIn', sato)).state).toBe('signedIn');
      await h.ok('session.signOut');
    } finally {
      await h.close();
    }
  });

  it('cannot reach a backend that requires a certificate without one', async () => {
    const h = await startCore({ user: backendSetting(sandbox, client, undefined), startTrainingBackend: refuseTraining });
    try {
      await h.ok('credentials.importKey', { pem: client.privateKeyPem });
      // No CA configured either: the server's certificate is not trusted, and none is presented.
      expect(await h.fail('session.signIn', sato)).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    } finally {
      await h.close();
    }
  });

  it('is refused at the handshake with a certificate from another CA', async () => {
    const h = await startCore({
      user: backendSetting(sandbox, client, { certFile: pki.strangerCert, keyFile: pki.strangerKey, caFile: pki.caCert }),
      startTrainingBackend: refuseTraining,
    });
    try {
      await h.ok('credentials.importKey', { pem: client.privateKeyPem });
      expect(await h.fail('session.signIn', sato)).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    } finally {
      await h.close();
    }
  });

  it('opens with a missing certificate file, names the file and field, and answers NOT_CONFIGURED', async () => {
    const missing = join(pki.dir, 'nowhere.crt');
    const h = await startCore({
      user: backendSetting(sandbox, client, { certFile: missing, keyFile: pki.clientKey, caFile: pki.caCert }),
      startTrainingBackend: refuseTraining,
    });
    try {
      expect(h.core.mode).toBe('connected');
      const view = await h.ok('config.get');
      expect(view.problems).toContainEqual({ file: h.files.userFile, field: 'backend.mtls.certFile', message: expect.stringContaining(missing) });
      expect(await h.fail('session.signIn', sato)).toMatchObject({ code: 'NOT_CONFIGURED' });
      expect((await h.ok('session.status')).state).toBe('signedOut');
    } finally {
      await h.close();
    }
  });
});
