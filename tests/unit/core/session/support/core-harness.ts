import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandboxWithCredentials, type Sandbox } from '../../../../../sandbox/index';
import { consoleShareOf, type TrainingCredentials } from '../../../../../shared/api/training-credentials';
import type { CallName, CallOutput, EventEnvelope, Result } from '../../../../../shared/contract';
import { createCore, type Core, type StartTrainingBackend } from '../../../../../electron/core/app-core';
import type { BackendTuning } from '../../../../../electron/core/session/backend-connection';
import type { ReconnectPolicy } from '../../../../../electron/core/live/reconnect-delay';
import type { ActionTuning } from '../../../../../electron/core/actions/action-tuning';
import { dispatch, newCorrelationId } from '../../../../../electron/core/ipc/dispatch';
import { FileSecretStore, type SecretStore } from '../../../../../electron/core/secrets/secret-store';
import { memoryLogger } from '../../support/client-setup';
import type { UpdateFeed } from '../../../../../electron/core/updates/update-feed';
import type { ChooseExportFile } from '../../../../../electron/core/supervision/audit-exports';

/** The real sandbox as core's training backend, remembering what it started so tests can look inside. */
export const trainingBackends = () => {
  const started: Array<{ sandbox: Sandbox; credentials: TrainingCredentials }> = [];
  let closed = 0;
  const start: StartTrainingBackend = async () => {
    const { sandbox, credentials } = await startSandboxWithCredentials({ port: 0, mode: 'training' });
    started.push({ sandbox, credentials });
    return {
      credentials: consoleShareOf(credentials),
      close: async () => {
        closed += 1;
        await sandbox.close();
      },
    };
  };
  return { start, started, closedCount: () => closed };
};

export interface CallRecord {
  readonly name: string;
  readonly correlationId: string;
  readonly result: Result<unknown>;
}

export interface CoreHarness {
  readonly core: Core;
  readonly dir: string;
  readonly files: { readonly userFile: string; readonly machineFile: string };
  readonly logLines: string[];
  readonly events: EventEnvelope[];
  readonly calls: CallRecord[];
  readonly training: ReturnType<typeof trainingBackends>;
  /** Runs one call through the real dispatcher, as IPC and the test bridge do; from window 1 unless `caller` says otherwise. */
  call(name: string, input?: unknown, correlationId?: string, caller?: string): Promise<Result<unknown>>;
  /** The same, for a call expected to succeed: its data, or a thrown error naming the failure. */
  ok<N extends CallName>(name: N, input?: unknown): Promise<CallOutput<N>>;
  /** The error of a call expected to fail. */
  fail(name: string, input?: unknown): Promise<Extract<Result<unknown>, { ok: false }>['error']>;
  close(): Promise<void>;
}

export interface CoreHarnessOptions {
  /** A profile folder to reuse (a restart); a fresh one otherwise. */
  readonly dir?: string;
  /** Settings files: an object is written as JSON, a string as it is (for broken files). */
  readonly user?: unknown;
  readonly machine?: unknown;
  readonly secrets?: SecretStore;
  readonly startTrainingBackend?: StartTrainingBackend;
  readonly tuning?: BackendTuning;
  /** The live stream's reconnection backoff; fast by default. */
  readonly liveReconnect?: Partial<ReconnectPolicy>;
  /** The outbox's retries and polls. */
  readonly actionTuning?: Partial<ActionTuning>;
  readonly workstationId?: string;
  /** The console's own update feed; none by default. */
  readonly updateFeed?: UpdateFeed;
  /** Where a supervisor's export goes (main's save dialog); none by default, so exports are refused. */
  readonly chooseExportFile?: ChooseExportFile;
}

const writeSettings = async (file: string, content: unknown): Promise<void> => {
  if (content === undefined) return;
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
};

/** Fast retries: the tests exercise the retry path without waiting for production backoff. */
const FAST_BACKEND: BackendTuning = { retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 5_000 };

/** Reconnections within tens of milliseconds: the tests watch them happen, not wait for them. */
const FAST_RECONNECT: Partial<ReconnectPolicy> = { baseDelayMs: 40, maxDelayMs: 400 };

export const startCore = async (options: CoreHarnessOptions = {}): Promise<CoreHarness> => {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'td-core-')));
  const files = { userFile: join(dir, 'config.json'), machineFile: join(dir, 'machine-config.json') };
  await writeSettings(files.userFile, options.user);
  await writeSettings(files.machineFile, options.machine);
  const { logger, lines } = memoryLogger();
  const training = trainingBackends();
  const core = await createCore({
    userDataDir: dir,
    version: '0.1.0',
    logger,
    secrets: options.secrets ?? new FileSecretStore(join(dir, 'secrets.json')),
    configFiles: files,
    workstationId: options.workstationId ?? 'WS-TEST-01',
    startTrainingBackend: options.startTrainingBackend ?? training.start,
    backendTuning: options.tuning ?? FAST_BACKEND,
    liveReconnect: options.liveReconnect ?? FAST_RECONNECT,
    ...(options.actionTuning ? { actionTuning: options.actionTuning } : {}),
    ...(options.updateFeed ? { updateFeed: options.updateFeed } : {}),
    ...(options.chooseExportFile ? { chooseExportFile: options.chooseExportFile } : {}),
  });
  const events: EventEnvelope[] = [];
  core.events.subscribe((envelope) => events.push(envelope));
  const calls: CallRecord[] = [];

  const call = async (name: string, input: unknown = {}, correlationId = newCorrelationId(), caller = 'window:1'): Promise<Result<unknown>> => {
    const result = await dispatch(core.services, name, input, { correlationId, origin: 'ipc', caller }, logger);
    calls.push({ name, correlationId, result });
    return result;
  };

  return {
    core,
    dir,
    files,
    logLines: lines,
    events,
    calls,
    training,
    call,
    async ok<N extends CallName>(name: N, input: unknown = {}) {
      const result = await call(name, input);
      if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`);
      return result.data as CallOutput<N>;
    },
    async fail(name, input = {}) {
      const result = await call(name, input);
      if (result.ok) throw new Error(`${name} succeeded, expected a failure: ${JSON.stringify(result.data)}`);
      return result.error;
    },
    async close() {
      await core.close();
      if (ownDir) await rm(dir, { recursive: true, force: true });
    },
  };
};

/** The error without its per-call correlation id, to compare two failures. */
export const withoutCorrelation = <E extends { correlationId: string }>(error: E): Omit<E, 'correlationId'> => {
  const { correlationId: _ignored, ...rest } = error;
  return rest;
};
