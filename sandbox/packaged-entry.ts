import { consoleShareOf, type TrainingConsoleCredentials } from '../shared/api/training-credentials';
import type { SandboxLogger } from './http/logger';
import { startSandboxWithCredentials } from './start-with-credentials';

export interface PackagedTrainingBackend {
  readonly credentials: TrainingConsoleCredentials;
  close(): Promise<void>;
}

/**
 * The training backend as the packaged console starts it. scripts/build-electron.mjs bundles this
 * file on its own into dist-electron/training-backend.cjs, which main loads only when training
 * mode starts, so a console on a real backend never loads it. Nothing here reaches the fault
 * injector or any other test-only control: those stay with sandbox/index.ts (tests, dev bridge,
 * CLI), and `/training/v1/faults` answers 404 on this backend.
 */
export const startTrainingBackend = async (options: { readonly logger?: SandboxLogger } = {}): Promise<PackagedTrainingBackend> => {
  const { sandbox, credentials } = await startSandboxWithCredentials({
    host: '127.0.0.1',
    port: 0,
    mode: 'training',
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return { credentials: consoleShareOf(credentials), close: () => sandbox.close() };
};
