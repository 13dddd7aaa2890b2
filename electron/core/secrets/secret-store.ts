import { SecretFile, checkSecretName } from './secret-file';

export { SecretStoreError } from './secret-file';

/** Where secrets live and how well they are protected, for the status screen and the audit log. */
export interface SecretStoreStatus {
  /** 'gnome_libsecret', 'kwallet5', 'dpapi', 'keychain', 'basic_text', 'file', 'memory'… */
  readonly backend: string;
  /** False when secrets are kept in memory only and are lost when the app quits. */
  readonly persisted: boolean;
  /** False when secrets at rest are readable by anyone who can read the file. */
  readonly encrypted: boolean;
}

/**
 * The port for API secrets (the workstation's signing key). Async because Electron's safeStorage
 * is moving to an async API (electron/electron#49054) and the keychain may prompt.
 * There is deliberately no "list": callers know the names they own.
 */
export interface SecretStore {
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  status(): Promise<SecretStoreStatus>;
}

/** Keeps secrets for the life of the process: tests, and the fallback when nothing safer exists. */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  async get(name: string): Promise<string | null> {
    return this.secrets.get(checkSecretName(name)) ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    this.secrets.set(checkSecretName(name), value);
  }

  async delete(name: string): Promise<void> {
    this.secrets.delete(checkSecretName(name));
  }

  async status(): Promise<SecretStoreStatus> {
    return { backend: 'memory', persisted: false, encrypted: false };
  }
}

/**
 * Plain JSON in a 0600 file: for tests and development machines only, never the packaged app
 * (main uses the encrypted store over safeStorage). Each record says it was written by 'file'.
 */
export class FileSecretStore implements SecretStore {
  static readonly BACKEND = 'file';
  private readonly store: SecretFile;

  constructor(file: string) {
    this.store = new SecretFile(file);
  }

  async get(name: string): Promise<string | null> {
    const record = (await this.store.read())[checkSecretName(name)];
    return record ? record.value : null;
  }

  async set(name: string, value: string): Promise<void> {
    const key = checkSecretName(name);
    await this.store.update((secrets) => {
      secrets[key] = { backend: FileSecretStore.BACKEND, encrypted: false, protection: 'plain-text', value, writtenAt: new Date().toISOString() };
    });
  }

  async delete(name: string): Promise<void> {
    const key = checkSecretName(name);
    await this.store.update((secrets) => {
      if (!(key in secrets)) return false;
      delete secrets[key];
      return true;
    });
  }

  async status(): Promise<SecretStoreStatus> {
    return { backend: FileSecretStore.BACKEND, persisted: true, encrypted: false };
  }
}
