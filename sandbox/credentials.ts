import { randomBytes } from 'node:crypto';
import { chmod, writeFile } from 'node:fs/promises';
import { calculateJwkThumbprint, exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';
import type { TrainingCredentials } from '../shared/api/training-credentials';
import type { ClientKey } from './auth/jwt-bearer';
import { trainingAgents, type TrainingAgent } from './auth/training-agents';

export { trainingAgents, type TrainingAgent } from './auth/training-agents';

/** A workstation's signing identity for the JWT-bearer grant. */
export interface ClientCredentials {
  readonly clientId: string;
  /** The JWK thumbprint (RFC 7638) of the public key: stable, and tells keys apart. */
  readonly keyId: string;
  readonly privateKeyPem: string;
  readonly publicJwk: JWK;
}

/** Generates an ES256 key pair and a client id (the way a workstation is enrolled with D1). */
export const generateClientCredentials = async (): Promise<ClientCredentials> => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return {
    clientId: `workstation-${randomBytes(6).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x')}`,
    keyId: await calculateJwkThumbprint(publicJwk, 'sha256'),
    privateKeyPem: await exportPKCS8(privateKey),
    publicJwk,
  };
};

/** What the sandbox registers for these credentials: the public half only. */
export const clientKeyOf = (credentials: ClientCredentials): ClientKey => ({
  kid: credentials.keyId,
  clientId: credentials.clientId,
  publicJwk: credentials.publicJwk,
});

/** What a client needs to reach this sandbox (the file `--credentials-out` writes). */
export const credentialsFileFor = (
  sandbox: { baseUrl: string; issuerId: string },
  client: ClientCredentials,
  agents: readonly TrainingAgent[] = trainingAgents,
): TrainingCredentials => ({
  baseUrl: sandbox.baseUrl,
  issuerId: sandbox.issuerId,
  clientId: client.clientId,
  keyId: client.keyId,
  privateKeyPem: client.privateKeyPem,
  agents: agents.map(({ agentId, name, password, role }) => ({ agentId, name, password, role })),
});

/** Written readable by the owner only: it holds a private key and passwords. */
export const writeCredentialsFile = async (path: string, credentials: TrainingCredentials): Promise<void> => {
  await writeFile(path, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies only when it creates the file; an existing one is tightened too.
  await chmod(path, 0o600);
};
