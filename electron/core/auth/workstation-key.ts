import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, exportSPKI, generateKeyPair, type JWK } from 'jose';
import type { SecretStore } from '../secrets/secret-store';
import { ASSERTION_ALG, importSigningKey, type SigningKey } from './client-assertion';

/** The one secret name the workstation's private key lives under. */
export const WORKSTATION_KEY_SECRET = 'workstation-signing-key';

/** The public half, for the administrator to register with the backend. Never holds private material. */
export interface WorkstationPublicKey {
  /** RFC 7638 JWK thumbprint (SHA-256) of the public key. */
  readonly keyId: string;
  readonly publicJwk: { kty: 'EC'; crv: 'P-256'; x: string; y: string; kid: string; alg: 'ES256'; use: 'sig' };
  readonly publicKeyPem: string;
}

export interface WorkstationKeyStatus {
  readonly configured: boolean;
  readonly keyId: string | null;
  readonly storageBackend: string;
  /** False when the key lives in memory only and is gone after a restart. */
  readonly persisted: boolean;
}

export type WorkstationKeyProblem = 'not-a-private-key' | 'encrypted-key' | 'not-ec' | 'wrong-curve' | 'cannot-sign' | 'not-configured';

export class WorkstationKeyError extends Error {
  override readonly name = 'WorkstationKeyError';
  constructor(
    readonly problem: WorkstationKeyProblem,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The management face of the workstation key: write-only. Main maps these to IPC calls, so none of
 * them returns the private key; signing goes through `loadSigningKey`, which only core calls.
 */
export interface WorkstationKeys {
  generateKeyPair(): Promise<WorkstationPublicKey>;
  importPrivateKey(pem: string): Promise<WorkstationPublicKey>;
  status(): Promise<WorkstationKeyStatus>;
}

const describePublicKey = async (publicKey: KeyObject): Promise<WorkstationPublicKey> => {
  const jwk: JWK = await exportJWK(publicKey);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.x || !jwk.y) {
    throw new WorkstationKeyError('wrong-curve', 'the key is not an EC P-256 key');
  }
  const keyId = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, 'sha256');
  return {
    keyId,
    // Built field by field from public members: a copy of the whole JWK could carry `d` one day.
    publicJwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: keyId, alg: ASSERTION_ALG, use: 'sig' },
    publicKeyPem: await exportSPKI(publicKey),
  };
};

/**
 * Checks a PEM is an unencrypted EC P-256 private key (PKCS#8 or SEC1) and returns it as PKCS#8.
 * Error messages never quote the input.
 */
const toPkcs8 = (pem: string): string => {
  if (/ENCRYPTED/.test(pem)) {
    throw new WorkstationKeyError('encrypted-key', 'the private key is encrypted with a passphrase; export it without one');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new WorkstationKeyError('not-a-private-key', 'this is not an unencrypted PEM private key (PKCS#8 or SEC1)');
  }
  if (key.asymmetricKeyType !== 'ec') {
    throw new WorkstationKeyError('not-ec', `the key is ${key.asymmetricKeyType ?? 'of an unknown type'}; ES256 needs an EC P-256 key`);
  }
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (curve !== 'prime256v1') {
    throw new WorkstationKeyError('wrong-curve', `the key is on curve ${curve ?? 'unknown'}; ES256 needs P-256 (prime256v1)`);
  }
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
};

const publicKeyOf = (pkcs8Pem: string): KeyObject => createPublicKey(createPrivateKey(pkcs8Pem));

export const createWorkstationKeys = (secrets: SecretStore): WorkstationKeys => {
  const store = async (pkcs8Pem: string): Promise<WorkstationPublicKey> => {
    const described = await describePublicKey(publicKeyOf(pkcs8Pem));
    try {
      await importSigningKey(pkcs8Pem, described.keyId);
    } catch {
      throw new WorkstationKeyError('cannot-sign', 'the key cannot be used for ES256 signatures');
    }
    await secrets.set(WORKSTATION_KEY_SECRET, pkcs8Pem);
    return described;
  };

  return {
    async generateKeyPair() {
      const pair = await generateKeyPair(ASSERTION_ALG, { extractable: true });
      return store(await exportPKCS8(pair.privateKey));
    },
    async importPrivateKey(pem) {
      return store(toPkcs8(pem));
    },
    async status() {
      const [pem, storage] = await Promise.all([secrets.get(WORKSTATION_KEY_SECRET), secrets.status()]);
      const keyId = pem ? (await describePublicKey(publicKeyOf(pem))).keyId : null;
      return { configured: keyId !== null, keyId, storageBackend: storage.backend, persisted: storage.persisted };
    },
  };
};

/**
 * The private key as a non-extractable signing key, for the token provider only. `keyId` is the
 * kid the backend was told; it defaults to the thumbprint.
 */
export const loadSigningKey = async (secrets: SecretStore, keyId?: string): Promise<SigningKey> => {
  const pem = await secrets.get(WORKSTATION_KEY_SECRET);
  if (!pem) throw new WorkstationKeyError('not-configured', 'no workstation key is configured; generate or import one');
  return importSigningKey(pem, keyId ?? (await describePublicKey(publicKeyOf(pem))).keyId);
};
