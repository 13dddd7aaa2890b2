import type { SafeStorage } from 'electron';
import type { Encryptor } from '../../core/secrets/encrypted-secret-store';
import { EncryptedSecretStore } from '../../core/secrets/encrypted-secret-store';
import type { SecretStore } from '../../core/secrets/secret-store';
import type { Logger } from '../../core/logging/logger';

/** The parts of Electron's safeStorage used here; a fake in tests. */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend' | 'setUsePlainTextEncryption'
>;

/** safeStorage names its backend on Linux only; elsewhere the platform decides it. */
export const storageBackendFor = (safeStorage: SafeStorageLike, platform: NodeJS.Platform): string => {
  switch (platform) {
    case 'linux':
      return safeStorage.getSelectedStorageBackend();
    case 'win32':
      return 'dpapi';
    case 'darwin':
      return 'keychain';
    default:
      return 'unknown';
  }
};

/**
 * Electron's safeStorage as core's Encryptor port. The synchronous calls are used because the
 * port is synchronous; the store around it is async, so moving to encryptStringAsync later
 * changes this file only.
 */
export const safeStorageEncryptor = (safeStorage: SafeStorageLike, platform: NodeJS.Platform): Encryptor => ({
  isAvailable: () => safeStorage.isEncryptionAvailable(),
  backend: () => storageBackendFor(safeStorage, platform),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (data) => safeStorage.decryptString(data),
});

export interface WorkstationSecretsOptions {
  readonly safeStorage: SafeStorageLike;
  readonly platform: NodeJS.Platform;
  /** The encrypted secrets file in the profile. */
  readonly file: string;
  /** The machine-wide administrator setting; never the user's. */
  readonly allowPlaintextSecrets: boolean;
  readonly logger: Logger;
}

/**
 * The workstation's secret store. On Linux without a keyring safeStorage falls back to
 * basic_text (a hard-coded password): secrets then stay in memory unless the administrator
 * allowed plaintext, and only then is safeStorage told to use it at all. Call after `ready`.
 */
export const openWorkstationSecrets = async (options: WorkstationSecretsOptions): Promise<SecretStore> => {
  const { safeStorage, platform, allowPlaintextSecrets, logger } = options;
  if (platform === 'linux' && allowPlaintextSecrets) safeStorage.setUsePlainTextEncryption(true);
  const store = new EncryptedSecretStore({ file: options.file, encryptor: safeStorageEncryptor(safeStorage, platform), allowPlaintextSecrets });
  const status = await store.status();
  const log = status.encrypted ? logger.info.bind(logger) : logger.warn.bind(logger);
  log({ backend: status.backend, persisted: status.persisted, encrypted: status.encrypted }, 'workstation secret store');
  return store;
};
