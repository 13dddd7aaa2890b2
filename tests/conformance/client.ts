import { randomUUID } from 'node:crypto';
import type { CryptoKey } from 'jose';
import { importSigningKey, signClientAssertion, type SigningKey } from '../../electron/core/auth/client-assertion';
import { tokenUrlFor } from '../../electron/core/backend/backend-client';
import { AgentSession, API_HEADERS, JWT_BEARER_GRANT, TokenResponse, endpoints, type Endpoint, type EndpointName } from '../../shared/api/endpoints';
import { ApiErrorBody, apiErrors, type ApiError, type ApiErrorName } from '../../shared/api/errors';
import type { TrainingCredentials } from '../../shared/api/training-credentials';
import type { z } from 'zod';
import { fail } from './scenario';

/**
 * The kit's client of the Token Care API over real HTTP (fetch): the console's own assertion
 * signing (core), the declared paths and schemas (shared/api), and raw answers, because the kit
 * judges statuses, headers and error bodies that a console's client would turn into exceptions.
 */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
}

export interface SendOptions {
  readonly headers?: Record<string, string>;
  /** A JSON body. */
  readonly body?: unknown;
  /** The Idempotency-Key: a fresh one when absent on POST and DELETE, none when null. */
  readonly idempotencyKey?: string | null;
}

/** Calls as one kind of caller: the workstation, the platform, or a signed-in agent. */
export interface Caller {
  readonly headers: () => Promise<Record<string, string>>;
  get(path: string, options?: SendOptions): Promise<Answer>;
  post(path: string, body: unknown, options?: SendOptions): Promise<Answer>;
  del(path: string, options?: SendOptions): Promise<Answer>;
}

export type ClientKind = 'workstation' | 'platform';

export interface ConformanceClient {
  readonly baseUrl: string;
  readonly issuerId: string;
  readonly tokenUrl: string;
  /** A fresh client assertion of the workstation or the platform, signed with its key, or with `key` instead (under the same kid). */
  assertion(kind: ClientKind, key?: CryptoKey): Promise<string>;
  exchange(assertion: string): Promise<Answer>;
  readonly workstation: Caller;
  readonly platform: Caller;
  /** A caller with no credentials at all. */
  readonly anonymous: Caller;
  /** POST /api/v1/agent-sessions with this agent id and password, as the workstation. */
  signIn(agentId: string, password: string): Promise<Answer>;
  /** A signed-in agent of the credentials file (signed in once, signed out by `close`). */
  agent(agentId: string): Promise<Caller>;
  /** Every header of a call by `agentId` (issuer, a fresh correlation id, bearer token, session), for the event stream. */
  agentHeaders(agentId: string): Promise<Record<string, string>>;
  /** Signs out every session the client opened. */
  close(): Promise<void>;
}

export const newCorrelationId = (): string => `conformance-${randomUUID()}`;
export const newIdempotencyKey = (): string => `conformance-${randomUUID()}`;

/** A declared path with its `{param}`s filled in. */
export const fillPath = (path: string, params: Record<string, string> = {}): string =>
  path.replace(/\{(\w+)\}/g, (_whole, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`${path}: no value for {${key}}`);
    return encodeURIComponent(value);
  });

export const pathOf = (name: EndpointName, params: Record<string, string> = {}): string => fillPath(endpoints[name].path, params);

/**
 * An endpoint by name when the API's table declares it, else null: for parts of the API a backend
 * may offer or not (the audit trail's verification), decided by the table the kit was built with.
 */
export const declaredEndpoint = (name: string): Endpoint | null => (Object.hasOwn(endpoints, name) ? ((endpoints as Record<string, Endpoint>)[name] ?? null) : null);

const readAnswer = async (response: Response): Promise<Answer> => {
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
};

const brief = (answer: Answer): string => `${answer.status} ${answer.text.slice(0, 300)}`;

export const createConformanceClient = async (baseUrl: string, credentials: TrainingCredentials): Promise<ConformanceClient> => {
  const base = baseUrl.replace(/\/+$/, '');
  const tokenUrl = tokenUrlFor(base);
  const keys: Record<ClientKind, { clientId: string; key: SigningKey }> = {
    workstation: { clientId: credentials.clientId, key: await importSigningKey(credentials.privateKeyPem, credentials.keyId) },
    platform: { clientId: credentials.platform.clientId, key: await importSigningKey(credentials.platform.privateKeyPem, credentials.platform.keyId) },
  };
  const bearers = new Map<ClientKind, { token: string; until: number }>();
  const sessions = new Map<string, Promise<Record<string, string>>>();

  const send = async (method: 'GET' | 'POST' | 'DELETE', path: string, auth: Record<string, string>, options: SendOptions = {}): Promise<Answer> => {
    const key = options.idempotencyKey === undefined ? (method === 'GET' ? null : newIdempotencyKey()) : options.idempotencyKey;
    const headers: Record<string, string> = {
      accept: 'application/json',
      [API_HEADERS.issuerId]: credentials.issuerId,
      [API_HEADERS.correlationId]: newCorrelationId(),
      ...auth,
      ...(key === null ? {} : { [API_HEADERS.idempotencyKey]: key }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    };
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    return readAnswer(response);
  };

  const callerOf = (headers: () => Promise<Record<string, string>>): Caller => ({
    headers,
    get: async (path, options) => send('GET', path, await headers(), options),
    post: async (path, body, options) => send('POST', path, await headers(), { ...options, body }),
    del: async (path, options) => send('DELETE', path, await headers(), options),
  });

  const client: ConformanceClient = {
    baseUrl: base,
    issuerId: credentials.issuerId,
    tokenUrl,
    assertion: async (kind, key) => {
      const { clientId, key: signingKey } = keys[kind];
      return signClientAssertion({ clientId, tokenUrl, signingKey: key ? { keyId: signingKey.keyId, key } : signingKey });
    },
    exchange: async (assertion) =>
      readAnswer(
        await fetch(tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
        }),
      ),
    workstation: callerOf(async () => ({ authorization: `Bearer ${await bearerOf('workstation')}` })),
    platform: callerOf(async () => ({ authorization: `Bearer ${await bearerOf('platform')}` })),
    anonymous: callerOf(() => Promise.resolve({})),
    signIn: (agentId, password) => client.workstation.post(pathOf('signIn'), { agentId, password }),
    agent: async (agentId) => callerOf(() => sessionHeaders(agentId)),
    agentHeaders: async (agentId) => ({
      [API_HEADERS.issuerId]: credentials.issuerId,
      [API_HEADERS.correlationId]: newCorrelationId(),
      ...(await sessionHeaders(agentId)),
    }),
    close: async () => {
      const open = [...sessions.values()];
      sessions.clear();
      await Promise.allSettled(
        open.map(async (session) => {
          const headers = await session;
          await send('DELETE', pathOf('signOut'), { ...headers, authorization: `Bearer ${await bearerOf('workstation')}` });
        }),
      );
    },
  };

  /** A bearer token of the kind, reused until a minute before it expires. */
  const bearerOf = async (kind: ClientKind): Promise<string> => {
    const cached = bearers.get(kind);
    if (cached && cached.until > Date.now()) return cached.token;
    const answer = await client.exchange(await client.assertion(kind));
    if (answer.status !== 200) fail(`the ${kind} client's assertion was refused: ${brief(answer)}`);
    const token = expectBody(answer, TokenResponse, `the token endpoint's answer to the ${kind} client`);
    bearers.set(kind, { token: token.access_token, until: Date.now() + (token.expires_in - 60) * 1000 });
    return token.access_token;
  };

  /** The bearer token and session of `agentId`, signed in on first use. */
  const sessionHeaders = async (agentId: string): Promise<Record<string, string>> => {
      let session = sessions.get(agentId);
      if (!session) {
        session = openSession(agentId);
        sessions.set(agentId, session);
        // A failed sign-in is not kept: the next scenario tries again and says why itself.
        session.catch(() => sessions.delete(agentId));
      }
      return { ...(await session), authorization: `Bearer ${await bearerOf('workstation')}` };
  };

  const openSession = async (agentId: string): Promise<Record<string, string>> => {
    const account = credentials.agents.find((agent) => agent.agentId === agentId);
    if (!account) fail(`the credentials file names no agent ${agentId}`);
    const answer = await client.signIn(agentId, account?.password ?? '');
    if (answer.status !== endpoints.signIn.successStatus) fail(`${agentId} could not sign in: ${brief(answer)}`);
    const session = expectBody(answer, AgentSession, `the sign-in of ${agentId}`);
    return { [API_HEADERS.agentSession]: session.sessionToken };
  };

  return client;
};

/** The answer's body checked against its declared schema. */
export const expectBody = <S extends z.ZodType>(answer: Answer, schema: S, what: string): z.output<S> => {
  const parsed = schema.safeParse(answer.json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
    return fail(`${what}: the body does not match the API's schema (${issues.join('; ')}): ${brief(answer)}`);
  }
  return parsed.data;
};

/** A success answer of the endpoint: its declared status and its declared response schema. */
export const expectSuccess = <N extends EndpointName>(answer: Answer, name: N, what: string = name): z.output<(typeof endpoints)[N]['response']> => {
  const endpoint = endpoints[name];
  if (answer.status !== endpoint.successStatus) fail(`${what}: expected ${endpoint.successStatus}, got ${brief(answer)}`);
  return expectBody(answer, endpoint.response, what) as z.output<(typeof endpoints)[N]['response']>;
};

/**
 * An error answer: the API's one error shape, and the code, category and status the errors table
 * gives the name. Answers the error for further checks (rule, currentState, field).
 */
export const expectError = (answer: Answer, name: ApiErrorName | readonly ApiErrorName[], what: string): ApiError => {
  const names = typeof name === 'string' ? [name] : name;
  const wanted = names.join(' or ');
  const parsed = ApiErrorBody.safeParse(answer.json);
  if (!parsed.success) return fail(`${what}: expected the error ${wanted}, got a body that is not the API's error schema: ${brief(answer)}`);
  const { error } = parsed.data;
  const match = names.find((candidate) => apiErrors[candidate].code === error.code);
  if (!match) return fail(`${what}: expected the error ${wanted}, got ${error.code}: ${brief(answer)}`);
  const declared = apiErrors[match];
  if (answer.status !== declared.status) fail(`${what}: ${match} must be HTTP ${declared.status}, got ${answer.status}`);
  if (error.category !== declared.category) fail(`${what}: ${match} is category ${declared.category} in the errors table, the backend said ${error.category}`);
  return error;
};
