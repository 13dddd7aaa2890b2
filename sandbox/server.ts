// Fastify: Node-first, with body limits, content-type parsing and error handling built in.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { X509Certificate } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { IssuerId } from '../shared/api/ids';
import { buildOpenApiDocument, type OpenApiDocument } from '../shared/api/openapi';
import { STREAM_HEARTBEAT_MS, STREAM_REPLAY_CAPACITY } from '../shared/api/stream-events';
import { AgentDirectory } from './auth/agents';
import { JwtBearerGrant, importClientKeys, type ClientKey } from './auth/jwt-bearer';
import { trainingAgents } from './auth/training-agents';
import { ChangeFeed } from './events/change-feed';
import { correlationIdFor } from './http/correlation';
import { ApiFailure } from './http/errors';
import type { FaultInjector } from './http/faults';
import { toApiFailure } from './http/fastify-errors';
import { addFormParser } from './http/form-body';
import { Idempotency } from './http/idempotency';
import { redactedDetail, silentLogger, type SandboxLogger } from './http/logger';
import { OpenStreams } from './http/sse';
import { AuditTrail } from './audit/trail';
import { recordOperationOutcomes } from './audit/outcomes';
import { seedTrainingTrail } from './audit/training-seed';
import { ApprovalBook } from './approvals/approval-book';
import { approvalAuditRecord } from './approvals/audit-steps';
import { runApprovedThrough } from './approvals/run-approved';
import { operationRunner } from './routes/operations';
import { createHandlers } from './routes/handlers';
import { registerEndpoints } from './routes/register';
import { DEFAULT_SEED } from './seed/generate';
import { openStore } from './store/open';
import { StateWriter } from './store/persistence';
import type { SandboxStore } from './store/store';
import { TspConfirmations } from './store/tsp-confirmation';
import { CallbackIngest } from './callbacks/ingest';
import { TrainingClock } from './clock/training-clock';
import { Notifier } from './notifications/notifier';
import { sendDueReminders } from './notifications/reminders';
import { ClockSchedule } from './clock/clock-schedule';
import type { TokenActionPolicy } from '../shared/api/policy';
import type { DigitizationRule } from '../shared/api/callbacks';
import type { EndpointName } from '../shared/api/endpoints';

export type { ClientKey } from './auth/jwt-bearer';
export type { SandboxLogger } from './http/logger';

export interface SandboxTlsOptions {
  /** PEM text of the server certificate and key. */
  readonly cert: string;
  readonly key: string;
  /** PEM of the CA that signs accepted client certificates. */
  readonly ca?: string;
  /** Refuse, at the TLS handshake, any client without a certificate signed by `ca` (mTLS, as the platform requires of an issuer's backend). */
  readonly requireClientCert: boolean;
  /**
   * PEM of the token platform's own client certificate (signed by `ca`). With `requireClientCert`,
   * the platform's callbacks and the training controls must come over it, and no other call may;
   * without it they are refused, since no workstation's certificate stands for the platform.
   */
  readonly platformCert?: string;
}

export interface SandboxOptions {
  /** The training backend listens on loopback only. */
  readonly host?: '127.0.0.1';
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** 10 letters or digits; default TDTRAINING, or the data file's. */
  readonly issuerId?: string;
  /** The workstations' public keys for the JWT-bearer grant, and the platform's (`kind: 'platform'`). */
  readonly clientKeys?: readonly ClientKey[];
  readonly tls?: SandboxTlsOptions;
  /** Keeps the state across restarts (written atomically after changes). */
  readonly dataFile?: string;
  /** The clock for tokens, sessions, lockouts and idempotency keys; the seed data has its own epoch. */
  readonly now?: () => Date;
  /** Seeds the PRNG of the generated training data (fixtures are the same for every seed). */
  readonly seed?: number;
  /** Training: the console's built-in backend. Connected: standing in for the issuer's real one. */
  readonly mode?: 'training' | 'connected';
  readonly logger?: SandboxLogger;
  /** How many token changes the event stream keeps for Last-Event-ID replay (default 10,000). */
  readonly streamReplayCapacity?: number;
  /** How often an event stream sends a heartbeat comment (default 15 s). */
  readonly streamHeartbeatMs?: number;
  /** How long the simulated TSP takes to confirm an accepted token operation (default 300 ms). */
  readonly tspConfirmDelayMs?: number;
  /** Replaces the stored token-action policy at start (POST /training/v1/action-policy changes it later). */
  readonly actionPolicy?: TokenActionPolicy;
  /** Replaces the stored digitization rules at start (POST /training/v1/digitization-rules changes them later). */
  readonly digitizationRules?: readonly DigitizationRule[];
  /** How often the step-up reminder check runs on the training clock (default 60 s; 0: only when the clock is moved). */
  readonly reminderCheckMs?: number;
  /**
   * Test-only fault injection (`/training/v1/faults`), training mode only. Passed in, not imported,
   * so the packaged console's training backend (sandbox/packaged-entry.ts) is built without it.
   */
  readonly faultInjection?: () => FaultInjector;
  /**
   * Training: writes this many records of a realistic audit trail (the last three weeks, the
   * seeded agents and tokens) before anything else, when the trail is empty (`--audit-seed N`).
   */
  readonly auditSeed?: number;
}

export interface Sandbox {
  readonly baseUrl: string;
  /** `${baseUrl}/oauth2/token`, the `aud` every assertion must carry. */
  readonly tokenUrl: string;
  readonly issuerId: string;
  readonly mode: 'training' | 'connected';
  /** The in-memory state, for tests to inspect. */
  readonly store: SandboxStore;
  /** The audit trail the backend writes (beside `dataFile`, or in memory); other routes append to it. */
  readonly audit: AuditTrail;
  /** Event streams open now, for tests to check that a disconnect leaves nothing behind. */
  streamCount(): number;
  /** Ends every event stream, then stops listening. */
  close(): Promise<void>;
}

export const DEFAULT_ISSUER_ID = 'TDTRAINING';
export const BODY_LIMIT_BYTES = 64 * 1024;
const DEFAULT_REMINDER_CHECK_MS = 60_000;
const FAULT_ENDPOINTS: ReadonlySet<EndpointName> = new Set<EndpointName>(['injectFault', 'listFaults', 'clearFaults']);

const SECURITY_HEADERS = {
  // Bearer tokens and cardholder data must not be kept by any cache (RFC 6749 §5.1).
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
} as const;

const createApp = (tls: SandboxTlsOptions | undefined): FastifyInstance => {
  const common = {
    // Errors Fastify meets before routing (a malformed URL) get the API's error shape too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
      const failure = toApiFailure(error);
      void reply
        .header('x-correlation-id', correlationIdFor(request.headers['x-correlation-id']))
        .headers(SECURITY_HEADERS)
        .code(failure.status)
        .send(failure.toBody());
    },
    // Fastify's request logging would write URLs, and a search URL may hold a name or a typed PAN.
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Long enough that an over-long id reaches validation and gets a 112 naming the field.
    routerOptions: { maxParamLength: 512 },
    forceCloseConnections: true,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
  } as const;
  if (!tls) return Fastify(common);
  const https = Fastify({
    ...common,
    https: {
      cert: tls.cert,
      key: tls.key,
      ...(tls.ca ? { ca: tls.ca } : {}),
      minVersion: 'TLSv1.2',
      requestCert: tls.requireClientCert,
      rejectUnauthorized: tls.requireClientCert,
    },
  });
  // Routes and hooks see the same request and reply objects over HTTPS; only the server's type
  // parameter differs, so the instance is used through the default (HTTP) type.
  return https as unknown as FastifyInstance;
};

/** The trail beside the data file; a break found at start is logged, and verify shows where. */
const openTrail = async (dataFile: string, now: () => Date, logger: SandboxLogger): Promise<AuditTrail> => {
  const { trail, verification, tornTailDropped } = await AuditTrail.open(dataFile, now);
  if (tornTailDropped) logger.warn('the audit trail ended in a record that was never finished (never answered); it was cut off');
  if (!verification.intact) logger.error('the audit trail is broken', redactedDetail({ brokenAt: verification.brokenAt }));
  return trail;
};

export const startSandbox = async (options: SandboxOptions = {}): Promise<Sandbox> => {
  if (options.issuerId !== undefined && !IssuerId.safeParse(options.issuerId).success) {
    throw new Error(`issuerId must be exactly 10 letters or digits, not "${options.issuerId}".`);
  }
  if (options.tls?.requireClientCert && !options.tls.ca) throw new Error('tls.requireClientCert needs tls.ca, the CA that signs client certificates.');
  const platformFingerprint = options.tls?.platformCert ? new X509Certificate(options.tls.platformCert).fingerprint256 : null;
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const mode = options.mode ?? 'training';
  const heartbeatMs = options.streamHeartbeatMs ?? STREAM_HEARTBEAT_MS;
  const changes = new ChangeFeed(options.streamReplayCapacity ?? STREAM_REPLAY_CAPACITY, (error) =>
    logger.error('an event stream failed to take a change', redactedDetail({ error })),
  );

  const { store, created } = await openStore({
    changes,
    ...(options.dataFile ? { dataFile: options.dataFile } : {}),
    ...(options.issuerId ? { issuerId: options.issuerId } : {}),
    defaultIssuerId: DEFAULT_ISSUER_ID,
    seed: options.seed ?? DEFAULT_SEED,
    agents: trainingAgents,
    now: now(),
  });
  const issuerId = store.issuerId;
  if (options.actionPolicy) store.setActionPolicy(options.actionPolicy);
  if (options.digitizationRules) store.setDigitizationRules(options.digitizationRules);
  const keys = await importClientKeys(options.clientKeys ?? [], issuerId);

  const writer = options.dataFile
    ? new StateWriter(options.dataFile, () => store.toState(now()), (error) =>
        logger.error('could not write the sandbox data file', redactedDetail({ error })),
      )
    : null;
  if (writer) {
    store.onChange(() => writer.schedule());
    // Calls that must be durable before they answer (the floor's alert rules) write through it.
    store.persistWith(() => writer.flush());
    if (created) {
      writer.schedule();
      await writer.flush();
    }
  }

  let baseUrl = '';
  let openApi: OpenApiDocument | null = null;
  const app = createApp(options.tls);
  addFormParser(app);
  // Only JSON and the token endpoint's form are accepted; anything else is a 415 naming content-type.
  app.removeContentTypeParser('text/plain');

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-correlation-id', correlationIdFor(request.headers['x-correlation-id']));
    reply.headers(SECURITY_HEADERS);
    if (options.tls?.requireClientCert && !(request.raw.socket as TLSSocket).authorized) {
      // The handshake already refuses such clients; this is the belt to that pair of braces.
      throw new ApiFailure('CLIENT_CERTIFICATE_REQUIRED', 'A client certificate signed by the issuer CA is required.');
    }
  });
  // Faults strike after the correlation id is set, so injected answers carry it too; never in connected mode.
  const faults = mode === 'training' && options.faultInjection ? options.faultInjection() : null;
  faults?.install(app);
  app.setErrorHandler(async (error, request, reply) => {
    const failure = toApiFailure(error);
    if (failure.status >= 500) {
      logger.error('request failed', redactedDetail({ method: request.method, route: request.routeOptions.url ?? null, error }));
    }
    return reply.code(failure.status).headers(failure.headers).send(failure.toBody());
  });
  app.setNotFoundHandler(async (_request, reply) => {
    const failure = new ApiFailure('NOT_FOUND', 'No such endpoint; see /openapi.json.');
    return reply.code(failure.status).send(failure.toBody());
  });

  app.get('/openapi.json', async () => {
    openApi ??= buildOpenApiDocument({
      serverUrl: baseUrl,
      title: mode === 'training' ? 'Token Care API (training backend)' : 'Token Care API',
    });
    return openApi;
  });

  const audit = options.dataFile ? await openTrail(options.dataFile, now, logger) : AuditTrail.inMemory(now);
  if (options.auditSeed && mode === 'training') await seedTrainingTrail(audit, store, options.auditSeed, now(), store.seed);
  const agents = new AgentDirectory(store, audit, new Map(trainingAgents.map((agent) => [agent.agentId, agent.password])));
  const grant = new JwtBearerGrant(keys, store, () => `${baseUrl}/oauth2/token`);
  const idempotency = new Idempotency(store, now);
  const streams = new OpenStreams();
  const clock = new TrainingClock(now, store);
  const notifier = new Notifier(store);
  const ingest = new CallbackIngest(store, clock, notifier);
  const confirmations = new TspConfirmations(store, options.tspConfirmDelayMs, (error) =>
    logger.error('a TSP confirmation failed', redactedDetail({ error })),
  );
  confirmations.connect(ingest);
  // Each record appended goes on the event stream too (to supervisors and administrators only), so
  // the floor follows the trail. Published after the current turn: a record written while the feed
  // is still handing out a change (the platform's outcome of a confirmation) must not overtake that
  // change on the wire, where a client would take the change's lower sequence as already seen.
  const stopStreamingAudit = audit.onAppended((record) =>
    queueMicrotask(() => {
      try {
        store.changes.publish({ type: 'audit.appended', record });
      } catch (error) {
        logger.error('an audit record could not be put on the event stream', redactedDetail({ error }));
      }
    }),
  );
  const stopOutcomes = recordOperationOutcomes(store, audit, (error) => logger.error('an operation outcome could not be written to the audit trail', redactedDetail({ error })));
  // Four-eyes approval: an approved request runs through the operations' own path; each step goes to the audit trail.
  const approvals = new ApprovalBook(
    store,
    runApprovedThrough(operationRunner(store, confirmations, faults, audit), clock),
    (step) =>
      // Each step in the backend's audit trail too; a write that fails is logged, the step stands.
      audit.append(approvalAuditRecord(store, step)).catch((error: unknown) => logger.error('an approval step could not be written to the audit trail', redactedDetail({ error }))),
    // A request's change is on disk before its call is answered (the writer logs a failed write).
    async () => writer?.flush(),
  );
  // Started from the data file: what expired meanwhile expires, an interrupted approved run finishes.
  await approvals.resume(clock.now());
  // The API's calls also expire what is due before they read, so a request past its time is never approved between two checks.
  const approvalExpiry = new ClockSchedule((now) => approvals.expireDue(now), clock, options.reminderCheckMs ?? DEFAULT_REMINDER_CHECK_MS, (error) =>
    logger.error('the approval expiry check failed', redactedDetail({ error })),
  );
  const reminders = new ClockSchedule((now) => sendDueReminders(store, notifier, now), clock, options.reminderCheckMs ?? DEFAULT_REMINDER_CHECK_MS, (error) =>
    logger.error('the step-up reminder check failed', redactedDetail({ error })),
  );
  registerEndpoints(
    app,
    {
      store,
      agents,
      idempotency,
      issuerId,
      now,
      trainingNow: () => clock.now(),
      logger,
      mode,
      streams,
      heartbeatMs,
      kindOf: grant.kindOf,
      clientCertificates: options.tls?.requireClientCert ? { platformFingerprint } : null,
    },
    createHandlers({ store, agents, grant, faults, heartbeatMs, confirmations, ingest, clock, reminders, issuerId, audit, approvals, approvalExpiry }),
    // A training backend built without fault injection has no such routes at all (404, not TRAINING_ONLY).
    mode === 'training' && !faults ? FAULT_ENDPOINTS : undefined,
  );

  await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  baseUrl = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  let closing: Promise<void> | null = null;
  return {
    baseUrl,
    tokenUrl: `${baseUrl}/oauth2/token`,
    issuerId,
    mode,
    store,
    audit,
    streamCount: () => streams.size,
    close: () => {
      closing ??= (async () => {
        // Streams and held answers never end by themselves; ended first, the server can close.
        faults?.close();
        // No confirmation or reminder may change a token after close().
        confirmations.close();
        reminders.close();
        approvalExpiry.close();
        streams.closeAll();
        await app.close();
        stopOutcomes();
        stopStreamingAudit();
        await audit.close();
        await writer?.flush();
      })();
      return closing;
    },
  };
};
