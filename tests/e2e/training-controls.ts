import { randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { expect, type APIRequestContext } from '@playwright/test';
import { z } from 'zod';
import type { InjectFaultRequest, SimulateRequest } from '../../shared/api/training';
import { JWT_BEARER_GRANT } from '../../shared/api/endpoints';
import { TrainingCredentials } from '../../shared/api/training-credentials';
import { bridge } from './fixtures';

/** What `GET /__bridge/training` answers: the training backend's credentials, and its token URL. */
const BridgeTraining = TrainingCredentials.extend({ tokenUrl: z.url() });

const bridgeHeaders = { authorization: `Bearer ${bridge.token}` };

/** A client's signing key, as the credentials name it: the workstation's or the platform's. */
interface SigningKey {
  readonly clientId: string;
  readonly keyId: string;
  readonly privateKeyPem: string;
}

/**
 * The training backend's own controls, reached as a script would: JWT-bearer tokens signed with
 * the keys the bridge hands out (sandbox/README.md): the platform's for its callbacks,
 * `/training/v1/simulate` to play the wallet or TSP and `/training/v1/faults` to make the backend
 * misbehave; the workstation's for /api. Every call that changes something carries a fresh
 * Idempotency-Key.
 */
export const trainingBackend = async (request: APIRequestContext) => {
  const answer = await request.get('/__bridge/training', { headers: bridgeHeaders });
  expect(answer.status(), 'the bridge runs the training backend').toBe(200);
  const credentials = BridgeTraining.parse(await answer.json());

  const accessToken = async (client: SigningKey): Promise<string> => {
    const key = await importPKCS8(client.privateKeyPem, 'ES256');
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: client.keyId, typ: 'JWT' })
      .setIssuer(client.clientId)
      .setSubject(client.clientId)
      .setAudience(credentials.tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + 120)
      .setJti(randomUUID())
      .sign(key);
    const response = await request.post(credentials.tokenUrl, { form: { grant_type: JWT_BEARER_GRANT, assertion } });
    expect(response.status(), 'the training backend issues a token').toBe(200);
    return ((await response.json()) as { access_token: string }).access_token;
  };

  /** /api is the workstation's; the callbacks and the training controls take only the platform's token. */
  const headers = async (method: string, path: string): Promise<Record<string, string>> => ({
    authorization: `Bearer ${await accessToken(path.startsWith('/api/') ? credentials : credentials.platform)}`,
    'x-issuer-id': credentials.issuerId,
    'x-correlation-id': `e2e-${randomUUID()}`,
    ...(method !== 'GET' ? { 'idempotency-key': `e2e-${randomUUID()}` } : {}),
  });

  return {
    baseUrl: credentials.baseUrl,
    issuerId: credentials.issuerId,
    /**
     * Any request to the training backend as a script would send it: the platform's callbacks with
     * the platform's token, or /api with the workstation's (as an agent with `agentSession`).
     * Answers status and body.
     */
    send: async (
      method: 'GET' | 'POST',
      path: string,
      options: { readonly data?: unknown; readonly correlationId?: string; readonly agentSession?: string } = {},
    ): Promise<{ status: number; body: unknown }> => {
      const response = await request.fetch(`${credentials.baseUrl}${path}`, {
        method,
        headers: {
          ...(await headers(method, path)),
          ...(options.correlationId !== undefined ? { 'x-correlation-id': options.correlationId } : {}),
          ...(options.agentSession !== undefined ? { 'x-agent-session': options.agentSession } : {}),
        },
        ...(options.data !== undefined ? { data: options.data } : {}),
      });
      const text = await response.text();
      return { status: response.status(), body: text === '' ? null : (JSON.parse(text) as unknown) };
    },
    /** The wallet or TSP changes a token, as its callback would report it. */
    simulate: async (body: SimulateRequest): Promise<void> => {
      const response = await request.post(`${credentials.baseUrl}/training/v1/simulate`, { headers: await headers('POST', '/training/v1/simulate'), data: body });
      expect(response.status(), `simulate ${JSON.stringify(body)}: ${await response.text()}`).toBe(200);
    },
    /** The next `times` matching requests misbehave. */
    fault: async (body: InjectFaultRequest): Promise<void> => {
      const response = await request.post(`${credentials.baseUrl}/training/v1/faults`, { headers: await headers('POST', '/training/v1/faults'), data: body });
      expect(response.status(), `fault ${JSON.stringify(body)}: ${await response.text()}`).toBe(201);
    },
    clearFaults: async (): Promise<void> => {
      await request.delete(`${credentials.baseUrl}/training/v1/faults`, { headers: await headers('DELETE', '/training/v1/faults') });
    },
  };
};

/**
 * Restarts the training backend on the same port, key and data (the live stream drops and must
 * reconnect); `fresh`: from the seed again, every change and session forgotten (sign in after it).
 */
export const restartTrainingBackend = async (request: APIRequestContext, { fresh = false } = {}): Promise<void> => {
  const response = await request.post(`/__bridge/training/restart${fresh ? '?fresh=1' : ''}`, { headers: bridgeHeaders });
  expect(response.status(), await response.text()).toBe(200);
};
