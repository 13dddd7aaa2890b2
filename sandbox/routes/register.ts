import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { z } from 'zod';
import { API_HEADERS, endpoints, idempotencyKeyOf, type Endpoint, type EndpointName } from '../../shared/api/endpoints';
import { CorrelationId } from '../../shared/api/ids';
import { looksLikeCardNumber } from '../../shared/domain/card-number-runs';
import { authenticateBearer, type ClientIdentity, type ClientKindOf } from '../auth/access-tokens';
import type { AgentDirectory, SessionContext } from '../auth/agents';
import { endpointRoles, requireRole, type AgentEndpointName } from '../auth/roles';
import { ApiFailure } from '../http/errors';
import { FORM_CONTENT_TYPE } from '../http/form-body';
import { idempotencyKeyFrom, type Idempotency, type Outcome } from '../http/idempotency';
import { redactedDetail, type SandboxLogger } from '../http/logger';
import { SseConnection, type OpenStreams } from '../http/sse';
import { parseInput } from '../http/validation';
import type { SandboxStore } from '../store/store';
import type { Handler, Handlers, RequestContext, StreamHandler } from './context';

export interface RouteServices {
  readonly store: SandboxStore;
  readonly agents: AgentDirectory;
  readonly idempotency: Idempotency;
  readonly issuerId: string;
  readonly now: () => Date;
  /** Token time: the real clock moved forward by the trainer. */
  readonly trainingNow: () => Date;
  readonly logger: SandboxLogger;
  /** Training-only endpoints answer TRAINING_ONLY in connected mode. */
  readonly mode: 'training' | 'connected';
  /** Every open event stream, so the sandbox can end them when it closes. */
  readonly streams: OpenStreams;
  readonly heartbeatMs: number;
  /** Whether a bearer token's client is a workstation or the platform, by the key registration. */
  readonly kindOf: ClientKindOf;
  /**
   * Set when mTLS is on: the SHA-256 fingerprint of the platform's own client certificate, or null
   * when none is configured (then no call can come as the platform's).
   */
  readonly clientCertificates: { readonly platformFingerprint: string | null } | null;
}

interface Caller {
  readonly client: ClientIdentity | null;
  readonly session: SessionContext | null;
  readonly correlationId: string;
  /** The request's Idempotency-Key; undefined where the call takes none or an optional one was not sent. */
  readonly idempotencyKey: string | undefined;
}

/** Calls whose request or response holds a secret: their idempotency records stay in memory. */
const CARRIES_SECRET: ReadonlySet<EndpointName> = new Set<EndpointName>([
  'oauthToken',
  'signIn',
  'verifyPassword',
  // A platform may send a DPAN in tokenInfo: no fast hash of a body holding one goes to disk.
  'notifyVirtualCardChange',
  'requestCardDigitization',
]);

const NOTHING = z.strictObject({});

/**
 * `/api/v1/tokens/{virtualCardId}` → `/api/v1/tokens/:virtualCardId`; a literal `:` is `::` to Fastify.
 * A parameter followed at once by a literal `:` (`/api/v1/agents/{agentId}:unlock`) gets a pattern
 * that stops at the colon: without one, Fastify reads the colon and what follows into the
 * parameter's name, and the handler finds no `agentId`.
 */
const toFastifyPath = (path: string): string =>
  path
    .replace(/:/g, '::')
    .replace(/\{([A-Za-z0-9_]+)\}(?=::)/g, ':$1(^[^:/]+)')
    .replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');

const isAgentEndpoint = (name: EndpointName): name is AgentEndpointName => Object.hasOwn(endpointRoles, name);

const callers = new WeakMap<FastifyRequest, Caller>();

/** The fingerprint of the client certificate this connection presented, if any. */
const presentedCertificate = (request: FastifyRequest): string | null => {
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function') return null;
  return socket.getPeerCertificate().fingerprint256 ?? null;
};

/**
 * Only the platform's credential makes the platform's calls, and it makes no other: its bearer
 * token (scope `platform`) and, with mTLS, its own client certificate. A workstation's key on a
 * callback could delete any token and name anyone as having asked.
 */
const checkClientKind = (endpoint: Endpoint, client: ClientIdentity, request: FastifyRequest, services: RouteServices): void => {
  const wanted = endpoint.auth === 'platform' ? 'platform' : 'workstation';
  if (client.kind !== wanted) {
    throw new ApiFailure(
      'FORBIDDEN_CLIENT',
      wanted === 'platform'
        ? `The workstation client may not call ${endpoint.operationId}: the platform's callbacks and the training controls take the platform's own credential.`
        : `The platform client may not call ${endpoint.operationId}: its credential is for the platform's callbacks and the training controls only.`,
    );
  }
  const certificates = services.clientCertificates;
  if (!certificates) return;
  const platformCertificate = certificates.platformFingerprint !== null && presentedCertificate(request) === certificates.platformFingerprint;
  if (wanted === 'platform' && !platformCertificate) {
    throw new ApiFailure(
      'FORBIDDEN_CLIENT',
      certificates.platformFingerprint === null
        ? `${endpoint.operationId} takes the platform's own client certificate, and this backend has none configured.`
        : `${endpoint.operationId} takes the platform's own client certificate, not a workstation's.`,
    );
  }
  if (wanted === 'workstation' && platformCertificate) {
    throw new ApiFailure('FORBIDDEN_CLIENT', `The platform's client certificate may not call ${endpoint.operationId}.`);
  }
};

/**
 * Who is calling, checked before the body is even read: the bearer token and whose it is, then
 * the issuer and correlation headers every /api call carries, then the agent's session and role,
 * then the Idempotency-Key a state-changing call must carry.
 */
const identify = (name: EndpointName, endpoint: Endpoint, request: FastifyRequest, services: RouteServices): Caller => {
  const who = whoIsCalling(name, endpoint, request, services);
  const taken = idempotencyKeyOf(endpoint);
  const idempotencyKey = taken === 'none' ? undefined : idempotencyKeyFrom(request.headers[API_HEADERS.idempotencyKey], taken === 'required');
  return { ...who, idempotencyKey };
};

/** The caller's credentials, in the order `identify` says. */
const whoIsCalling = (name: EndpointName, endpoint: Endpoint, request: FastifyRequest, services: RouteServices): Omit<Caller, 'idempotencyKey'> => {
  if (endpoint.trainingOnly && services.mode !== 'training') {
    // Before the credentials: a connected backend has no such call at all.
    throw new ApiFailure('TRAINING_ONLY', `${endpoint.operationId} exists only on the training backend; this backend stands in for a connected one.`);
  }
  const now = services.now();
  const header = request.headers[API_HEADERS.correlationId];
  const correlationId = typeof header === 'string' ? header : '';
  // Ids are kept with every event and log line they link: one that reads as a card number is refused, whoever sends it.
  if (looksLikeCardNumber(correlationId)) throw new ApiFailure('BAD_FORMAT', 'x-correlation-id: must not hold a card number.', API_HEADERS.correlationId);
  if (endpoint.auth === 'none') return { client: null, session: null, correlationId };
  const authorization = request.headers.authorization;
  const client = authenticateBearer(services.store, typeof authorization === 'string' ? authorization : undefined, now, services.kindOf);
  checkClientKind(endpoint, client, request, services);
  if (endpoint.path.startsWith('/api/')) {
    if (request.headers[API_HEADERS.issuerId] !== services.issuerId) {
      throw new ApiFailure('UNKNOWN_ISSUER', 'x-issuer-id must name the issuer this backend serves.', API_HEADERS.issuerId);
    }
    if (header === undefined) throw new ApiFailure('MISSING_PARAMETER', 'x-correlation-id: required on every call.', API_HEADERS.correlationId);
    if (!CorrelationId.safeParse(header).success) {
      throw new ApiFailure('BAD_FORMAT', 'x-correlation-id: 1–64 of A–Z a–z 0–9 _ . -', API_HEADERS.correlationId);
    }
  }
  if (endpoint.auth === 'workstation' || endpoint.auth === 'platform') return { client, session: null, correlationId };
  const session = services.agents.sessionFor(request.headers[API_HEADERS.agentSession], client.clientId, now);
  if (isAgentEndpoint(name)) requireRole(name, session.agent.role);
  return { client, session, correlationId };
};

/**
 * Whose an idempotency key is: the signed-in agent at their workstation, the workstation itself
 * (sign-in), or the platform. The same key from anyone else is another key.
 */
const scopeOf = ({ client, session }: Caller): string => {
  if (!client) return 'anyone';
  if (session) return `agent ${client.clientId} ${session.agent.agentId}`;
  return `${client.kind} ${client.clientId}`;
};

/** A body must come in the endpoint's declared format; an endpoint without a body takes none. */
const checkContentType = (endpoint: Endpoint, request: FastifyRequest): void => {
  if (request.body === undefined) return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const expected = endpoint.bodyType === 'form' ? FORM_CONTENT_TYPE : 'application/json';
  if (endpoint.body && type !== expected) {
    throw new ApiFailure('UNSUPPORTED_MEDIA_TYPE', `Send the body as ${expected}.`, 'content-type');
  }
};

/** Whether the agent behind a stream is still signed in: a signed-out agent's stream ends. */
const stillSignedIn = (request: FastifyRequest, caller: Caller, services: RouteServices): (() => boolean) | undefined => {
  const { client, session } = caller;
  if (!client || !session) return undefined;
  const header = request.headers[API_HEADERS.agentSession];
  return () => {
    try {
      services.agents.sessionFor(header, client.clientId, services.now());
      return true;
    } catch {
      return false;
    }
  };
};

/** Hands the connection over from Fastify to an event stream: its headers go out now, its events as they come. */
const serveStream = (
  request: FastifyRequest,
  reply: FastifyReply,
  caller: Caller,
  context: RequestContext<Endpoint>,
  handler: StreamHandler<Endpoint>,
  services: RouteServices,
): void => {
  reply.hijack();
  const stillAllowed = stillSignedIn(request, caller, services);
  // The headers set so far (correlation id, cache-control) go out with the stream's own.
  const headers: OutgoingHttpHeaders = {};
  for (const [header, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[header] = value;
  const stream = new SseConnection(reply.raw, {
    heartbeatMs: services.heartbeatMs,
    headers,
    ...(stillAllowed ? { stillAllowed } : {}),
  });
  services.streams.add(stream);
  stream.open();
  try {
    handler(context, stream);
  } catch (error) {
    // The status line is already sent; ending the stream makes the client reconnect.
    services.logger.error('event stream failed', redactedDetail({ error }));
    stream.close();
  }
};

const register = <K extends EndpointName>(
  app: FastifyInstance,
  services: RouteServices,
  name: K,
  handler: Handler<Endpoint> | StreamHandler<Endpoint>,
): void => {
  const endpoint: Endpoint = endpoints[name];
  app.route({
    method: endpoint.method,
    url: toFastifyPath(endpoint.path),
    onRequest: async (request) => {
      callers.set(request, identify(name, endpoint, request, services));
    },
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const caller = callers.get(request);
      if (!caller) throw new ApiFailure('SYSTEM_ERROR', 'The caller was not identified.');
      checkContentType(endpoint, request);
      const params = parseInput(endpoint.params ?? NOTHING, request.params ?? {}, 'params');
      const query = parseInput(endpoint.query ?? NOTHING, request.query ?? {}, 'query');
      const body = endpoint.body ? parseInput(endpoint.body, request.body, 'body') : undefined;
      if (!endpoint.body && request.body !== undefined) throw new ApiFailure('BAD_FORMAT', 'This call takes no body.', 'body');
      const headers = endpoint.headers ? parseInput(endpoint.headers, request.headers, 'headers') : undefined;

      // The one place the generic context meets the table's per-endpoint types: the parts were
      // just validated against exactly the schemas RequestContext<E> is inferred from.
      const context = {
        params: endpoint.params ? params : undefined,
        query: endpoint.query ? query : undefined,
        body,
        headers,
        now: services.now(),
        trainingNow: services.trainingNow(),
        correlationId: caller.correlationId,
        client: caller.client,
        session: caller.session,
      } as RequestContext<Endpoint>;

      if (endpoint.responseType === 'event-stream') {
        serveStream(request, reply, caller, context, handler as StreamHandler<Endpoint>, services);
        return reply;
      }
      const respond = handler as Handler<Endpoint>;

      const work = async (): Promise<Outcome> => {
        try {
          const result: unknown = await respond(context);
          const checked = endpoint.response.safeParse(result);
          if (!checked.success) {
            // Never serve a body that breaks the declared schema: that is a sandbox bug.
            services.logger.error('response does not match its declared schema', redactedDetail({
              operationId: endpoint.operationId,
              issues: checked.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`),
            }));
            const failure = new ApiFailure('SYSTEM_ERROR', 'The training backend produced an invalid response.');
            return { status: failure.status, body: failure.toBody() };
          }
          return { status: endpoint.successStatus, body: checked.data };
        } catch (error) {
          if (error instanceof ApiFailure) return { status: error.status, body: error.toBody(), headers: error.headers };
          throw error;
        }
      };

      const key = caller.idempotencyKey;
      const outcome = key
        ? await services.idempotency.run(
            {
              scope: scopeOf(caller),
              key,
              request: { method: endpoint.method, path: request.url.split('?')[0] ?? '', body: request.body },
              carriesSecret: CARRIES_SECRET.has(name),
            },
            work,
          )
        : { ...(await work()), replayed: false };
      if (outcome.replayed) reply.header('idempotent-replayed', 'true');
      if (outcome.headers) reply.headers(outcome.headers);
      return reply.code(outcome.status).send(outcome.body);
    },
  });
};

/** Every endpoint of the table, routed and validated from its declaration, less those `omit` names. */
export const registerEndpoints = (app: FastifyInstance, services: RouteServices, handlers: Handlers, omit?: ReadonlySet<EndpointName>): void => {
  for (const name of Object.keys(endpoints) as EndpointName[]) {
    if (omit?.has(name)) continue;
    register(app, services, name, handlers[name] as Handler<Endpoint> | StreamHandler<Endpoint>);
  }
};
