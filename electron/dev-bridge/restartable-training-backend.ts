// The one place the test bridge reaches the sandbox, through its entry file only (eslint.config.js
// allows no deeper path). Main loads the packaged training bundle instead
// (electron/main/adapters/training-bundle-loader.ts); only the bridge can restart its sandbox.
import { rm } from 'node:fs/promises';
import {
  clientKeysOf,
  credentialsFileFor,
  generateTrainingClients,
  startSandbox,
  type Sandbox,
  type SandboxLogger,
  type TrainingClients,
} from '../../sandbox/index';
import { consoleShareOf, type TrainingCredentials } from '../../shared/api/training-credentials';
import type { StartTrainingBackend } from '../core/app-core';
import type { Logger } from '../core/logging/logger';
import { oneAtATime } from '../core/async/one-at-a-time';

/** What browser tests may do to the bridge's training backend (never offered by main). */
export interface TrainingControls {
  /**
   * The running sandbox's base URL and credentials, private keys included (the workstation's, and
   * the platform's that the callbacks and the training controls take); null before it started.
   */
  credentials(): TrainingCredentials | null;
  /**
   * Stops the sandbox and starts it again on the same port with the same keys and data file: to
   * the console it looks like the backend restarted (its event stream's epoch changes). `fresh`
   * starts it from the seed instead, every change and session forgotten: for a test that needs the
   * seed's tokens as they were, whatever the tests before it did.
   */
  restart(options?: { readonly fresh?: boolean }): Promise<TrainingCredentials>;
}

export interface RestartableTrainingBackend {
  /** For createCore's `startTrainingBackend` port. */
  readonly start: StartTrainingBackend;
  readonly controls: TrainingControls;
}

/**
 * Training mode's backend for the test bridge: the sandbox in-process on 127.0.0.1 (a free port
 * at first), with a workstation key and a platform key generated for this run. Its state goes to `dataFile`, so a restart keeps
 * the agent's session, the bearer token and every simulated change, as a real backend's
 * database would. A data file left by an earlier run is removed first: each bridge run starts
 * from the seed, like the app's training mode.
 */
export const restartableTrainingBackend = (logger: Logger, options: { readonly dataFile: string }): RestartableTrainingBackend => {
  const log = logger.child({ component: 'training-backend' });
  const sandboxLogger: SandboxLogger = {
    warn: (message, detail) => log.warn(detail ?? {}, message),
    error: (message, detail) => log.error(detail ?? {}, message),
  };
  let client: TrainingClients | null = null;
  let sandbox: Sandbox | null = null;
  let port = 0;
  let closed = false;
  // Restarts and the final close wait for each other: two at once would race for the port.
  const serial = oneAtATime();

  const open = async (keys: TrainingClients, onPort: number): Promise<Sandbox> =>
    startSandbox({
      host: '127.0.0.1',
      port: onPort,
      mode: 'training',
      logger: sandboxLogger,
      clientKeys: clientKeysOf(keys),
      dataFile: options.dataFile,
    });

  const credentials = (): TrainingCredentials | null => (sandbox && client ? credentialsFileFor(sandbox, client) : null);

  const start: StartTrainingBackend = async () => {
    if (client) throw new Error('the training backend is already started');
    await rm(options.dataFile, { force: true });
    client = await generateTrainingClients();
    sandbox = await open(client, 0);
    port = Number(new URL(sandbox.baseUrl).port);
    const started = credentials();
    if (!started) throw new Error('the training backend did not start');
    return {
      credentials: consoleShareOf(started),
      close: () =>
        serial(async () => {
          closed = true;
          await sandbox?.close();
          sandbox = null;
        }),
    };
  };

  return {
    start,
    controls: {
      credentials,
      restart: ({ fresh = false } = {}) =>
        serial(async () => {
          if (!client || closed) throw new Error('the training backend is not running');
          const keys = client;
          await sandbox?.close();
          sandbox = null;
          if (fresh) await rm(options.dataFile, { force: true });
          sandbox = await open(keys, port);
          log.info({ baseUrl: sandbox.baseUrl, fresh }, 'training backend restarted');
          const restarted = credentials();
          if (!restarted) throw new Error('the training backend did not restart');
          return restarted;
        }),
    },
  };
};
