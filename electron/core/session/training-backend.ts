import type { Role } from '../../../shared/api/model';

/** One training account, as the sandbox publishes it: fixed, published passwords (not secrets). */
export interface TrainingAgentCredentials {
  readonly agentId: string;
  readonly name: string;
  readonly role: Role;
  readonly password: string;
}

/**
 * What a started training backend hands the console: the shape of the sandbox's credentials file.
 * Declared here, not imported, because core never imports the sandbox: main and the test bridge
 * start it and pass it in through the `startTrainingBackend` port.
 */
export interface TrainingCredentials {
  readonly baseUrl: string;
  readonly issuerId: string;
  readonly clientId: string;
  readonly keyId: string;
  readonly privateKeyPem: string;
  readonly agents: readonly TrainingAgentCredentials[];
}

export interface TrainingBackend {
  readonly credentials: TrainingCredentials;
  close(): Promise<void>;
}

/** Starts the in-process training backend on 127.0.0.1 (a free port) with a fresh workstation key. */
export type StartTrainingBackend = () => Promise<TrainingBackend>;
