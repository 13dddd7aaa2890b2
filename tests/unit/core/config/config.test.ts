import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { machineConfigPath, userConfigPath } from '../../../../electron/core/config/config-paths';
import { ConfigLockedError, ConfigValidationError, openConfigStore } from '../../../../electron/core/config/config-store';
import { BackendUrl, DEFAULT_CONFIG } from '../../../../electron/core/config/config-schema';
import { loadConfig, type ConfigFiles } from '../../../../electron/core/config/load-config';

const BACKEND = { baseUrl: 'https://api.issuer.example/', issuerId: 'ISSUER0001', clientId: 'ws-client', keyId: 'kid-1' };

let dir: string;
let files: ConfigFiles;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-config-'));
  files = { userFile: join(dir, 'user', 'config.json'), machineFile: join(dir, 'machine.json') };
  await mkdir(join(dir, 'user'));
});

const writeJson = (file: string, value: unknown) => writeFile(file, typeof value === 'string' ? value : JSON.stringify(value));

describe('config paths', () => {
  it('puts the machine-wide file where each platform keeps machine settings', () => {
    expect(machineConfigPath('linux', {})).toBe('/etc/token-desk/config.json');
    expect(machineConfigPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\TokenDesk\\config.json');
    expect(machineConfigPath('win32', {})).toBe('C:\\ProgramData\\TokenDesk\\config.json');
    expect(machineConfigPath('darwin', {})).toBe('/Library/Application Support/TokenDesk/config.json');
    expect(userConfigPath('/home/a/.config/Token Desk')).toBe('/home/a/.config/Token Desk/config.json');
  });
});

describe('loading settings', () => {
  it('with no files: defaults, no backend (training mode), no problems', async () => {
    const loaded = await loadConfig(files);
    expect(loaded).toEqual({
      config: DEFAULT_CONFIG,
      lockedFields: [],
      workstationKeyLocked: false,
      sources: { backend: 'default', idleLockMinutes: 'default', externalLinkAllowlist: 'default', training: 'default', updates: 'default' },
      problems: [],
    });
    expect(loaded.config.training).toBe(true);
    expect(loaded.config.updates).toBeNull();
    expect(loaded.config.backend).toBeNull();
  });

  it('machine values are defaults, the user\'s own win, a locked field always takes the machine value', async () => {
    await writeJson(files.machineFile, { backend: BACKEND, idleLockMinutes: 10, externalLinkAllowlist: ['help.issuer.example'], locked: ['backend'] });
    await writeJson(files.userFile, { idleLockMinutes: 5, backend: { ...BACKEND, baseUrl: 'https://elsewhere.example' } });
    const loaded = await loadConfig(files);
    expect(loaded.config).toEqual({
      backend: { ...BACKEND, baseUrl: 'https://api.issuer.example' },
      idleLockMinutes: 5,
      externalLinkAllowlist: ['help.issuer.example'],
      allowPlaintextSecrets: false,
      training: true,
      updates: null,
      enrolmentCodeSha256: null,
    });
    expect(loaded.lockedFields).toEqual(['backend']);
    expect(loaded.sources).toEqual({ backend: 'machine', idleLockMinutes: 'user', externalLinkAllowlist: 'machine', training: 'default', updates: 'default' });
    expect(loaded.problems).toEqual([{ file: files.userFile, field: 'backend', message: expect.stringMatching(/locked by the administrator/) }]);
  });

  it('reports each bad field with its file and loads the rest', async () => {
    await writeJson(files.machineFile, { idleLockMinutes: 30, allowPlaintextSecrets: true, colour: 'blue', locked: ['idleLockMinutes', 'language'] });
    await writeJson(files.userFile, {
      backend: { ...BACKEND, baseUrl: 'http://api.issuer.example' },
      externalLinkAllowlist: ['Help.Issuer.Example', 'not a host'],
      idleLockMinutes: '5',
      allowPlaintextSecrets: true,
    });
    const { config, problems, lockedFields } = await loadConfig(files);
    expect(config).toEqual({ ...DEFAULT_CONFIG, allowPlaintextSecrets: true });
    expect(lockedFields).toEqual(['idleLockMinutes']);
    const where = problems.map((problem) => [problem.file === files.machineFile ? 'machine' : 'user', problem.field]);
    expect(where).toEqual(
      expect.arrayContaining([
        ['machine', 'idleLockMinutes'],
        ['machine', 'colour'],
        ['machine', 'locked.1'],
        ['user', 'backend.baseUrl'],
        ['user', 'externalLinkAllowlist.1'],
        ['user', 'idleLockMinutes'],
        ['user', 'allowPlaintextSecrets'],
      ]),
    );
    expect(problems.find((problem) => problem.field === 'backend.baseUrl')?.message).toMatch(/https/);
    expect(problems.find((problem) => problem.field === 'colour')?.message).toBe('unknown field');
  });

  it('a file that is not JSON is reported as a whole; the other file still loads', async () => {
    await writeJson(files.machineFile, '{ "idleLockMinutes": 10,');
    await writeJson(files.userFile, { idleLockMinutes: 7 });
    const { config, problems } = await loadConfig(files);
    expect(config.idleLockMinutes).toBe(7);
    expect(problems).toEqual([{ file: files.machineFile, field: null, message: expect.stringMatching(/^is not valid JSON/) }]);
  });

  it('allows plain http only for a backend on this machine', async () => {
    for (const baseUrl of ['http://127.0.0.1:8787', 'http://localhost:8787/base/']) {
      await writeJson(files.userFile, { backend: { ...BACKEND, baseUrl } });
      const { config, problems } = await loadConfig(files);
      expect(problems).toEqual([]);
      expect(config.backend?.baseUrl).toBe(baseUrl.replace(/\/$/, ''));
    }
  });

  it('resolves relative mTLS paths beside the file that names them', async () => {
    await writeJson(files.machineFile, { backend: { ...BACKEND, mtls: { certFile: 'certs/ws.crt', keyFile: '/abs/ws.key' } } });
    const { config } = await loadConfig(files);
    expect(config.backend?.mtls).toEqual({ certFile: join(dir, 'certs', 'ws.crt'), keyFile: '/abs/ws.key' });
  });
});

describe('changing settings', () => {
  it('writes the user\'s file and refuses locked fields with a clear error', async () => {
    await writeJson(files.machineFile, { idleLockMinutes: 10, locked: ['idleLockMinutes'] });
    const store = await openConfigStore(files);
    const error = await store.set({ idleLockMinutes: 3 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigLockedError);
    expect((error as Error).message).toBe('locked by the administrator and cannot be changed here: idleLockMinutes');

    const saved = await store.set({ backend: BACKEND, externalLinkAllowlist: ['help.issuer.example'] });
    expect(saved.config.backend?.baseUrl).toBe('https://api.issuer.example');
    expect(saved.config.idleLockMinutes).toBe(10);
    expect(JSON.parse(await readFile(files.userFile, 'utf8'))).toEqual({
      backend: { ...BACKEND, baseUrl: 'https://api.issuer.example' },
      externalLinkAllowlist: ['help.issuer.example'],
    });
    const cleared = await store.set({ backend: null });
    expect(cleared.config.backend).toBeNull();
    expect(store.get()).toBe(cleared);
  });

  it('refuses invalid values and machine-only fields without touching the file', async () => {
    const store = await openConfigStore(files);
    await expect(store.set({ idleLockMinutes: 30 })).rejects.toBeInstanceOf(ConfigValidationError);
    // @ts-expect-error allowPlaintextSecrets is machine-only
    await expect(store.set({ allowPlaintextSecrets: true })).rejects.toThrow(/allowPlaintextSecrets/);
    await expect(readFile(files.userFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps a copy of a broken user file before saving over it', async () => {
    await writeJson(files.userFile, '{ "idleLockMinutes": 5, oops');
    const store = await openConfigStore(files);
    expect(store.get().problems).toHaveLength(1);
    await store.set({ idleLockMinutes: 5 });
    const copies = (await readdir(join(dir, 'user'))).filter((name) => name.startsWith('config.json.invalid-'));
    expect(copies).toHaveLength(1);
    expect(await readFile(join(dir, 'user', copies[0]!), 'utf8')).toBe('{ "idleLockMinutes": 5, oops');
    expect(store.get().problems).toEqual([]);
  });
});

describe('backend URL that is not a URL', () => {
  it('is reported as a field problem, never thrown', () => {
    const result = BackendUrl.safeParse('not a url at all');
    expect(result.success).toBe(false);
  });
});

describe('training and updates, set by the installer', () => {
  it('turns training off and sets the update feed and channel, both lockable', async () => {
    await writeJson(files.machineFile, {
      training: false,
      updates: { url: 'https://updates.issuer.example/token-desk/', channel: 'pilot' },
      locked: ['training', 'updates'],
    });
    await writeJson(files.userFile, { training: true, updates: { url: 'https://elsewhere.example/feed' } });
    const loaded = await loadConfig(files);
    expect(loaded.config.training).toBe(false);
    expect(loaded.config.updates).toEqual({ url: 'https://updates.issuer.example/token-desk', channel: 'pilot' });
    expect(loaded.lockedFields).toEqual(['training', 'updates']);
    expect(loaded.problems.map((problem) => problem.field)).toEqual(['training', 'updates']);
  });

  it('refuses a feed over plain http and a channel it does not know, naming the field', async () => {
    await writeJson(files.machineFile, { updates: { url: 'http://updates.issuer.example', channel: 'beta' }, training: 'off' });
    const { config, problems } = await loadConfig(files);
    expect(config.updates).toBeNull();
    expect(config.training).toBe(true);
    expect(problems.map((problem) => problem.field).sort()).toEqual(['training', 'updates.channel', 'updates.url']);
  });
});
