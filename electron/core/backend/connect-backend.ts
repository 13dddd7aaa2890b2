import { createAccessTokenProvider } from '../auth/access-token-provider';
import { loadSigningKey } from '../auth/workstation-key';
import type { BackendConfig } from '../config/config-schema';
import { readTlsMaterial } from '../config/tls-material';
import type { Logger } from '../logging/logger';
import type { SecretStore } from '../secrets/secret-store';
import { createBackendClient, tokenUrlFor, type AgentIdentity, type BackendClient } from './backend-client';
import type { RetryPolicy } from './retry-policy';

export interface ConnectBackendOptions {
  readonly backend: BackendConfig;
  /** Holds the workstation's signing key (see auth/workstation-key.ts). */
  readonly secrets: SecretStore;
  readonly workstationId: string;
  readonly agentSession: () => AgentIdentity | null;
  readonly logger?: Logger;
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
  /** Milliseconds since the epoch, for the token cache and the assertion times. */
  readonly now?: () => number;
}

/**
 * Wires a configured backend: reads the mTLS files (a TlsFileError names the bad one), and builds
 * the client with a token provider that signs with the workstation key from the secret store.
 * The key is loaded on each token refresh, so importing a new key needs no reconnect.
 */
export const connectBackend = async (options: ConnectBackendOptions): Promise<BackendClient> => {
  const { backend } = options;
  const tls = backend.mtls ? await readTlsMaterial(backend.mtls) : undefined;
  return createBackendClient({
    baseUrl: backend.baseUrl,
    issuerId: backend.issuerId,
    ...(tls ? { tls } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    workstationId: options.workstationId,
    agentSession: options.agentSession,
    accessTokens: (exchange) =>
      createAccessTokenProvider({
        clientId: backend.clientId,
        tokenUrl: tokenUrlFor(backend.baseUrl),
        signingKey: () => loadSigningKey(options.secrets, backend.keyId),
        exchange,
        ...(options.now ? { now: options.now } : {}),
      }),
  });
};
