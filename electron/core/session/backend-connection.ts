import type { AppMode } from '../../../shared/contract';
import { WORKSTATION_KEY_SECRET } from '../auth/workstation-key';
import type { AgentIdentity, BackendClient } from '../backend/backend-client';
import { connectBackend } from '../backend/connect-backend';
import type { RetryPolicy } from '../backend/retry-policy';
import type { BackendConfig } from '../config/config-schema';
import type { ConfigFiles, ConfigProblem, LoadedConfig } from '../config/load-config';
import { TlsFileError } from '../config/tls-material';
import type { Logger } from '../logging/logger';
import { MemorySecretStore, type SecretStore } from '../secrets/secret-store';
import { TrainingConsoleCredentials, type TrainingAgentCredentials } from '../../../shared/api/training-credentials';
import type { StartTrainingBackend, TrainingBackend } from './training-backend-port';

/** Timeouts and retries for the backend client; tests shorten them. */
export interface BackendTuning {
  readonly timeoutMs?: number;
  readonly retry?: Partial<RetryPolicy>;
}

export interface OpenConnectionOptions {
  /** The configuration as it was at start: the mode and backend never change under a running console. */
  readonly config: LoadedConfig;
  readonly configFiles: ConfigFiles;
  /** The workstation's own key store (connected mode). Training mode never touches it. */
  readonly secrets: SecretStore;
  readonly workstationId: string;
  readonly agentSession: () => AgentIdentity | null;
  readonly startTrainingBackend: StartTrainingBackend;
  readonly logger: Logger;
  readonly tuning?: BackendTuning;
}

/** Why there is no backend to talk to; the session calls answer with it instead of failing obscurely. */
export type ConnectionProblem = 'not-configured' | 'training-unavailable';

interface ConnectionBase {
  readonly mode: AppMode;
  /** Training mode only: the accounts the sign-in screen lists. Empty in connected mode. */
  readonly trainingAgents: readonly TrainingAgentCredentials[];
  /** A problem with the settings that stopped the connection, for config.get (names file and field). */
  readonly configProblem: ConfigProblem | null;
  close(): Promise<void>;
}

export type BackendConnection =
  | (ConnectionBase & { readonly state: 'ready'; readonly client: BackendClient })
  | (ConnectionBase & { readonly state: 'unavailable'; readonly problem: ConnectionProblem });

const clientOptions = (options: OpenConnectionOptions) => ({
  workstationId: options.workstationId,
  agentSession: options.agentSession,
  logger: options.logger,
  ...(options.tuning?.timeoutMs !== undefined ? { timeoutMs: options.tuning.timeoutMs } : {}),
  ...(options.tuning?.retry ? { retry: options.tuning.retry } : {}),
});

const openTraining = async (options: OpenConnectionOptions): Promise<BackendConnection> => {
  const { logger } = options;
  const unavailable: BackendConnection = {
    state: 'unavailable',
    mode: 'training',
    problem: 'training-unavailable',
    trainingAgents: [],
    configProblem: null,
    close: async () => undefined,
  };
  let training: TrainingBackend;
  try {
    training = await options.startTrainingBackend();
  } catch (error) {
    logger.error({ err: error }, 'the training backend did not start');
    return unavailable;
  }
  // A border: main loads the packaged training backend from its own bundle on disk.
  const checked = TrainingConsoleCredentials.safeParse(training.credentials);
  if (!checked.success) {
    const problems = checked.error.issues.map((issue) => `${issue.path.join('.') || '(credentials)'}: ${issue.message}`);
    logger.error({ problems }, 'the training backend handed over credentials that do not match their schema');
    await training.close().catch(() => undefined);
    return unavailable;
  }
  const credentials = checked.data;
  let client: BackendClient;
  try {
    // The training key lives in memory only: it is generated per start and must never reach the
    // workstation's own store, where it could be mistaken for (or replace) the real key.
    const secrets = new MemorySecretStore();
    await secrets.set(WORKSTATION_KEY_SECRET, credentials.privateKeyPem);
    const backend: BackendConfig = {
      baseUrl: credentials.baseUrl,
      issuerId: credentials.issuerId,
      clientId: credentials.clientId,
      keyId: credentials.keyId,
    };
    client = await connectBackend({ backend, secrets, ...clientOptions(options) });
  } catch (error) {
    logger.error({ err: error }, 'the training backend started but the console could not connect to it');
    await training.close().catch(() => undefined);
    return unavailable;
  }
  logger.info({ baseUrl: credentials.baseUrl, issuerId: credentials.issuerId }, 'training backend started in-process');
  const trainingAgents = credentials.agents.map(({ agentId, name, role, password }) => ({ agentId, name, role, password }));
  return {
    state: 'ready',
    mode: 'training',
    client,
    trainingAgents,
    configProblem: null,
    async close() {
      client.close();
      await training.close();
    },
  };
};

/** Which file the backend setting came from, so a problem with it names the file to fix. */
const backendFile = (options: OpenConnectionOptions): string =>
  options.config.sources.backend === 'machine' ? options.configFiles.machineFile : options.configFiles.userFile;

const openConnected = async (options: OpenConnectionOptions, backend: BackendConfig): Promise<BackendConnection> => {
  const { logger } = options;
  try {
    const client = await connectBackend({ backend, secrets: options.secrets, ...clientOptions(options) });
    logger.info({ baseUrl: backend.baseUrl, issuerId: backend.issuerId, mtls: backend.mtls !== undefined }, 'connected to the configured backend');
    return { state: 'ready', mode: 'connected', client, trainingAgents: [], configProblem: null, close: async () => client.close() };
  } catch (error) {
    // A wrong mTLS path must not stop the console: it opens, and the settings screen names the file.
    const configProblem: ConfigProblem =
      error instanceof TlsFileError
        ? { file: backendFile(options), field: `backend.mtls.${error.role}`, message: error.message }
        : { file: backendFile(options), field: 'backend', message: `the backend connection could not be set up: ${(error as Error).message}` };
    logger.error({ err: error, file: configProblem.file, field: configProblem.field }, 'the configured backend could not be set up');
    return { state: 'unavailable', mode: 'connected', problem: 'not-configured', trainingAgents: [], configProblem, close: async () => undefined };
  }
};

/**
 * Decides the console's mode from the settings and sets up the backend for it: with no backend
 * configured, the training backend starts in-process with its own key; otherwise the configured
 * backend, signed with the workstation's key. Never throws: a console that cannot reach a backend
 * still opens, so the agent can read why and an administrator can fix it.
 */
export const openBackendConnection = async (options: OpenConnectionOptions): Promise<BackendConnection> => {
  const { backend, training } = options.config.config;
  if (backend === null && !training) return trainingTurnedOff(options);
  return backend === null ? openTraining(options) : openConnected(options, backend);
};

/**
 * The installer turned training off (`"training": false`) and no backend is set up: no training
 * backend starts, and the settings problem says so, naming the file that turned it off.
 */
const trainingTurnedOff = (options: OpenConnectionOptions): BackendConnection => {
  const file = options.config.sources.training === 'user' ? options.configFiles.userFile : options.configFiles.machineFile;
  const configProblem: ConfigProblem = {
    file,
    field: 'training',
    message: 'training mode is turned off on this workstation and no backend is configured: set the backend (Connection settings, or "backend" in the machine-wide file)',
  };
  options.logger.warn({ file }, 'training mode is turned off and no backend is configured');
  return { state: 'unavailable', mode: 'connected', problem: 'not-configured', trainingAgents: [], configProblem, close: async () => undefined };
};
