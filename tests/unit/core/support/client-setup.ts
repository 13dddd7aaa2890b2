import { Writable } from 'node:stream';
import { createAccessTokenProvider } from '../../../../electron/core/auth/access-token-provider';
import { importSigningKey } from '../../../../electron/core/auth/client-assertion';
import { createBackendClient, type AgentIdentity, type BackendClient, type BackendClientOptions } from '../../../../electron/core/backend/backend-client';
import { createLogger, type Logger } from '../../../../electron/core/logging/logger';
import type { FakeBackend } from './fake-backend';

export const AGENT: AgentIdentity = {
  sessionToken: 'S'.repeat(40),
  agent: { agentId: 'sato.hanako', name: '佐藤 花子', role: 'agent' },
};

export interface TestClient {
  readonly client: BackendClient;
  readonly logLines: string[];
  /** Moves the token cache's clock. */
  advance(seconds: number): void;
}

export const memoryLogger = (): { logger: Logger; lines: string[] } => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { logger: createLogger({ destination, level: 'debug' }), lines };
};

/** A client wired to the fake backend with the real token provider and fast backoff. */
export const clientFor = (backend: FakeBackend, overrides: Partial<BackendClientOptions> = {}): TestClient => {
  let clock = Date.now();
  const { logger, lines } = memoryLogger();
  const signingKey = importSigningKey(backend.privateKeyPem, backend.keyId);
  const client = createBackendClient({
    baseUrl: backend.baseUrl,
    issuerId: backend.issuerId,
    workstationId: 'WS-TOKYO-017',
    agentSession: () => AGENT,
    logger,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    accessTokens: (exchange) =>
      createAccessTokenProvider({ clientId: backend.clientId, tokenUrl: backend.tokenUrl, signingKey: () => signingKey, exchange, now: () => clock }),
    ...overrides,
  });
  return {
    client,
    logLines: lines,
    advance(seconds) {
      clock += seconds * 1000;
    },
  };
};
