import { join } from 'node:path';
import type { AppMode } from '../../shared/contract';
import { createActionPolicyCache } from './actions/action-policy';
import { createActionRequests } from './actions/action-requests';
import { createAgentTurns } from './actions/agent-turns';
import { DEFAULT_ACTION_TUNING, type ActionTuning } from './actions/action-tuning';
import { openAuditJournal } from './actions/audit-journal';
import { createOutbox, type Outbox } from './actions/outbox';
import { openOutboxStore } from './actions/outbox-store';
import { createWorkstationKeys } from './auth/workstation-key';
import { createRequestContext } from './backend/request-context';
import type { AgentIdentity, BackendClient } from './backend/backend-client';
import { createCancellableCalls } from './calls/cancellable-calls';
import { openConfigStore, type ConfigStore } from './config/config-store';
import type { ConfigFiles } from './config/load-config';
import { createEventBus, type EventBus } from './events/event-bus';
import { createIntegrityReports } from './integrity/integrity-reports';
import { integrityService } from './integrity/integrity-service';
import { CallError, type Services } from './ipc/dispatch';
import { openRecordFolder } from './fs/record-folder';
import { createLiveEvents, type LiveEvents } from './live/event-stream-client';
import type { ReconnectPolicy } from './live/reconnect-delay';
import type { Logger } from './logging/logger';
import { openPhoneCallDraftStore } from './phone-calls/draft-store';
import { PhoneCallOutboxEntry } from './phone-calls/phone-call-files';
import { createPhoneCallOutbox } from './phone-calls/phone-call-outbox';
import { phoneCallService } from './phone-calls/phone-call-service';
import { ApprovalOutboxEntry } from './approvals/approval-files';
import { followApprovals } from './approvals/approval-follower';
import { createApprovalOutbox } from './approvals/approval-outbox';
import { approvalService } from './approvals/approval-service';
import { createPhoneCalls, type PhoneCalls } from './phone-calls/phone-calls';
import type { SecretStore } from './secrets/secret-store';
import { actionService } from './services/action-service';
import { appService } from './services/app-service';
import { configService } from './services/config-service';
import { credentialService } from './services/credential-service';
import { liveService } from './services/live-service';
import { lookupService } from './services/lookup-service';
import { notificationService } from './services/notification-service';
import { sessionService } from './services/session-service';
import { createAgentSession, sessionGone, type AgentSessionManager } from './session/agent-session';
import { guardLocalAdmin } from './session/local-admin';
import { createEnrolmentCodeGate, enrolmentRecordFile } from './session/enrolment-code';
import { openBackendConnection, type BackendConnection, type BackendTuning } from './session/backend-connection';
import type { StartTrainingBackend } from './session/training-backend-port';
import { openSettingsStore, type SettingsStore } from './settings/settings-store';
import { isActionUnderWay } from '../../shared/contract/actions';
import { createAuditExports, type ChooseExportFile } from './supervision/audit-exports';
import { auditService } from './supervision/audit-service';
import { floorService } from './supervision/floor-service';
import { accountsService } from './supervision/accounts-service';
import type { UpdateFeed } from './updates/update-feed';
import { createUpdatePolicy, type UpdatePolicy, type UpdateTiming } from './updates/update-policy';
import { updateService } from './updates/update-service';

export type { StartTrainingBackend, TrainingBackend } from './session/training-backend-port';

/** What core needs from its host. Main passes the real OS pieces; the test bridge and tests pass plain-Node ones. */
export interface CoreOptions {
  readonly userDataDir: string;
  readonly version: string;
  readonly logger: Logger;
  /** The workstation key's store: safeStorage-encrypted in main, a file in the test bridge and tests. */
  readonly secrets: SecretStore;
  /** The user's settings file and the installer's machine-wide one. */
  readonly configFiles: ConfigFiles;
  /** x-workstation-id on every backend request, and shown in the session status. */
  readonly workstationId: string;
  /** Starts the training backend; called only when no backend is configured. Core never imports the sandbox. */
  readonly startTrainingBackend: StartTrainingBackend;
  /** Backend timeouts and retries; tests shorten them. */
  readonly backendTuning?: BackendTuning;
  /** The live stream's reconnection backoff; tests shorten it. */
  readonly liveReconnect?: Partial<ReconnectPolicy>;
  /** The token actions' durable outbox, one file per action (default: `<userData>/outbox`). */
  readonly outboxDir?: string;
  /** The append-only, hash-chained audit journal (default: `<userData>/audit/audit-journal.jsonl`). */
  readonly auditJournalFile?: string;
  /** The outbox's retries and polls; tests shorten them. The phone calls' outbox retries as the audit records do. */
  readonly actionTuning?: Partial<ActionTuning>;
  /** The open phone call's draft and the ended ones' outbox (default: `<userData>/phone-calls`). */
  readonly phoneCallsDir?: string;
  /** The console's own update feed (electron-updater in main); absent: no in-app updates (dev bridge, deb, tests). */
  readonly updateFeed?: UpdateFeed;
  /** When the update feed is read; tests set it. */
  readonly updateTiming?: UpdateTiming;
  /** Where a supervisor's audit export goes: main's save dialog, a folder of the test bridge's profile. Absent: exports are refused. */
  readonly chooseExportFile?: ChooseExportFile;
}

/** Where the outbox and the audit journal live when the host does not say. */
export const actionPaths = (userDataDir: string): { readonly outboxDir: string; readonly auditJournalFile: string } => ({
  outboxDir: join(userDataDir, 'outbox'),
  auditJournalFile: join(userDataDir, 'audit', 'audit-journal.jsonl'),
});

export interface Core {
  readonly services: Services;
  readonly events: EventBus;
  readonly settings: SettingsStore;
  readonly config: ConfigStore;
  readonly session: AgentSessionManager;
  /** The backend link, for the data services to come: calls go through `session.withAgent`. */
  readonly connection: BackendConnection;
  /** The live event stream: runs while an agent is signed in (locked included). */
  readonly live: LiveEvents;
  /** The token actions' durable outbox. */
  readonly actions: Outbox;
  /** The agent's phone calls: main and the test bridge hand it the phone system's screen-pop links. */
  readonly phoneCalls: PhoneCalls;
  /** Aborts every cancellable call of a caller that went away (a closed window). */
  forgetCaller(caller: string): void;
  /** Whether a token action is still under way (written ahead, not yet confirmed or failed). */
  hasActionsUnderWay(): boolean;
  /** The console's own updates: main installs a ready one as the console quits (never with an action under way). */
  readonly updates: UpdatePolicy;
  readonly logger: Logger;
  readonly mode: AppMode;
  /** Closes the backend connection and stops the training backend, if one runs. */
  close(): Promise<void>;
}

/** How long quitting waits for the backend to end the agent's session. */
const SIGN_OUT_ON_CLOSE_MS = 2_000;

/** The client to call, or the typed reason there is none. */
const clientOf = (connection: BackendConnection | null): BackendClient => {
  if (connection?.state === 'ready') return connection.client;
  if (connection?.state === 'unavailable' && connection.problem === 'training-unavailable') {
    throw new CallError('BACKEND_UNAVAILABLE', 'the training backend did not start');
  }
  throw new CallError('NOT_CONFIGURED', 'no usable backend is configured');
};

/**
 * The composition root of the plain-Node services. Main wires it to IPC; the test bridge wires the
 * very same object to HTTP, so browser tests exercise real core code.
 *
 * The mode is fixed at start from the settings: no backend configured = training, on an
 * in-process training backend. Changing the backend later asks for a restart.
 */
export const createCore = async (options: CoreOptions): Promise<Core> => {
  const { logger, workstationId } = options;
  const events = createEventBus(logger);
  const settings = await openSettingsStore(options.userDataDir, logger);
  const config = await openConfigStore(options.configFiles);
  const started = config.get();
  for (const problem of started.problems) logger.warn({ file: problem.file, field: problem.field, problem: problem.message }, 'settings problem');

  let connection: BackendConnection | null = null;
  // The stream follows the held session: opened on sign-in, opened afresh for another agent,
  // closed on sign-out and expiry. It stays open while the console is locked, so nothing needs
  // re-fetching on unlock; the renderer keeps the workspace hidden meanwhile.
  let live: LiveEvents | null = null;
  let liveFor: AgentIdentity | null = null;
  const followSession = (): void => {
    const agent = session.identity();
    if (agent === liveFor || live === null) return;
    liveFor = agent;
    if (agent) live.start();
    else live.stop();
  };
  const session = createAgentSession({
    backend: () => clientOf(connection),
    workstationId,
    idleLockMinutes: () => config.get().config.idleLockMinutes,
    onChange: (status) => {
      events.emit('session.changed', status);
      followSession();
    },
    logger,
  });
  connection = await openBackendConnection({
    config: started,
    configFiles: options.configFiles,
    secrets: options.secrets,
    workstationId,
    agentSession: () => session.identity(),
    startTrainingBackend: options.startTrainingBackend,
    logger,
    ...(options.backendTuning ? { tuning: options.backendTuning } : {}),
  });
  const ready = connection;
  const mode = ready.mode;
  logger.info({ mode, workstationId, backend: ready.state }, 'core ready');

  const liveEvents = createLiveEvents({
    open: (lastEventId, signal) =>
      session.withSession(() => clientOf(ready).openEventStream({ ...(lastEventId !== undefined ? { lastEventId } : {}), signal })),
    // SIGNED_OUT from withSession: the session was forgotten between two attempts.
    isSessionGone: (error) => sessionGone(error) || (error instanceof CallError && error.code === 'SIGNED_OUT'),
    events,
    logger,
    ...(options.liveReconnect ? { reconnect: options.liveReconnect } : {}),
  });
  live = liveEvents;
  const cancellable = createCancellableCalls();

  const paths = actionPaths(options.userDataDir);
  const tuning: ActionTuning = { ...DEFAULT_ACTION_TUNING, ...options.actionTuning };
  const actionPolicy = createActionPolicyCache();
  // A damaged journal or outbox entry is shown on screen and reported with the workstation's own
  // credential, so it needs no one signed in; reports an earlier run could not send go first.
  const integrity = createIntegrityReports({
    dir: join(options.userDataDir, 'integrity'),
    workstationId,
    backend: () => clientOf(ready),
    agentId: () => session.identity()?.agent.agentId ?? null,
    events,
    logger,
    retry: { baseDelayMs: tuning.auditRetryBaseDelayMs, maxDelayMs: tuning.auditRetryMaxDelayMs },
  });
  await integrity.start();
  const outbox = createOutbox({
    store: openOutboxStore(options.outboxDir ?? paths.outboxDir),
    journal: openAuditJournal(options.auditJournalFile ?? paths.auditJournalFile),
    session,
    backend: () => clientOf(ready),
    events,
    policy: actionPolicy,
    logger,
    integrity,
    ...(options.actionTuning ? { tuning: options.actionTuning } : {}),
  });
  // Before any call can reach it: unfinished actions resume, damage is reported.
  await outbox.start();
  const actionRequests = createActionRequests({ outbox, session, backend: () => clientOf(ready), policy: actionPolicy, workstationId, logger });

  const phoneCallsDir = options.phoneCallsDir ?? join(options.userDataDir, 'phone-calls');
  const phoneCalls = createPhoneCalls({
    drafts: openPhoneCallDraftStore(phoneCallsDir, logger),
    outbox: createPhoneCallOutbox({
      store: openRecordFolder({ dir: join(phoneCallsDir, 'outbox'), schema: PhoneCallOutboxEntry, idOf: (entry) => entry.record.phoneCallId, kind: 'the phone call record schema' }),
      turns: createAgentTurns({ session, backend: () => clientOf(ready) }),
      logger,
      tuning: { retryBaseDelayMs: tuning.auditRetryBaseDelayMs, retryMaxDelayMs: tuning.auditRetryMaxDelayMs, keepStored: tuning.keepEnded, keepStoredMs: tuning.keepEndedMs },
      onChange: () => events.emit('phoneCall.changed', phoneCalls.state()),
    }),
    session,
    events,
    actions: outbox,
    wrapUpRequired: async () => (await actionRequests.policyFor(createRequestContext())).phoneCalls?.wrapUpRequired ?? true,
    workstationId,
    logger,
  });
  // Before any call can reach it: an open phone call comes back, unsent records resume.
  await phoneCalls.start();

  // Four-eyes: the agent's approval requests, written ahead and sent once, then followed live.
  const approvals = createApprovalOutbox({
    store: openRecordFolder({ dir: join(options.userDataDir, 'approvals'), schema: ApprovalOutboxEntry, idOf: (entry) => entry.view.entryId, kind: 'the approval request schema' }),
    turns: createAgentTurns({ session, backend: () => clientOf(ready) }),
    logger,
    tuning: { retryBaseDelayMs: tuning.retryBaseDelayMs, retryMaxDelayMs: tuning.retryMaxDelayMs },
    onChange: (view) => events.emit('approvalRequest.changed', view),
  });
  await approvals.start();
  const stopFollowingApprovals = followApprovals({ outbox: approvals, events, logger, pollMs: tuning.confirmPollMs });

  // An update never installs while an action is under way on this workstation (any agent's).
  const hasActionsUnderWay = (): boolean => outbox.list('').some((view) => isActionUnderWay(view.status));
  const updates = createUpdatePolicy({
    feed: options.updateFeed ?? null,
    settings: started.config.updates,
    currentVersion: options.version,
    isBusy: hasActionsUnderWay,
    onReady: (version) => events.emit('update.ready', { version }),
    logger,
    ...(options.updateTiming ? { timing: options.updateTiming } : {}),
  });
  updates.start();

  const workstationKeys = createWorkstationKeys(options.secrets);
  const enrolment = createEnrolmentCodeGate({
    expectedSha256: () => config.get().config.enrolmentCodeSha256,
    recordFile: enrolmentRecordFile(options.userDataDir),
    logger,
  });
  // Only a first key set up signed out asks for the code (not again within the enrolment a right code
  // opened); an administrator signed in does not need it.
  const credentials = credentialService(
    workstationKeys,
    (key) => enrolment.required() && !enrolment.open() && !key.configured && session.status().state === 'signedOut',
  );
  const configCalls = configService({
    store: config,
    files: options.configFiles,
    mode,
    runningBackend: started.config.backend,
    connectionProblem: () => ready.configProblem,
    onChange: (view, previous) => {
      events.emit('config.changed', view);
      // The idle-lock time is part of the session status the lock timer reads.
      if (previous.config.idleLockMinutes !== view.idleLockMinutes) events.emit('session.changed', session.status());
    },
  });
  // Role enforcement for the workstation's own setup lives here, in main, not in the renderer.
  const setup = guardLocalAdmin(
    { ...credentials, ...configCalls },
    {
      session,
      enrolled: async () => (await workstationKeys.status()).configured,
      keyLocked: () => config.get().workstationKeyLocked,
      enrolment,
    },
  );

  const auditExports = createAuditExports({
    choose:
      options.chooseExportFile ??
      (() => Promise.reject(new CallError('NOT_CONFIGURED', 'this console has no way to choose where an export is saved'))),
    events,
    logger,
  });

  const services: Services = {
    ...appService({ version: options.version, mode, settings, events, logger }),
    ...sessionService(session, () => ready),
    ...credentials,
    ...configCalls,
    ...setup,
    ...lookupService({ session, backend: () => clientOf(ready), calls: cancellable }),
    ...liveService(liveEvents),
    ...notificationService({ session, backend: () => clientOf(ready) }),
    ...actionService({ session, backend: () => clientOf(ready), requests: actionRequests, outbox }),
    ...updateService(updates),
    ...integrityService(integrity),
    ...phoneCallService({ phoneCalls, session, backend: () => clientOf(ready) }),
    ...approvalService({ session, backend: () => clientOf(ready), outbox: approvals }),
    ...auditService({ session, backend: () => clientOf(ready), exports: auditExports }),
    ...floorService({ session, backend: () => clientOf(ready), events }),
    ...accountsService({ session, backend: () => clientOf(ready), mode }),
  };

  let closing: Promise<void> | null = null;
  return {
    services,
    events,
    settings,
    config,
    session,
    connection: ready,
    live: liveEvents,
    actions: outbox,
    phoneCalls,
    forgetCaller: (caller) => {
      cancellable.cancelAll(caller);
    },
    hasActionsUnderWay,
    updates,
    logger,
    mode,
    close() {
      closing ??= (async () => {
        updates.stop();
        await integrity.close();
        // An export cut short leaves no file under its name; it is not resumed.
        auditExports.cancelAll();
        await auditExports.settled();
        liveEvents.stop();
        // Steps under way finish their write; what is left resumes on the next start.
        await phoneCalls.close().catch((error: unknown) => logger.error({ err: error }, 'closing the phone calls failed'));
        stopFollowingApprovals();
        await approvals.close().catch((error: unknown) => logger.error({ err: error }, 'closing the approval requests failed'));
        await outbox.close().catch((error: unknown) => logger.error({ err: error }, 'closing the outbox failed'));
        // The token dies with the process anyway; ending the session at the backend too is
        // hygiene, so it gets a short while and never holds the quit.
        if (session.identity() !== null) {
          const signedOut = session.signOut(createRequestContext()).catch(() => undefined);
          await Promise.race([signedOut, new Promise((resolve) => setTimeout(resolve, SIGN_OUT_ON_CLOSE_MS).unref())]);
        }
        await ready.close().catch((error: unknown) => logger.error({ err: error }, 'closing the backend connection failed'));
      })();
      return closing;
    },
  };
};
