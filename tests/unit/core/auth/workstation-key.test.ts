import { generateKeyPairSync } from 'node:crypto';
import { importSPKI, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { signClientAssertion } from '../../../../electron/core/auth/client-assertion';
import {
  WORKSTATION_KEY_SECRET,
  WorkstationKeyError,
  createWorkstationKeys,
  loadSigningKey,
} from '../../../../electron/core/auth/workstation-key';
import { MemorySecretStore } from '../../../../electron/core/secrets/secret-store';

const ecKey = (namedCurve: string, type: 'pkcs8' | 'sec1' = 'pkcs8'): string =>
  generateKeyPairSync('ec', { namedCurve, privateKeyEncoding: { type, format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;

/** Anything that would betray a private key in a value that may cross IPC or reach a log. */
const assertNoPrivateMaterial = (value: unknown): void => {
  const text = JSON.stringify(value);
  expect(text).not.toMatch(/PRIVATE KEY/);
  expect(text).not.toMatch(/"d"\s*:/);
  const walk = (node: unknown): void => {
    if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        expect(['d', 'p', 'q', 'dp', 'dq', 'qi', 'privateKey', 'privateKeyPem']).not.toContain(key);
        walk(child);
      }
    }
  };
  walk(value);
};

describe('workstation key', () => {
  it('generates a P-256 pair, stores the private key, returns only the public key with its thumbprint kid', async () => {
    const secrets = new MemorySecretStore();
    const keys = createWorkstationKeys(secrets);
    const result = await keys.generateKeyPair();
    assertNoPrivateMaterial(result);
    expect(result.keyId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.publicJwk).toEqual({ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), kid: result.keyId, alg: 'ES256', use: 'sig' });
    expect(result.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(await secrets.get(WORKSTATION_KEY_SECRET)).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    // The stored key signs what the returned public key verifies.
    const signingKey = await loadSigningKey(secrets);
    expect(signingKey.keyId).toBe(result.keyId);
    const assertion = await signClientAssertion({ clientId: 'c', tokenUrl: 'https://x.test/oauth2/token', signingKey });
    await expect(jwtVerify(assertion, await importSPKI(result.publicKeyPem, 'ES256'))).resolves.toBeTruthy();
  });

  it('imports a PKCS#8 or SEC1 P-256 key, write-only, and reports status without the key', async () => {
    const secrets = new MemorySecretStore();
    const keys = createWorkstationKeys(secrets);
    expect(await keys.status()).toEqual({ configured: false, keyId: null, storageBackend: 'memory', persisted: false });

    const fromPkcs8 = await keys.importPrivateKey(ecKey('prime256v1'));
    const fromSec1 = await keys.importPrivateKey(ecKey('prime256v1', 'sec1'));
    const status = await keys.status();
    for (const value of [fromPkcs8, fromSec1, status]) assertNoPrivateMaterial(value);
    expect(status).toEqual({ configured: true, keyId: fromSec1.keyId, storageBackend: 'memory', persisted: false });
    // SEC1 is converted: the store only ever holds PKCS#8.
    expect(await secrets.get(WORKSTATION_KEY_SECRET)).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    // The management face has no method that could hand the key out.
    expect(Object.keys(keys).sort()).toEqual(['generateKeyPair', 'importPrivateKey', 'status']);
  });

  it.each([
    ['an RSA key', (): string => generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey, 'not-ec'],
    ['a P-384 key', (): string => ecKey('secp384r1'), 'wrong-curve'],
    ['an Ed25519 key', (): string => generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey, 'not-ec'],
    [
      'an encrypted key',
      (): string =>
        generateKeyPairSync('ec', {
          namedCurve: 'prime256v1',
          privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' },
          publicKeyEncoding: { type: 'spki', format: 'pem' },
        }).privateKey,
      'encrypted-key',
    ],
    ['a public key', (): string => generateKeyPairSync('ec', { namedCurve: 'prime256v1', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } }).publicKey, 'not-a-private-key'],
    ['text', (): string => 'hello', 'not-a-private-key'],
  ] as const)('refuses %s with a clear error and stores nothing', async (_label, make, problem) => {
    const secrets = new MemorySecretStore();
    const pem = make();
    const error = await createWorkstationKeys(secrets).importPrivateKey(pem).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkstationKeyError);
    expect(error).toMatchObject({ problem });
    assertNoPrivateMaterial({ message: (error as Error).message });
    expect(await secrets.get(WORKSTATION_KEY_SECRET)).toBeNull();
  });

  it('says clearly when no key is configured', async () => {
    await expect(loadSigningKey(new MemorySecretStore())).rejects.toMatchObject({ problem: 'not-configured' });
  });
});
