import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { EncryptedSecretStore, type Encryptor } from '../../../../electron/core/secrets/encrypted-secret-store';
import { FileSecretStore, MemorySecretStore, SecretStoreError, type SecretStore } from '../../../../electron/core/secrets/secret-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-secrets-'));
});

/** Stands in for safeStorage: reversible, visibly not plaintext, and tied to its backend name. */
class FakeEncryptor implements Encryptor {
  constructor(
    public name: string,
    public available = true,
  ) {}
  isAvailable(): boolean {
    return this.available;
  }
  backend(): string {
    return this.name;
  }
  encrypt(plain: string): Buffer {
    return Buffer.from(`${this.name}:${Buffer.from(plain).toString('hex')}`);
  }
  decrypt(data: Buffer): string {
    const [name, hex] = data.toString().split(':');
    if (name !== this.name || hex === undefined) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(hex, 'hex').toString();
  }
}

const roundTrip = async (store: SecretStore): Promise<void> => {
  expect(await store.get('workstation-signing-key')).toBeNull();
  await store.set('workstation-signing-key', 'value-1');
  await store.set('other', 'value-2');
  expect(await store.get('workstation-signing-key')).toBe('value-1');
  await store.delete('workstation-signing-key');
  expect(await store.get('workstation-signing-key')).toBeNull();
  expect(await store.get('other')).toBe('value-2');
};

describe('MemorySecretStore', () => {
  it('keeps secrets for the process only, and says so', async () => {
    const store = new MemorySecretStore();
    await roundTrip(store);
    expect(await store.status()).toEqual({ backend: 'memory', persisted: false, encrypted: false });
  });

  it('refuses names that are not simple identifiers', async () => {
    await expect(new MemorySecretStore().set('../etc/passwd', 'x')).rejects.toBeInstanceOf(SecretStoreError);
  });
});

describe('FileSecretStore', () => {
  it('persists to a 0600 file, records the writing backend, survives a reopen', async () => {
    const file = join(dir, 'nested', 'secrets.json');
    const store = new FileSecretStore(file);
    await roundTrip(store);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'nested'))).mode & 0o777).toBe(0o700);
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    expect(onDisk.secrets.other).toMatchObject({ backend: 'file', encrypted: false, value: 'value-2' });
    expect(await new FileSecretStore(file).get('other')).toBe('value-2');
    expect(await store.status()).toEqual({ backend: 'file', persisted: true, encrypted: false });
  });

  it('does not lose a secret to concurrent writes', async () => {
    const store = new FileSecretStore(join(dir, 'secrets.json'));
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.set(`name-${i}`, `v${i}`)));
    for (let i = 0; i < 10; i += 1) expect(await store.get(`name-${i}`)).toBe(`v${i}`);
  });

  it('reports a broken file and never overwrites it', async () => {
    const file = join(dir, 'secrets.json');
    await writeFile(file, '{"version":1,"secrets":');
    const store = new FileSecretStore(file);
    await expect(store.get('x')).rejects.toThrow(/not valid JSON/);
    await expect(store.set('x', 'y')).rejects.toThrow(/left untouched/);
    expect(await readFile(file, 'utf8')).toBe('{"version":1,"secrets":');
  });
});

describe('EncryptedSecretStore', () => {
  const open = (encryptor: Encryptor, allowPlaintextSecrets = false) =>
    new EncryptedSecretStore({ file: join(dir, 'secrets.json'), encryptor, allowPlaintextSecrets });

  it('encrypts at rest with a real backend and records which backend wrote each secret', async () => {
    const store = open(new FakeEncryptor('gnome_libsecret'));
    await roundTrip(store);
    const text = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(text).not.toContain('value-2');
    expect(JSON.parse(text).secrets.other).toMatchObject({ backend: 'gnome_libsecret', encrypted: true });
    expect(await store.status()).toEqual({ backend: 'gnome_libsecret', persisted: true, encrypted: true });
    expect(await open(new FakeEncryptor('gnome_libsecret')).get('other')).toBe('value-2');
  });

  it.each(['basic_text', 'unknown'])('refuses to persist with %s: memory only, status says so', async (backend) => {
    const store = open(new FakeEncryptor(backend));
    await store.set('workstation-signing-key', 'private');
    expect(await store.get('workstation-signing-key')).toBe('private');
    expect(await store.status()).toEqual({ backend, persisted: false, encrypted: false });
    await expect(readFile(join(dir, 'secrets.json'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await open(new FakeEncryptor(backend)).get('workstation-signing-key')).toBeNull();
  });

  it('persists with basic_text only when the administrator allowed plaintext secrets', async () => {
    const store = open(new FakeEncryptor('basic_text'), true);
    await store.set('workstation-signing-key', 'private');
    expect(await store.status()).toEqual({ backend: 'basic_text', persisted: true, encrypted: false });
    // Labelled for what it is: plain text, never "encrypted".
    expect(JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8')).secrets['workstation-signing-key']).toMatchObject({
      backend: 'basic_text',
      encrypted: false,
      protection: 'plain-text',
      value: 'private',
    });
    expect(await open(new FakeEncryptor('basic_text'), true).get('workstation-signing-key')).toBe('private');
    // Where plain text is not allowed (any more), such a record is refused, not used.
    await expect(open(new FakeEncryptor('basic_text')).get('workstation-signing-key')).rejects.toThrow('plain text is not allowed here');
  });

  it('labels a value the OS store encrypted as such', async () => {
    await open(new FakeEncryptor('gnome_libsecret')).set('k', 'v');
    expect(JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8')).secrets.k).toMatchObject({ encrypted: true, protection: 'os-encrypted' });
  });

  it('keeps secrets in memory when encryption is not available at all', async () => {
    const store = open(new FakeEncryptor('dpapi', false), true);
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    expect(await store.status()).toMatchObject({ persisted: false, encrypted: false });
  });

  it('names both backends when a secret was written by another one', async () => {
    await open(new FakeEncryptor('kwallet5')).set('k', 'v');
    await expect(open(new FakeEncryptor('gnome_libsecret')).get('k')).rejects.toThrow(
      'secret "k" was written by kwallet5 and cannot be decrypted (the secret store is now gnome_libsecret); set it again',
    );
  });

  it('a memory-only set never deletes the key stored before: it is still there after a restart', async () => {
    await open(new FakeEncryptor('gnome_libsecret')).set('k', 'old');
    const before = await readFile(join(dir, 'secrets.json'), 'utf8');
    const degraded = open(new FakeEncryptor('basic_text'));
    await degraded.set('k', 'new');
    expect(await degraded.get('k')).toBe('new');
    expect(await degraded.status()).toMatchObject({ persisted: false });
    expect(await readFile(join(dir, 'secrets.json'), 'utf8')).toBe(before);
    expect(await open(new FakeEncryptor('gnome_libsecret')).get('k')).toBe('old');
  });
});
