import { hashPassword } from '../auth/passwords';
import type { TrainingAgent } from '../auth/training-agents';
import type { ChangeFeed } from '../events/change-feed';
import { generateSeedData } from '../seed/generate';
import { SandboxDataError, loadState } from './persistence';
import { STATE_FORMAT, freshRuntimeState, type PersistedState } from './state';
import { SandboxStore } from './store';

export interface OpenStoreOptions {
  readonly dataFile?: string;
  /** When given, a data file for another issuer is refused. */
  readonly issuerId?: string;
  readonly defaultIssuerId: string;
  readonly seed: number;
  readonly agents: readonly TrainingAgent[];
  readonly now: Date;
  /** The event stream's feed; one with the default replay capacity when absent. */
  readonly changes?: ChangeFeed;
}

/** A fresh state: the seeded issuer data, the training agents with scrypt-hashed passwords, and the starting runtime state. */
export const initialState = async (options: OpenStoreOptions): Promise<PersistedState> => {
  const agents = await Promise.all(
    options.agents.map(async ({ agentId, name, role, password }) => ({ agentId, name, role, password: await hashPassword(password) })),
  );
  return {
    format: STATE_FORMAT,
    issuerId: options.issuerId ?? options.defaultIssuerId,
    seed: options.seed,
    savedAt: options.now.toISOString(),
    ...generateSeedData(options.seed),
    agents,
    ...freshRuntimeState(),
  };
};

/**
 * The store from the data file when there is one (`created: false`), else from the seed. A file
 * that exists but is not valid, or belongs to another issuer, stops the start with a message
 * naming the file.
 */
export const openStore = async (options: OpenStoreOptions): Promise<{ store: SandboxStore; created: boolean }> => {
  const saved = options.dataFile ? await loadState(options.dataFile) : null;
  if (saved) {
    if (options.issuerId && saved.issuerId !== options.issuerId) {
      throw new SandboxDataError(
        `The sandbox data file ${options.dataFile} belongs to issuer ${saved.issuerId}, not ${options.issuerId}. Use another file or the same issuer id.`,
      );
    }
    return { store: SandboxStore.fromState(saved, options.changes), created: false };
  }
  return { store: SandboxStore.fromState(await initialState(options), options.changes), created: true };
};
