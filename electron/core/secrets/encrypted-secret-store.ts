import { SecretFile, SecretStoreError, checkSecretName, type SecretRecord } from './secret-file';
import type { SecretStore, SecretStoreStatus } from './secret-store';

/**
 * What the store needs from the OS: main backs it with Electron's safeStorage (DPAPI, Keychain,
 * libsecret/kwallet). Kept as a port so this module stays plain Node and testable.
 */
export interface Encryptor {
  isAvailable(): boolean;
  /** safeStorage's backend name: 'dpapi', 'keychain', 'gnome_libsecret', 'kwallet5', 'basic_text', 'unknown'… */
  backend(): string;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
}

/**
 * Linux backends that "encrypt" with a hard-coded password (Chromium's "basic_text" store): a file
 * written through them is as good as plaintext.
 */
const PLAINTEXT_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

export interface EncryptedSecretStoreOptions {
  readonly file: string;
  readonly encryptor: Encryptor;
  /** The machine-wide `allowPlaintextSecrets` setting: an administrator's explicit opt-in. */
  readonly allowPlaintextSecrets: boolean;
}

type Mode = 'encrypted' | 'plaintext-allowed' | 'memory-only';

/**
 * Secrets encrypted by the OS and kept in a 0600 file, each record naming the backend that wrote it
 * (as Element and Signal do) so a later backend change is diagnosed instead of read as garbage.
 * When the OS has no real secret store, secrets stay in memory unless an administrator allowed
 * plaintext: an API key in a readable file must be a decision, never a default.
 */
export class EncryptedSecretStore implements SecretStore {
  private readonly store: SecretFile;
  private readonly memory = new Map<string, string>();

  constructor(private readonly options: EncryptedSecretStoreOptions) {
    this.store = new SecretFile(options.file);
  }

  private mode(): Mode {
    const { encryptor } = this.options;
    if (!encryptor.isAvailable()) return 'memory-only';
    if (!PLAINTEXT_BACKENDS.has(encryptor.backend())) return 'encrypted';
    return this.options.allowPlaintextSecrets ? 'plaintext-allowed' : 'memory-only';
  }

  async get(name: string): Promise<string | null> {
    const key = checkSecretName(name);
    const held = this.memory.get(key);
    if (held !== undefined) return held;
    const record = (await this.store.read())[key];
    if (!record) return null;
    const { encryptor } = this.options;
    if (!record.encrypted) {
      // A plain-text record is this store's own only where the administrator allowed plain text; any
      // other plain record means the file was edited by hand.
      if (record.protection === 'plain-text' && this.mode() === 'plaintext-allowed') return record.value;
      throw new SecretStoreError(`secret "${key}" in ${this.options.file} is not encrypted and plain text is not allowed here; set it again`);
    }
    if (!encryptor.isAvailable()) {
      throw new SecretStoreError(`secret "${key}" was written by ${record.backend}, and the OS secret store is not available now`);
    }
    try {
      return encryptor.decrypt(Buffer.from(record.value, 'base64'));
    } catch {
      const now = encryptor.backend();
      const hint = now === record.backend ? 'its key may have changed' : `the secret store is now ${now}`;
      throw new SecretStoreError(`secret "${key}" was written by ${record.backend} and cannot be decrypted (${hint}); set it again`);
    }
  }

  async set(name: string, value: string): Promise<void> {
    const key = checkSecretName(name);
    const mode = this.mode();
    if (mode === 'memory-only') {
      // The new value lives for this run only; a key stored before stays on disk untouched, since
      // deleting it would leave the workstation with no key at all after a restart. The status
      // says the new one is not persisted, so the administrator knows.
      this.memory.set(key, value);
      return;
    }
    const { encryptor } = this.options;
    // A "store" that only obfuscates (basic_text) is labelled for what it is: plain text, never
    // `encrypted: true`. The file itself is replaced atomically (secret-file.ts): the old value
    // stays in place until the new one is written, synced and renamed over it.
    const record: SecretRecord =
      mode === 'encrypted'
        ? { backend: encryptor.backend(), encrypted: true, protection: 'os-encrypted', value: encryptor.encrypt(value).toString('base64'), writtenAt: new Date().toISOString() }
        : { backend: encryptor.backend(), encrypted: false, protection: 'plain-text', value, writtenAt: new Date().toISOString() };
    await this.store.update((secrets) => {
      secrets[key] = record;
    });
    this.memory.delete(key);
  }

  async delete(name: string): Promise<void> {
    const key = checkSecretName(name);
    this.memory.delete(key);
    await this.store.update((secrets) => {
      if (!(key in secrets)) return false;
      delete secrets[key];
      return true;
    });
  }

  async status(): Promise<SecretStoreStatus> {
    const mode = this.mode();
    return { backend: this.options.encryptor.backend(), persisted: mode !== 'memory-only', encrypted: mode === 'encrypted' };
  }
}
