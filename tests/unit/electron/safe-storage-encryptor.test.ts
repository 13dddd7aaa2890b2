import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkstationKeys } from '../../../electron/core/auth/workstation-key';
import { openWorkstationSecrets, safeStorageEncryptor, storageBackendFor } from '../../../electron/main/adapters/safe-storage-encryptor';
import { fakeSafeStorage } from './helpers/fake-electron';
import { memoryLogger } from './helpers/memory-logger';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-safe-storage-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = async (options: { platform?: NodeJS.Platform; backend?: 'gnome_libsecret' | 'basic_text'; available?: boolean; allowPlaintextSecrets?: boolean } = {}) => {
  const safeStorage = fakeSafeStorage({ storageBackend: options.backend ?? 'gnome_libsecret', encryptionAvailable: options.available ?? true });
  const memory = memoryLogger();
  const store = await openWorkstationSecrets({
    safeStorage,
    platform: options.platform ?? 'linux',
    file: join(dir, 'secrets.json'),
    allowPlaintextSecrets: options.allowPlaintextSecrets ?? false,
    logger: memory.logger,
  });
  return { store, safeStorage, memory, keys: createWorkstationKeys(store) };
};

describe('the safeStorage encryptor', () => {
  it('names the backend: safeStorage on Linux, DPAPI on Windows, Keychain on macOS', () => {
    const safeStorage = fakeSafeStorage({ storageBackend: 'kwallet5' });
    expect(storageBackendFor(safeStorage, 'linux')).toBe('kwallet5');
    expect(storageBackendFor(safeStorage, 'win32')).toBe('dpapi');
    expect(storageBackendFor(safeStorage, 'darwin')).toBe('keychain');
    expect(storageBackendFor(safeStorage, 'freebsd')).toBe('unknown');
  });

  it('encrypts and decrypts through safeStorage', () => {
    const safeStorage = fakeSafeStorage({});
    const encryptor = safeStorageEncryptor(safeStorage, 'linux');
    const sealed = encryptor.encrypt('secret text');
    expect(sealed.toString('utf8')).not.toContain('secret text');
    expect(encryptor.decrypt(sealed)).toBe('secret text');
    expect(safeStorage.encryptString).toHaveBeenCalledOnce();
  });
});

describe('the workstation secret store over safeStorage', () => {
  it('keeps the key encrypted on disk with a real keyring, recording the backend', async () => {
    const { keys, safeStorage } = await open();
    await keys.generateKeyPair();
    const file = await readFile(join(dir, 'secrets.json'), 'utf8');
    expect(file).not.toContain('PRIVATE KEY');
    expect(JSON.parse(file)).toMatchObject({ secrets: { 'workstation-signing-key': { backend: 'gnome_libsecret', encrypted: true } } });
    expect((await stat(join(dir, 'secrets.json'))).mode & 0o777).toBe(0o600);
    expect(await keys.status()).toMatchObject({ configured: true, storageBackend: 'gnome_libsecret', persisted: true });
    expect(safeStorage.setUsePlainTextEncryption).not.toHaveBeenCalled();
  });

  it('keeps the key in memory only on basic_text, unless the administrator allows plaintext', async () => {
    const refused = await open({ backend: 'basic_text' });
    await refused.keys.generateKeyPair();
    expect(await refused.keys.status()).toMatchObject({ configured: true, storageBackend: 'basic_text', persisted: false });
    await expect(stat(join(dir, 'secrets.json'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(refused.safeStorage.setUsePlainTextEncryption).not.toHaveBeenCalled();
    expect(refused.memory.text()).toMatch(/"persisted":false[^\n]*workstation secret store/);

    const allowed = await open({ backend: 'basic_text', allowPlaintextSecrets: true });
    expect(allowed.safeStorage.setUsePlainTextEncryption).toHaveBeenCalledWith(true);
    await allowed.keys.generateKeyPair();
    expect(await allowed.keys.status()).toMatchObject({ storageBackend: 'basic_text', persisted: true });
    expect(JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8'))).toMatchObject({ secrets: { 'workstation-signing-key': { backend: 'basic_text' } } });
  });

  it('never turns plaintext on outside Linux, where the setting means nothing', async () => {
    const { safeStorage, keys } = await open({ platform: 'win32', allowPlaintextSecrets: true });
    expect(safeStorage.setUsePlainTextEncryption).not.toHaveBeenCalled();
    await keys.generateKeyPair();
    expect(await keys.status()).toMatchObject({ storageBackend: 'dpapi', persisted: true });
  });

  it('keeps secrets in memory when encryption is not available at all', async () => {
    const { keys } = await open({ available: false });
    await keys.generateKeyPair();
    expect(await keys.status()).toMatchObject({ configured: true, persisted: false });
  });
});
