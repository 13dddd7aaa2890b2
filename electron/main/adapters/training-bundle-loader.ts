// The one place main reaches the sandbox, through its entry file only (eslint.config.js allows no deeper path).
import { startSandboxWithCredentials, type SandboxLogger } from '../../../sandbox/index';
import type { StartTrainingBackend } from '../../core/app-core';
import type { Logger } from '../../core/logging/logger';

/**
 * Training mode's backend: the sandbox in-process on 127.0.0.1 with a free port and a key
 * generated for this start. Core gets it through its `startTrainingBackend` port and never
 * imports the sandbox itself.
 */
export const trainingBackendStarter =
  (logger: Logger): StartTrainingBackend =>
  async () => {
    const log = logger.child({ component: 'training-backend' });
    const sandboxLogger: SandboxLogger = {
      warn: (message, detail) => log.warn(detail ?? {}, message),
      error: (message, detail) => log.error(detail ?? {}, message),
    };
    const { sandbox, credentials } = await startSandboxWithCredentials({ host: '127.0.0.1', port: 0, mode: 'training', logger: sandboxLogger });
    return { credentials, close: () => sandbox.close() };
  };
