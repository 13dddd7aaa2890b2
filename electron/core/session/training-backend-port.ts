import type { TrainingConsoleCredentials } from '../../../shared/api/training-credentials';

/**
 * The port through which core gets its training backend: main (from the training bundle) and the
 * test bridge (from sandbox/index.ts) start it and pass it in, since core never imports the
 * sandbox. Core checks the credentials against their schema when it receives them.
 */
export interface TrainingBackend {
  /** The console's share only: the platform's key never reaches core. */
  readonly credentials: TrainingConsoleCredentials;
  close(): Promise<void>;
}

/** Starts the in-process training backend on 127.0.0.1 (a free port) with a fresh workstation key. */
export type StartTrainingBackend = () => Promise<TrainingBackend>;
