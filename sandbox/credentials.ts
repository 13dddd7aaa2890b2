import { randomBytes } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';
import type { TokenScope } from '../shared/api/endpoints';
import type { TrainingCredentials } from '../shared/api/training-credentials';
import type { ClientKey } from './auth/jwt-bearer';
import { trainingAgents, type TrainingAgent } from './auth/training-agents';

export { trainingAgents, type TrainingAgent } from './auth/training-agents';

/** A client's signing identity for the JWT-bearer grant: a workstation's, or the token platform's. */
export interface ClientCredentials {
  readonly kind: TokenScope;
  readonly clientId: string;
  /** The JWK thumbprint (RFC 7638) of the public key: stable, and tells keys apart. */
  readonly keyId: string;
  readonly privateKeyPem: string;
  readonly publicJwk: JWK;
}

/** The two clients a training backend registers: one workstation, and the platform that calls back. */
export interface TrainingClients {
  readonly workstation: ClientCredentials;
  readonly platform: ClientCredentials;
}

/**
 * Generates an ES256 key pair and a client id, the way a workstation (or the platform, with
 * `platform`) is enrolled with D1.
 */
export const generateClientCredentials = async (kind: TokenScope = 'workstation'): Promise<ClientCredentials> => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return {
    kind,
    clientId: `${kind}-${randomBytes(6).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x')}`,
    keyId: await calculateJwkThumbprint(publicJwk, 'sha256'),
    privateKeyPem: await exportPKCS8(privateKey),
    publicJwk,
  };
};

export const generateTrainingClients = async (): Promise<TrainingClients> => ({
  workstation: await generateClientCredentials('workstation'),
  platform: await generateClientCredentials('platform'),
});

/** What the sandbox registers for these credentials: the public half only, and whose it is. */
export const clientKeyOf = (credentials: ClientCredentials): ClientKey => ({
  kid: credentials.keyId,
  clientId: credentials.clientId,
  kind: credentials.kind,
  publicJwk: credentials.publicJwk,
});

export const clientKeysOf = (clients: TrainingClients): ClientKey[] => [clientKeyOf(clients.workstation), clientKeyOf(clients.platform)];

/** What a client needs to reach this sandbox (the file `--credentials-out` writes). */
export const credentialsFileFor = (
  sandbox: { baseUrl: string; issuerId: string },
  clients: TrainingClients,
  agents: readonly TrainingAgent[] = trainingAgents,
): TrainingCredentials => ({
  baseUrl: sandbox.baseUrl,
  issuerId: sandbox.issuerId,
  clientId: clients.workstation.clientId,
  keyId: clients.workstation.keyId,
  privateKeyPem: clients.workstation.privateKeyPem,
  platform: { clientId: clients.platform.clientId, keyId: clients.platform.keyId, privateKeyPem: clients.platform.privateKeyPem },
  agents: agents.map(({ agentId, name, password, role }) => ({ agentId, name, password, role })),
});

/** Written readable by the owner only: it holds private keys and passwords. */
export const writeCredentialsFile = async (path: string, credentials: TrainingCredentials): Promise<void> => {
  await writeFile(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file; an existing one is tightened too.
  await chmod(path, 0o600);
};
