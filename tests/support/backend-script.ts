import { randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import type { AuditRecord } from '../../shared/api/audit';
import { JWT_BEARER_GRANT } from '../../shared/api/endpoints';
import type { TokenEvent } from '../../shared/api/model';
import type { TokenActionPolicy } from '../../shared/api/policy';
import type { InjectFaultRequest, SimulateRequest } from '../../shared/api/training';

/** One client's signing key for the JWT-bearer grant. */
interface SigningKey {
  readonly clientId: string;
  readonly keyId: string;
  readonly privateKeyPem: string;
}

/**
 * What a script needs to reach a sandbox (`--credentials-out`): its URL, a workstation key for /api
 * and the platform's own key for the training controls, which take no workstation's.
 */
export interface ScriptCredentials extends SigningKey {
  readonly baseUrl: string;
  readonly issuerId: string;
  readonly platform: SigningKey;
}

export interface AgentLogin {
  readonly agentId: string;
  readonly password: string;
}

/**
 * The sandbox reached as a script, over real HTTP with JWT-bearer tokens of its own: the training
 * controls (faults, simulated wallet changes, the action policy) with the platform's key, and an
 * agent's reads with the workstation's, so tests and the bench can look at what the backend holds
 * without going through the console under test. Every call that changes something carries a fresh
 * Idempotency-Key unless the caller gives one.
 */
export const backendScript = (credentials: ScriptCredentials) => {
  const tokenUrl = `${credentials.baseUrl}/oauth2/token`;
  const bearers = new Map<SigningKey, { value: string; until: number }>();

  const accessToken = async (client: SigningKey): Promise<string> => {
    const bearer = bearers.get(client);
    if (bearer && bearer.until > Date.now()) return bearer.value;
    const key = await importPKCS8(client.privateKeyPem, 'ES256');
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: client.keyId, typ: 'JWT' })
      .setIssuer(client.clientId)
      .setSubject(client.clientId)
      .setAudience(tokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + 120)
      .setJti(randomUUID())
      .sign(key);
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
    });
    if (response.status !== 200) throw new Error(`token endpoint: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    bearers.set(client, { value: body.access_token, until: Date.now() + (body.expires_in - 30) * 1000 });
    return body.access_token;
  };

  const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, options: { body?: unknown; session?: string; headers?: Record<string, string> } = {}) => {
    // /api is the workstation's (sign-in, an agent's calls); the training controls are the platform's.
    const client = path.startsWith('/api/') ? credentials : credentials.platform;
    const response = await fetch(`${credentials.baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await accessToken(client)}`,
        'x-issuer-id': credentials.issuerId,
        'x-correlation-id': `script-${randomUUID()}`,
        ...(method !== 'GET' ? { 'idempotency-key': `script-${randomUUID()}` } : {}),
        ...(options.session ? { 'x-agent-session': options.session } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : null) as unknown, text };
  };

  const expectStatus = async (expected: number, answer: Promise<{ status: number; json: unknown; text: string }>, what: string) => {
    const { status, json, text } = await answer;
    if (status !== expected) throw new Error(`${what}: ${status} ${text}`);
    return json;
  };

  return {
    credentials,
    fault: (request: InjectFaultRequest) => expectStatus(201, call('POST', '/training/v1/faults', { body: request }), 'fault'),
    clearFaults: () => expectStatus(200, call('DELETE', '/training/v1/faults'), 'clear faults'),
    simulate: (request: SimulateRequest) => expectStatus(200, call('POST', '/training/v1/simulate', { body: request }), 'simulate'),
    setPolicy: (policy: TokenActionPolicy) => expectStatus(200, call('POST', '/training/v1/action-policy', { body: policy }), 'set policy'),
    /** Signs an agent in; the session token for `asAgent`. */
    signIn: async (login: AgentLogin): Promise<string> => {
      const json = (await expectStatus(201, call('POST', '/api/v1/agent-sessions', { body: login }), 'sign in')) as { sessionToken: string };
      return json.sessionToken;
    },
    /** A raw call as a signed-in agent (status, body), for tests that send what the console would. */
    asAgent: (session: string, method: 'GET' | 'POST', path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) =>
      call(method, path, { ...options, session }),
    /** Every event of a token, newest first. */
    tokenEvents: async (session: string, virtualCardId: string): Promise<TokenEvent[]> => {
      const events: TokenEvent[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?limit=200${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await expectStatus(200, call('GET', `/api/v1/tokens/${virtualCardId}/events${query}`, { session }), 'events')) as {
          items: TokenEvent[];
          nextCursor: string | null;
        };
        events.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return events;
    },
    /** A token's audit records at the backend (a supervisor's or administrator's session). */
    auditRecords: async (session: string, virtualCardId: string): Promise<AuditRecord[]> => {
      const records: AuditRecord[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `?virtualCardId=${virtualCardId}&limit=200${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await expectStatus(200, call('GET', `/api/v1/audit-records${query}`, { session }), 'audit records')) as {
          items: AuditRecord[];
          nextCursor: string | null;
        };
        records.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return records;
    },
  };
};

export type BackendScript = ReturnType<typeof backendScript>;
