import { runBusy } from '../run-busy';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import type { CredentialsSliceState } from './initialState';

export interface CredentialsCommands {
  loadCredentials(): Promise<void>;
  /** Main generates a new key pair and answers with its public half only. */
  generateKey(): Promise<void>;
  /** Hands a PEM to main, write-only: it is never kept here and never comes back. */
  importKey(pem: string): Promise<boolean>;
}

export const createCredentialsCommands: SliceCreator<CredentialsSliceState & CredentialsCommands & CallsMain, CredentialsCommands> =
  (deps) =>
  (set, get) => ({
    loadCredentials: async () => {
      if (get().credentialsActivity !== null) return;
      await runBusy(set, deps, {
        start: { credentialsActivity: 'load' },
        end: { credentialsActivity: null },
        run: async () => {
          const result = await get().internal_call('credentials.status', {}, { showsOwnError: true });
          set(result.ok ? { credentialStatus: result.data, credentialStatusError: null } : { credentialStatusError: result.error });
        },
        onBug: () => undefined,
      });
    },

    generateKey: async () => {
      if (get().credentialsActivity !== null) return;
      await runBusy(set, deps, {
        start: { credentialsActivity: 'generate', credentialsOutcome: null },
        end: { credentialsActivity: null },
        run: async () => {
          const result = await get().internal_call('credentials.generateKey', {}, { showsOwnError: true });
          set(
            result.ok
              ? { publicKey: result.data.publicKey, credentialStatus: result.data.status, credentialsOutcome: { kind: 'generated' } }
              : { credentialsOutcome: { kind: 'failed', attempt: 'generate', error: result.error } },
          );
        },
        onBug: () => undefined,
      });
    },

    importKey: async (pem) => {
      if (get().credentialsActivity !== null) return false;
      return runBusy(set, deps, {
        start: { credentialsActivity: 'import', credentialsOutcome: null },
        end: { credentialsActivity: null },
        run: async () => {
          const result = await get().internal_call('credentials.importKey', { pem }, { showsOwnError: true });
          set(
            result.ok
              ? { publicKey: result.data.publicKey, credentialStatus: result.data.status, credentialsOutcome: { kind: 'imported' } }
              : { credentialsOutcome: { kind: 'failed', attempt: 'import', error: result.error } },
          );
          return result.ok;
        },
        onBug: () => false,
      });
    },
  });
