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
      set({ credentialsActivity: 'load' });
      try {
        const result = await get().internal_call('credentials.status', {}, { showsOwnError: true });
        set(result.ok ? { credentialStatus: result.data, credentialStatusError: null } : { credentialStatusError: result.error });
      } catch (error) {
        deps.reportError(error, deps.newCorrelationId());
      } finally {
        set({ credentialsActivity: null });
      }
    },

    generateKey: async () => {
      if (get().credentialsActivity !== null) return;
      set({ credentialsActivity: 'generate', credentialsOutcome: null });
      try {
        const result = await get().internal_call('credentials.generateKey', {}, { showsOwnError: true });
        set(
          result.ok
            ? { publicKey: result.data.publicKey, credentialStatus: result.data.status, credentialsOutcome: { kind: 'generated' } }
            : { credentialsOutcome: { kind: 'failed', attempt: 'generate', error: result.error } },
        );
      } catch (error) {
        deps.reportError(error, deps.newCorrelationId());
      } finally {
        set({ credentialsActivity: null });
      }
    },

    importKey: async (pem) => {
      if (get().credentialsActivity !== null) return false;
      set({ credentialsActivity: 'import', credentialsOutcome: null });
      try {
        const result = await get().internal_call('credentials.importKey', { pem }, { showsOwnError: true });
        set(
          result.ok
            ? { publicKey: result.data.publicKey, credentialStatus: result.data.status, credentialsOutcome: { kind: 'imported' } }
            : { credentialsOutcome: { kind: 'failed', attempt: 'import', error: result.error } },
        );
        return result.ok;
      } catch (error) {
        deps.reportError(error, deps.newCorrelationId());
        return false;
      } finally {
        set({ credentialsActivity: null });
      }
    },
  });
