import { randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8, type CryptoKey } from 'jose';
import { JWT_BEARER_GRANT, type AgentSession } from '../../../shared/api/endpoints';
import { ApiErrorBody } from '../../../shared/api/errors';
import type { InjectFaultRequest, SimulateRequest } from '../../../shared/api/training';
import { startSandboxWithCredentials, type ClientCredentials, type Sandbox, type SandboxOptions } from '../../../sandbox/index';
import type { TrainingCredentials } from '../../../shared/api/training-credentials';

/**
 * A sandbox on 127.0.0.1 with a registered workstation key and platform key, and the calls the
 * tests make over real HTTP: signing assertions, exchanging them, signing agents in, and the
 * platform's callbacks and training controls with the platform's own token.
 */
export interface AssertionClaims {
  readonly kid?: string;
  readonly iss?: string;
  readonly sub?: string;
  readonly aud?: string;
  /** Seconds since the epoch; `null` leaves the claim out. */
  readonly iat?: number | null;
  readonly exp?: number | null;
  readonly jti?: string | null;
  readonly key?: CryptoKey;
}

export interface Harness {
  readonly sandbox: Sandbox;
  readonly client: ClientCredentials;
  /** The token platform's own client: the only one the callbacks and the training controls accept. */
  readonly platform: ClientCredentials;
  readonly credentials: TrainingCredentials;
  /** The clock the sandbox reads; tests move it on. */
  readonly clock: { now: Date };
  assertion(claims?: AssertionClaims): Promise<string>;
  exchange(assertion: string, headers?: Record<string, string>): Promise<Response>;
  accessToken(): Promise<string>;
  /** A bearer token of the platform's own (scope `platform`). */
  platformToken(): Promise<string>;
  /** The headers of a workstation call: bearer, issuer, correlation id. */
  apiHeaders(token: string, extra?: Record<string, string>): Record<string, string>;
  signIn(agentId?: string, password?: string, extra?: Record<string, string>): Promise<Response>;
  /** Headers of a signed-in agent's call. */
  agentHeaders(agentId?: string): Promise<Record<string, string>>;
  get(path: string, headers: Record<string, string>): Promise<Response>;
  /** POSTs a JSON body, with a fresh Idempotency-Key unless `headers` brings one. */
  post(path: string, body: unknown, headers: Record<string, string>): Promise<Response>;
  /** DELETEs, with a fresh Idempotency-Key unless `headers` brings one. */
  del(path: string, headers: Record<string, string>): Promise<Response>;
  /** Headers of a workstation call with a fresh bearer token (sign-in; every other call needs an agent). */
  workstationHeaders(extra?: Record<string, string>): Promise<Record<string, string>>;
  /** Headers of the platform's call with a fresh platform bearer token: the callbacks and the /training calls. */
  platformHeaders(extra?: Record<string, string>): Promise<Record<string, string>>;
  /** `POST /training/v1/simulate`. */
  simulate(body: SimulateRequest, extra?: Record<string, string>): Promise<Response>;
  /** `POST /training/v1/faults`, expecting it to be accepted. */
  injectFault(body: InjectFaultRequest): Promise<void>;
  close(): Promise<void>;
}

const passwordOf = (credentials: TrainingCredentials, agentId: string): string => {
  const agent = credentials.agents.find((item) => item.agentId === agentId);
  if (!agent) throw new Error(`no training agent ${agentId}`);
  return agent.password;
};

export const startHarness = async (options: Omit<SandboxOptions, 'clientKeys' | 'now'> = {}, start = new Date('2026-11-23T09:00:00+09:00')): Promise<Harness> => {
  const clock = { now: start };
  const { sandbox, client, platform, credentials } = await startSandboxWithCredentials({ ...options, now: () => clock.now });
  const privateKey = await importPKCS8(client.privateKeyPem, 'ES256');
  const platformKey = await importPKCS8(platform.privateKeyPem, 'ES256');
  const seconds = (): number => Math.floor(clock.now.getTime() / 1000);

  const harness: Harness = {
    sandbox,
    client,
    platform,
    credentials,
    clock,
    assertion: async (claims = {}) => {
      const iat = claims.iat === undefined ? seconds() : claims.iat;
      const exp = claims.exp === undefined ? seconds() + 120 : claims.exp;
      const jti = claims.jti === undefined ? randomUUID() : claims.jti;
      const jwt = new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: claims.kid ?? client.keyId, typ: 'JWT' })
        .setIssuer(claims.iss ?? client.clientId)
        .setSubject(claims.sub ?? client.clientId)
        .setAudience(claims.aud ?? sandbox.tokenUrl);
      if (iat !== null) jwt.setIssuedAt(iat);
      if (exp !== null) jwt.setExpirationTime(exp);
      if (jti !== null) jwt.setJti(jti);
      return jwt.sign(claims.key ?? privateKey);
    },
    exchange: (assertion, headers = {}) =>
      fetch(sandbox.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
      }),
    accessToken: async () => {
      const response = await harness.exchange(await harness.assertion());
      if (response.status !== 200) throw new Error(`token exchange failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { access_token: string }).access_token;
    },
    platformToken: async () => {
      const assertion = await harness.assertion({ kid: platform.keyId, iss: platform.clientId, sub: platform.clientId, key: platformKey });
      const response = await harness.exchange(assertion);
      if (response.status !== 200) throw new Error(`platform token exchange failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { access_token: string }).access_token;
    },
    apiHeaders: (token, extra = {}) => ({
      authorization: `Bearer ${token}`,
      'x-issuer-id': sandbox.issuerId,
      'x-correlation-id': `test-${randomUUID()}`,
      ...extra,
    }),
    signIn: async (agentId = 'agent.sato', password, extra = {}) =>
      fetch(`${sandbox.baseUrl}/api/v1/agent-sessions`, {
        method: 'POST',
        headers: harness.apiHeaders(await harness.accessToken(), { 'content-type': 'application/json', ...extra }),
        body: JSON.stringify({ agentId, password: password ?? passwordOf(credentials, agentId) }),
      }),
    agentHeaders: async (agentId = 'agent.sato') => {
      const token = await harness.accessToken();
      const response = await fetch(`${sandbox.baseUrl}/api/v1/agent-sessions`, {
        method: 'POST',
        headers: harness.apiHeaders(token, { 'content-type': 'application/json' }),
        body: JSON.stringify({ agentId, password: passwordOf(credentials, agentId) }),
      });
      if (response.status !== 201) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
      const session = (await response.json()) as AgentSession;
      return harness.apiHeaders(token, { 'x-agent-session': session.sessionToken });
    },
    get: (path, headers) => fetch(`${sandbox.baseUrl}${path}`, { headers }),
    post: (path, body, headers) =>
      fetch(`${sandbox.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `test-${randomUUID()}`, ...headers },
        body: JSON.stringify(body),
      }),
    del: (path, headers) => fetch(`${sandbox.baseUrl}${path}`, { method: 'DELETE', headers: { 'idempotency-key': `test-${randomUUID()}`, ...headers } }),
    workstationHeaders: async (extra = {}) => harness.apiHeaders(await harness.accessToken(), extra),
    platformHeaders: async (extra = {}) => harness.apiHeaders(await harness.platformToken(), extra),
    simulate: async (body, extra = {}) => harness.post('/training/v1/simulate', body, await harness.platformHeaders(extra)),
    injectFault: async (body) => {
      const response = await harness.post('/training/v1/faults', body, await harness.platformHeaders());
      if (response.status !== 201) throw new Error(`fault not accepted: ${response.status} ${await response.text()}`);
    },
    close: () => sandbox.close(),
  };
  return harness;
};

/** The error body of a response, checked against the API's one error shape. */
export const errorOf = async (response: Response): Promise<ApiErrorBody['error']> => ApiErrorBody.parse(await response.json()).error;
