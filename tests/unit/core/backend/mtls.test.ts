import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkstationKeys } from '../../../../electron/core/auth/workstation-key';
import { connectBackend } from '../../../../electron/core/backend/connect-backend';
import { BackendError } from '../../../../electron/core/backend/backend-error';
import { TlsFileError, readTlsMaterial } from '../../../../electron/core/config/tls-material';
import { MemorySecretStore } from '../../../../electron/core/secrets/secret-store';
import { AGENT, clientFor } from '../support/client-setup';
import { sendJson, startFakeBackend, type FakeBackend } from '../support/fake-backend';
import { makeTestPki, opensslAvailable, type TestPki } from '../support/test-certificates';

const EVENTS = '/api/v1/tokens/VC-1/events';
const listEvents = { params: { virtualCardId: 'VC-1' } } as const;

describe.skipIf(!opensslAvailable())('mutual TLS', () => {
  let pki: TestPki;
  let backend: FakeBackend;
  const peers: string[] = [];

  beforeAll(async () => {
    pki = makeTestPki();
    backend = await startFakeBackend({
      tls: { key: pki.read(pki.serverKey), cert: pki.read(pki.serverCert), ca: pki.read(pki.caCert), requestCert: true },
    });
    backend.route('GET', EVENTS, (_request, response) => {
      const peer = (response.socket as TLSSocket).getPeerCertificate();
      peers.push(String(peer.subject?.CN));
      sendJson(response, 200, { items: [], nextCursor: null });
    });
  }, 30_000);

  afterAll(async () => {
    await backend?.close();
  });

  const backendConfig = (mtls: { certFile: string; keyFile: string; caFile?: string }) => ({
    baseUrl: backend.baseUrl,
    issuerId: backend.issuerId,
    clientId: backend.clientId,
    keyId: backend.keyId,
    mtls,
  });

  it('presents the configured client certificate, end to end from config and secret store', async () => {
    const secrets = new MemorySecretStore();
    const imported = await createWorkstationKeys(secrets).importPrivateKey(backend.privateKeyPem);
    expect(imported.keyId).toBe(backend.keyId);
    const client = await connectBackend({
      backend: backendConfig({ certFile: pki.clientCert, keyFile: pki.clientKey, caFile: pki.caCert }),
      secrets,
      workstationId: 'WS-TOKYO-017',
      agentSession: () => AGENT,
    });
    try {
      await expect(client.request('listTokenEvents', listEvents)).resolves.toEqual({ items: [], nextCursor: null });
      expect(peers).toContain('WS-TOKYO-017');
      expect(backend.assertions.at(-1)?.payload).toMatchObject({ aud: `${backend.baseUrl}/oauth2/token` });
    } finally {
      client.close();
    }
  });

  it('is refused by the server without a client certificate', async () => {
    const before = backend.requests.length;
    const { client } = clientFor(backend, { tls: { ca: pki.read(pki.caCert) } });
    try {
      const error = (await client.request('listTokenEvents', listEvents).catch((caught: unknown) => caught)) as BackendError;
      expect(error).toBeInstanceOf(BackendError);
      expect(error.failure).toMatchObject({ kind: 'network', code: expect.stringMatching(/CERTIFICATE_REQUIRED|ECONNRESET/) });
      expect(backend.requests.length).toBe(before);
    } finally {
      client.close();
    }
  });

  it('is refused by the server with a certificate from another CA', async () => {
    const before = backend.requests.length;
    const { client } = clientFor(backend, {
      tls: { cert: pki.read(pki.strangerCert), key: pki.read(pki.strangerKey), ca: pki.read(pki.caCert) },
      retry: { maxAttempts: 1 },
    });
    try {
      const error = await client.request('listTokenEvents', listEvents).catch((caught: unknown) => caught);
      expect((error as BackendError).kind).toBe('network');
      expect(backend.requests.length).toBe(before);
    } finally {
      client.close();
    }
  });

  it('does not trust a server whose CA was not configured, and does not retry that', async () => {
    const { client } = clientFor(backend, { tls: { cert: pki.read(pki.clientCert), key: pki.read(pki.clientKey) } });
    try {
      const error = (await client.request('listTokenEvents', listEvents).catch((caught: unknown) => caught)) as BackendError;
      expect(error.failure).toMatchObject({ kind: 'network', code: 'SELF_SIGNED_CERT_IN_CHAIN' });
      expect(error.retryable).toBe(false);
      expect(error.attempts).toBe(1);
    } finally {
      client.close();
    }
  });

  it('names the file when an mTLS file is missing, not a certificate, or does not match', async () => {
    const missing = join(pki.dir, 'nope.crt');
    await expect(readTlsMaterial({ certFile: missing, keyFile: pki.clientKey })).rejects.toThrow(`mTLS certFile ${missing}: file not found`);

    const garbage = join(pki.dir, 'garbage.crt');
    await writeFile(garbage, 'not a certificate');
    const error = await readTlsMaterial({ certFile: garbage, keyFile: pki.clientKey }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TlsFileError);
    expect(error).toMatchObject({ role: 'certFile', file: garbage });

    await expect(readTlsMaterial({ certFile: pki.clientCert, keyFile: pki.serverKey })).rejects.toThrow(
      `mTLS keyFile ${pki.serverKey}: does not match the certificate in ${pki.clientCert}`,
    );
    await expect(readTlsMaterial({ certFile: pki.clientCert, keyFile: pki.clientKey, caFile: garbage })).rejects.toMatchObject({ role: 'caFile' });
    const material = await readTlsMaterial({ certFile: pki.clientCert, keyFile: pki.clientKey, caFile: pki.caCert });
    expect(material.ca).toBeInstanceOf(Buffer);
  });
});
