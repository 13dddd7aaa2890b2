import { runBusy } from '../run-busy';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import type { CredentialsSliceState } from './initialState';

export interface CredentialsCommands {
  loadCredentials(): Promise<void>;
  /**
   * Main generates a new key pair and answers with its public half only. `enrolmentCode`: the
   * installer's one-time code, when the status says a first key needs it; like a PEM it goes
   * straight into the call and is never kept here.
   */
  generateKey(enrolmentCode?: string): Promise<boolean>;
  /** Hands a PEM to main, write-only: it is never kept here and never comes back. */
  importKey(pem: string, enrolmentCode?: string): Promise<boolean>;
}

/** Only a code typed is sent: without one, core says whether it needed it. */
const withCode = (enrolmentCode: string | undefined): { enrolmentCode?: string } =>
  enrolmentCode !== undefined && enrolmentCode.trim() !== '' ? { enrolmentCode } : {};

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

    generateKey: async (enrolmentCode) => {
      if (get().credentialsActivity !== null) return false;
      return runBusy(set, deps, {
        start: { credentialsActivity: 'generate', credentialsOutcome: null },
        end: { credentialsActivity: null },
        run: async () => {
          const result = await get().internal_call('credentials.generateKey', withCode(enrolmentCode), { showsOwnError: true });
          set(
            result.ok
              ? { publicKey: result.data.publicKey, credentialStatus: result.data.status, credentialsOutcome: { kind: 'generated' } }
              : { credentialsOutcome: { kind: 'failed', attempt: 'generate', error: result.error } },
          );
          return result.ok;
        },
        onBug: () => false,
      });
    },

    importKey: async (pem, enrolmentCode) => {
      if (get().credentialsActivity !== null) return false;
      return runBusy(set, deps, {
        start: { credentialsActivity: 'import', credentialsOutcome: null },
        end: { credentialsActivity: null },
        run: async () => {
          const result = await get().internal_call('credentials.importKey', { pem, ...withCode(enrolmentCode) }, { showsOwnError: true });
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
