import type { Readable } from 'node:stream';
import { AxiosError, isCancel, type AxiosResponse } from 'axios';
import type { z } from 'zod';
import {
  API_HEADERS,
  JWT_BEARER_GRANT,
  endpoints,
  idempotencyKeyOf,
  type AgentSession,
  type Auth,
  type Endpoint,
  type EndpointName,
  type Endpoints,
  type TokenResponse,
} from '../../../shared/api/endpoints';
import { ApiErrorBody } from '../../../shared/api/errors';
import type { AccessTokenSource, TokenExchange } from '../auth/access-token-provider';
import { WorkstationKeyError } from '../auth/workstation-key';
import type { Logger } from '../logging/logger';
import { createRequestContext, type RequestContext } from './request-context';
import { BackendError, type BackendFailure, type SchemaIssue } from './backend-error';
import { createBackendHttp, type BackendHttpOptions, type StreamAnswer } from './backend-http';
import { DEFAULT_RETRY_POLICY, backoffDelay, sleep, type RetryPolicy } from './retry-policy';

/** Facts about one request that the interceptors need; never sent, never logged. */
interface RequestMeta {
  readonly auth: Auth;
  readonly signal: AbortSignal | undefined;
  /** The bearer token this attempt carried, so a 401 invalidates exactly that one. */
  bearer?: string;
  readonly authRetried: boolean;
}

declare module 'axios' {
  interface AxiosRequestConfig {
    tokenDesk?: RequestMeta;
  }
}

/** Who is calling: the signed-in agent (from the sign-in answer), sent as headers on agent calls. */
export type AgentIdentity = Pick<AgentSession, 'sessionToken' | 'agent'>;

type PartName = 'params' | 'query' | 'body';
type PartSchema<E, K extends PartName> = E extends { readonly [P in K]: infer S extends z.ZodType } ? S : never;
/** A part the endpoint does not declare cannot be passed; one whose fields are all optional may be left out. */
type Slot<E, K extends PartName> = [PartSchema<E, K>] extends [never]
  ? { readonly [P in K]?: never }
  : Partial<z.input<PartSchema<E, K>>> extends z.input<PartSchema<E, K>>
    ? { readonly [P in K]?: z.input<PartSchema<E, K>> }
    : { readonly [P in K]: z.input<PartSchema<E, K>> };

export interface CallOptions {
  /** Cancels the request in flight and any retry still to come. */
  readonly signal?: AbortSignal;
  /** The ids this request carries (correlation id, Idempotency-Key); new ones per request when absent. */
  readonly context?: RequestContext;
  /**
   * Tries in all for this call, fewer than the policy's: the outbox sends one attempt at a time,
   * so that it can count and record each before it leaves.
   */
  readonly maxAttempts?: number;
  /** `If-Match`: the version of the resource the change was made from, so a change made meanwhile is refused (412), not overwritten. */
  readonly ifMatch?: string;
}

export type RequestOptions<N extends EndpointName> = Slot<Endpoints[N], 'params'> &
  Slot<Endpoints[N], 'query'> &
  Slot<Endpoints[N], 'body'> &
  CallOptions;

export type EndpointResponse<N extends EndpointName> = z.output<Endpoints[N]['response']>;

export interface EventStreamOptions {
  /** The id of the last event received, so the backend replays what came after it. */
  readonly lastEventId?: string;
  /** Aborting closes the stream (or the attempt to open it). */
  readonly signal: AbortSignal;
  readonly context?: RequestContext;
}

export interface OpenEventStream {
  /** The text/event-stream body, unread. Destroy it (or abort the signal) to close the stream. */
  readonly body: Readable;
  readonly correlationId: string;
}

export interface BackendClient {
  /** Calls one endpoint of shared/api/endpoints.ts. Throws only BackendError. */
  request<N extends EndpointName>(name: N, options: RequestOptions<N>): Promise<EndpointResponse<N>>;
  /**
   * Opens the agent's `streamEvents` connection with the same headers and bearer token as every
   * request (one refresh after a refused token, like `request`). One attempt: reconnecting is the
   * caller's, which knows the last event id. Throws only BackendError.
   */
  openEventStream(options: EventStreamOptions): Promise<OpenEventStream>;
  /** `{baseUrl}/oauth2/token`: the audience of the client assertions. */
  readonly tokenUrl: string;
  close(): void;
}

export interface BackendClientOptions extends BackendHttpOptions {
  /** Builds the bearer-token source over the client's own token exchange (one attempt, validated). */
  readonly accessTokens: (exchange: TokenExchange) => AccessTokenSource;
  /** x-workstation-id: this console's install. */
  readonly workstationId: string;
  /** The signed-in agent, read at the start of each request; null when nobody is signed in. */
  readonly agentSession: () => AgentIdentity | null;
  readonly logger?: Logger;
  readonly retry?: Partial<RetryPolicy>;
  /** Injectable for tests: the jitter source and the wait between tries. */
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export const tokenUrlFor = (baseUrl: string): string => `${baseUrl.replace(/\/+$/, '')}${endpoints.oauthToken.path}`;

const issuesOf = (part: string, error: z.ZodError): SchemaIssue[] =>
  error.issues.map((issue) => ({ path: [part, ...issue.path.map(String)].join('.'), message: issue.message }));

interface PreparedRequest {
  readonly url: string;
  readonly data?: string;
  readonly contentType?: string;
}

/** Validates the input against the endpoint's schemas and builds the URL and body from the parsed values. */
const prepare = (endpoint: Endpoint, input: { params?: unknown; query?: unknown; body?: unknown }): PreparedRequest | SchemaIssue[] => {
  const issues: SchemaIssue[] = [];
  const check = (part: PartName, schema: z.ZodType | undefined): unknown => {
    const value = input[part];
    if (!schema) {
      if (value !== undefined) issues.push({ path: part, message: 'this endpoint takes none' });
      return undefined;
    }
    const parsed = schema.safeParse(value ?? (part === 'query' ? {} : undefined));
    if (!parsed.success) issues.push(...issuesOf(part, parsed.error));
    return parsed.data;
  };
  const params = check('params', endpoint.params) as Record<string, unknown> | undefined;
  const query = check('query', endpoint.query) as Record<string, unknown> | undefined;
  const body = check('body', endpoint.body);
  if (issues.length > 0) return issues;

  const path = endpoint.path.replace(/\{([A-Za-z0-9_]+)\}/g, (_match, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(key, String(value));
  const url = search.size > 0 ? `${path}?${search.toString()}` : path;
  if (body === undefined) return { url };
  if (endpoint.bodyType === 'form') {
    const form = new URLSearchParams(Object.entries(body as Record<string, unknown>).map(([key, value]): [string, string] => [key, String(value)]));
    return { url, data: form.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
  return { url, data: JSON.stringify(body), contentType: 'application/json' };
};

/** An error answer's body is short; more than this is not an API error body, and is not kept. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

const readShortBody = async (body: Readable): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_ERROR_BODY_BYTES) {
      body.destroy();
      break;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const parseJson = (text: unknown): { ok: true; value: unknown } | { ok: false } => {
  if (typeof text !== 'string' || text.length === 0) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/** What the error mapping reads of an answer, from axios or from a raw stream response alike. */
interface AnswerLike {
  readonly status: number;
  readonly data: unknown;
  /** The `www-authenticate` header. */
  readonly challenge: unknown;
}

const answerOf = (response: AxiosResponse): AnswerLike => ({
  status: response.status,
  data: response.data,
  challenge: response.headers['www-authenticate'],
});

/** An error answer: the declared `{error:{…}}` body, or (a proxy's HTML page, say) what the status implies. */
const apiFailure = (response: AnswerLike): BackendFailure => {
  const json = parseJson(response.data);
  const body = json.ok ? ApiErrorBody.safeParse(json.value) : null;
  if (body?.success) {
    const { code, category, message, field, rule, currentState, rules } = body.data.error;
    return {
      kind: 'api',
      status: response.status,
      code,
      category,
      message,
      ...(field !== undefined ? { field } : {}),
      ...(rule !== undefined ? { rule } : {}),
      ...(currentState !== undefined ? { currentState } : {}),
      ...(rules !== undefined ? { rules } : {}),
    };
  }
  return {
    kind: 'api',
    status: response.status,
    code: `HTTP_${response.status}`,
    // All 5xx count as S (docs/domain.md, "Error categories"); an unexplained 4xx is a data error.
    category: response.status >= 500 ? 'S' : 'D',
    message: `HTTP ${response.status} without an error body`,
  };
};

/**
 * A 401 the bearer token caused (expired, revoked, signed by a rotated key), as opposed to a wrong
 * password or a missing agent session: refreshing the token only helps with the first, and
 * re-sending a sign-in would count twice towards the account lock.
 */
const isBearerRejection = (response: AnswerLike): boolean => {
  if (response.status !== 401) return false;
  const challenge = response.challenge;
  if (typeof challenge === 'string' && /invalid_token/i.test(challenge)) return true;
  const json = parseJson(response.data);
  const body = json.ok ? ApiErrorBody.safeParse(json.value) : null;
  return !body?.success || body.data.error.code === 'UNAUTHORIZED';
};

/** Maps whatever one attempt threw to a failure; a BackendError from deeper down keeps its own. */
const failureOf = (error: unknown, signal: AbortSignal | undefined): BackendFailure => {
  if (signal?.aborted || isCancel(error)) return { kind: 'cancelled' };
  if (error instanceof BackendError) return error.failure;
  if (error instanceof WorkstationKeyError) return { kind: 'credentials', problem: error.problem, message: error.message };
  if (error instanceof AxiosError) {
    const code = error.code ?? (error.cause as NodeJS.ErrnoException | undefined)?.code ?? 'UNKNOWN';
    if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return { kind: 'timeout' };
    return { kind: 'network', code };
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return { kind: 'network', code: typeof code === 'string' ? code : 'UNKNOWN' };
};

/**
 * What to keep as the error's cause. An AxiosError holds the request config, Authorization header
 * included, and a cause travels wherever the error is inspected: keep only its code and message.
 */
const causeOf = (error: unknown): unknown => {
  if (error instanceof BackendError) return error.cause;
  if (error instanceof AxiosError) return new Error(`${error.code ?? 'ERROR'}: ${error.message}`);
  return error;
};

/**
 * The Token Care API client. Every request is checked against the endpoint table before it leaves
 * and its answer against the declared response after it comes back; S failures are retried with
 * jittered backoff under one correlation id and one idempotency key; a refused bearer token is
 * refreshed once; everything that goes wrong comes out as a BackendError.
 */
export const createBackendClient = (options: BackendClientOptions): BackendClient => {
  const { axios: http, stream, close } = createBackendHttp(options);
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const random = options.random ?? Math.random;
  const wait = options.sleep ?? sleep;
  const logger = options.logger;
  const tokenUrl = tokenUrlFor(options.baseUrl);

  // The token exchange is a single attempt: the request that needed the token owns the retries.
  const exchange: TokenExchange = (assertion) =>
    request('oauthToken', { body: { grant_type: JWT_BEARER_GRANT, assertion } }, 1) as Promise<TokenResponse>;
  const tokens = options.accessTokens(exchange);

  http.interceptors.request.use(async (config) => {
    const meta = config.tokenDesk;
    if (!meta || meta.auth === 'none') return config;
    const bearer = await tokens.getToken(meta.signal);
    config.tokenDesk = { ...meta, bearer };
    config.headers.set('Authorization', `Bearer ${bearer}`);
    return config;
  });

  http.interceptors.response.use(async (response) => {
    const meta = response.config.tokenDesk;
    if (!meta || meta.auth === 'none' || meta.authRetried || !isBearerRejection(answerOf(response))) return response;
    // Exactly one refresh and one retry: a second 401 is the answer, not a reason to loop.
    tokens.invalidate(meta.bearer);
    logger?.info({ correlationId: response.config.headers.get(API_HEADERS.correlationId) }, 'bearer token refused; refreshing once');
    return http.request({ ...response.config, tokenDesk: { ...meta, bearer: undefined, authRetried: true } });
  });

  const headersFor = (endpoint: Endpoint, context: RequestContext, agent: AgentIdentity | null, contentType?: string): Record<string, string> => {
    const headers: Record<string, string> = {
      [API_HEADERS.correlationId]: context.correlationId,
      [API_HEADERS.workstationId]: options.workstationId,
    };
    if (contentType) headers['content-type'] = contentType;
    // Every state-changing call carries the request's one key (a DELETE such as sign-out too), so a retry is never a second change.
    if (idempotencyKeyOf(endpoint) !== 'none') headers[API_HEADERS.idempotencyKey] = context.idempotencyKey;
    if (agent && endpoint.auth === 'agent') {
      headers[API_HEADERS.agentSession] = agent.sessionToken;
      headers[API_HEADERS.agentId] = agent.agent.agentId;
      // Header values are ASCII; agent names are often Japanese.
      headers[API_HEADERS.agentName] = encodeURIComponent(agent.agent.name);
      headers[API_HEADERS.agentRole] = agent.agent.role;
    }
    return headers;
  };

  const interpret = (endpoint: Endpoint, response: AxiosResponse): { ok: true; value: unknown } | { ok: false; failure: BackendFailure } => {
    if (response.status < 200 || response.status > 299) return { ok: false, failure: apiFailure(answerOf(response)) };
    const json = parseJson(response.data);
    if (!json.ok) return { ok: false, failure: { kind: 'schema', status: response.status, issues: [{ path: 'response', message: 'body is not JSON' }] } };
    const parsed = endpoint.response.safeParse(json.value);
    if (!parsed.success) return { ok: false, failure: { kind: 'schema', status: response.status, issues: issuesOf('response', parsed.error) } };
    return { ok: true, value: parsed.data };
  };

  async function request<N extends EndpointName>(name: N, input: RequestOptions<N>, maxAttempts = policy.maxAttempts): Promise<EndpointResponse<N>> {
    const endpoint: Endpoint = endpoints[name];
    const context = input.context ?? createRequestContext();
    const { signal } = input;
    const fail = (failure: BackendFailure, attempts: number, cause?: unknown): BackendError =>
      new BackendError(failure, { endpoint: name, correlationId: context.correlationId, attempts }, { cause });

    const prepared = prepare(endpoint, input);
    if (Array.isArray(prepared)) throw fail({ kind: 'invalid-request', issues: prepared }, 0);
    const agent = options.agentSession();
    if (endpoint.auth === 'agent' && !agent) throw fail({ kind: 'not-signed-in' }, 0);
    const headers = headersFor(endpoint, context, agent, prepared.contentType);
    if (input.ifMatch !== undefined) headers['if-match'] = input.ifMatch;

    for (let attempt = 1; ; attempt += 1) {
      if (signal?.aborted) throw fail({ kind: 'cancelled' }, attempt - 1);
      const started = performance.now();
      let failure: BackendFailure;
      let cause: unknown;
      try {
        const response = await http.request({
          method: endpoint.method,
          url: prepared.url,
          data: prepared.data,
          // Without a body, axios would still label a POST as a form: a call that takes no body sends no content type.
          headers: prepared.data === undefined ? { ...headers, 'content-type': false } : headers,
          signal,
          tokenDesk: { auth: endpoint.auth, signal, authRetried: false },
        });
        const outcome = interpret(endpoint, response);
        logger?.debug(
          { endpoint: name, status: response.status, attempt, correlationId: context.correlationId, ms: Math.round(performance.now() - started) },
          'backend call',
        );
        if (outcome.ok) return outcome.value as EndpointResponse<N>;
        failure = outcome.failure;
      } catch (error) {
        failure = failureOf(error, signal);
        cause = causeOf(error);
      }
      const error = fail(failure, attempt, cause);
      if (!error.retryable || attempt >= maxAttempts || signal?.aborted) {
        if (failure.kind !== 'cancelled') logger?.warn({ endpoint: name, attempt, correlationId: context.correlationId, failure }, 'backend call failed');
        throw error;
      }
      const delay = backoffDelay(attempt, policy, random);
      logger?.info({ endpoint: name, attempt, correlationId: context.correlationId, failure, retryInMs: delay }, 'backend call failed; retrying');
      try {
        await wait(delay, signal);
      } catch {
        throw fail({ kind: 'cancelled' }, attempt);
      }
    }
  }

  async function openEventStream(input: EventStreamOptions): Promise<OpenEventStream> {
    const endpoint: Endpoint = endpoints.streamEvents;
    const context = input.context ?? createRequestContext();
    const { signal } = input;
    const fail = (failure: BackendFailure, attempts: number, cause?: unknown): BackendError =>
      new BackendError(failure, { endpoint: 'streamEvents', correlationId: context.correlationId, attempts }, { cause });

    const declared = endpoints.streamEvents.headers.safeParse({ [API_HEADERS.lastEventId]: input.lastEventId });
    if (!declared.success) throw fail({ kind: 'invalid-request', issues: issuesOf('headers', declared.error) }, 0);
    const agent = options.agentSession();
    if (!agent) throw fail({ kind: 'not-signed-in' }, 0);
    const headers: Record<string, string> = { ...headersFor(endpoint, context, agent), accept: 'text/event-stream', 'cache-control': 'no-cache' };
    if (input.lastEventId !== undefined) headers[API_HEADERS.lastEventId] = input.lastEventId;

    // Two attempts at most: the second only after the first's bearer token was refused.
    for (let attempt = 1; ; attempt += 1) {
      if (signal.aborted) throw fail({ kind: 'cancelled' }, attempt - 1);
      let bearer: string;
      let answer: StreamAnswer;
      try {
        bearer = await tokens.getToken(signal);
        answer = await stream({ path: endpoint.path, headers: { ...headers, authorization: `Bearer ${bearer}` }, signal });
      } catch (error) {
        throw fail(failureOf(error, signal), attempt, causeOf(error));
      }
      const type = String(answer.headers['content-type'] ?? '');
      if (answer.status === endpoint.successStatus && /^text\/event-stream\b/i.test(type)) {
        logger?.debug({ endpoint: 'streamEvents', status: answer.status, attempt, correlationId: context.correlationId }, 'event stream open');
        return { body: answer.body, correlationId: context.correlationId };
      }
      let text: string;
      try {
        text = await readShortBody(answer.body);
      } catch (error) {
        throw fail(failureOf(error, signal), attempt, causeOf(error));
      }
      const seen: AnswerLike = { status: answer.status, data: text, challenge: answer.headers['www-authenticate'] };
      if (attempt === 1 && isBearerRejection(seen)) {
        tokens.invalidate(bearer);
        logger?.info({ correlationId: context.correlationId }, 'bearer token refused on the event stream; refreshing once');
        continue;
      }
      const failure: BackendFailure =
        answer.status === endpoint.successStatus
          ? { kind: 'schema', status: answer.status, issues: [{ path: 'response', message: `content-type is not text/event-stream` }] }
          : apiFailure(seen);
      logger?.warn({ endpoint: 'streamEvents', attempt, correlationId: context.correlationId, failure }, 'event stream refused');
      throw fail(failure, attempt);
    }
  }

  return {
    request: (name, input) => request(name, input, Math.max(1, Math.min(policy.maxAttempts, input.maxAttempts ?? policy.maxAttempts))),
    openEventStream,
    tokenUrl,
    close,
  };
};
