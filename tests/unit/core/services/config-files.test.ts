import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { clientKeyOf, generateClientCredentials, startSandbox } from '../../../../sandbox/index';
import { startCore, type CoreHarness } from '../session/support/core-harness';

/**
 * Bad settings files never stop the console: config.get names the file and the field, the bad
 * value is left out, and with no usable backend setting the console runs on the training backend.
 */
const sato = { agentId: 'agent.sato', password: 'Training-Sato-2026' };

const withCore = async (options: Parameters<typeof startCore>[0], test: (h: CoreHarness) => Promise<void>): Promise<void> => {
  const h = await startCore(options);
  try {
    await test(h);
  } finally {
    await h.close();
  }
};

const stillWorksInTraining = async (h: CoreHarness): Promise<void> => {
  expect(h.core.mode).toBe('training');
  expect((await h.ok('session.signIn', sato)).state).toBe('signedIn');
  await h.ok('session.signOut');
};

describe('bad settings files', () => {
  it('a user file that is not JSON: named, whole file, and the console still signs in', () =>
    withCore({ user: '{ "idleLockMinutes": 5, ' }, async (h) => {
      const view = await h.ok('config.get');
      expect(view.problems).toEqual([{ file: h.files.userFile, field: null, message: expect.stringContaining('not valid JSON') }]);
      expect(view.files).toEqual({ user: h.files.userFile, machine: h.files.machineFile });
      expect(view.idleLockMinutes).toBe(15);
      await stillWorksInTraining(h);
    }));

  it('wrong fields: each named with its file, the good ones kept', () =>
    withCore(
      {
        user: { idleLockMinutes: 99, externalLinkAllowlist: ['help.example.co.jp'], backend: { baseUrl: 'ftp://backend.example', issuerId: 'SHORT', clientId: 'c', keyId: 'k' }, colour: 'blue' },
      },
      async (h) => {
        const view = await h.ok('config.get');
        const fields = view.problems.map((problem) => [problem.file, problem.field]);
        expect(fields).toEqual(
          expect.arrayContaining([
            [h.files.userFile, 'idleLockMinutes'],
            [h.files.userFile, 'backend.baseUrl'],
            [h.files.userFile, 'backend.issuerId'],
            [h.files.userFile, 'colour'],
          ]),
        );
        expect(view).toMatchObject({ mode: 'training', backend: null, idleLockMinutes: 15, externalLinkAllowlist: ['help.example.co.jp'] });
        expect(view.sources).toEqual({ backend: 'default', idleLockMinutes: 'default', externalLinkAllowlist: 'user' });
        await stillWorksInTraining(h);
      },
    ));

  it('a locked field set in the user file: the machine value wins and the user file is named', () =>
    withCore({ machine: { idleLockMinutes: 5, locked: ['idleLockMinutes'] }, user: { idleLockMinutes: 10 } }, async (h) => {
      const view = await h.ok('config.get');
      expect(view.lockedFields).toEqual(['idleLockMinutes']);
      expect(view.idleLockMinutes).toBe(5);
      expect(view.sources.idleLockMinutes).toBe('machine');
      expect(view.problems).toContainEqual({ file: h.files.userFile, field: 'idleLockMinutes', message: expect.stringContaining('locked') });
      expect((await h.ok('session.status')).idleLockMinutes).toBe(5);
      await stillWorksInTraining(h);
    }));

  it('a broken machine file and a user field only the machine may set: both named', () =>
    withCore({ machine: '[1, 2', user: { allowPlaintextSecrets: true, locked: ['backend'] } }, async (h) => {
      const view = await h.ok('config.get');
      expect(view.problems).toEqual(
        expect.arrayContaining([
          { file: h.files.machineFile, field: null, message: expect.stringContaining('not valid JSON') },
          { file: h.files.userFile, field: 'allowPlaintextSecrets', message: expect.any(String) },
          { file: h.files.userFile, field: 'locked', message: expect.any(String) },
        ]),
      );
      expect(view.lockedFields).toEqual([]);
      await stillWorksInTraining(h);
    }));
});

describe('config.set', () => {
  it('refuses a locked field with CONFIG_LOCKED naming it, and leaves the file alone', () =>
    withCore({ machine: { idleLockMinutes: 5, locked: ['idleLockMinutes'] } }, async (h) => {
      const error = await h.fail('config.set', { idleLockMinutes: 3 });
      expect(error).toMatchObject({ code: 'CONFIG_LOCKED', messageKey: 'errors.configLocked', fields: ['idleLockMinutes'] });
      await expect(readFile(h.files.userFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    }));

  it('refuses an invalid value with CONFIG_INVALID naming the field', () =>
    withCore({}, async (h) => {
      const error = await h.fail('config.set', { backend: { baseUrl: 'http://backend.example.com', issuerId: 'ISSUER0001', clientId: 'ws-1', keyId: 'kid-1' } });
      expect(error).toMatchObject({ code: 'CONFIG_INVALID', messageKey: 'errors.configInvalid', fields: ['backend.baseUrl'] });
      // Out of the contract's own range: refused at the border, before core.
      expect(await h.fail('config.set', { idleLockMinutes: 30 })).toMatchObject({ code: 'INVALID_INPUT', fields: ['idleLockMinutes'] });
    }));

  it('saves, tells the renderer, applies the idle time at once and asks for a restart for a new backend', () =>
    withCore({}, async (h) => {
      const view = await h.ok('config.set', { idleLockMinutes: 7 });
      expect(view).toMatchObject({ idleLockMinutes: 7, restartRequired: false, sources: { idleLockMinutes: 'user' } });
      expect(h.events).toContainEqual({ name: 'config.changed', payload: view });
      expect(h.events).toContainEqual({ name: 'session.changed', payload: expect.objectContaining({ idleLockMinutes: 7 }) });
      expect(JSON.parse(await readFile(h.files.userFile, 'utf8'))).toEqual({ idleLockMinutes: 7 });

      const backend = { baseUrl: 'https://tokencare.issuer.example', issuerId: 'ISSUER0001', clientId: 'ws-1', keyId: 'kid-1' };
      const next = await h.ok('config.set', { backend });
      expect(next).toMatchObject({ mode: 'training', backend, restartRequired: true });
      // Still on the training backend until the restart.
      expect((await h.ok('session.signIn', sato)).state).toBe('signedIn');
      await h.ok('session.signOut');
      expect(await h.ok('config.set', { backend: null })).toMatchObject({ backend: null, restartRequired: false });
    }));
});

describe('the mode follows the settings at start', () => {
  it('training without a backend, connected with one, training again once it is removed', async () => {
    const client = await generateClientCredentials();
    const backend = await startSandbox({ clientKeys: [clientKeyOf(client)], mode: 'connected' });
    const first = await startCore({});
    try {
      expect(first.core.mode).toBe('training');
      // A first setup, signed out: the connection, then the key (after which an administrator must sign in to change either).
      await first.ok('config.set', { backend: { baseUrl: backend.baseUrl, issuerId: backend.issuerId, clientId: client.clientId, keyId: client.keyId } });
      await first.ok('credentials.importKey', { pem: client.privateKeyPem });
      await first.core.close();

      const second = await startCore({ dir: first.dir });
      expect(second.core.mode).toBe('connected');
      expect(second.training.started).toHaveLength(0);
      expect((await second.ok('session.signIn', sato)).state).toBe('signedIn');
      expect(backend.store.sessions.size).toBe(1);
      await second.ok('session.signOut');
      await second.ok('session.signIn', { agentId: 'admin.tanaka', password: 'Training-Tanaka-2026' });
      await second.ok('config.set', { backend: null });
      await second.ok('session.signOut');
      await second.close();

      const third = await startCore({ dir: first.dir });
      expect(third.core.mode).toBe('training');
      expect((await third.ok('session.trainingAccounts')).accounts.length).toBeGreaterThan(0);
      await third.close();
    } finally {
      await first.close();
      await backend.close();
    }
    // Three consoles started one after the other, and two sign-ins: more than the default time on a busy machine.
  }, 60_000);

  it('a backend locked by the installer is used whatever the user file says', async () => {
    const client = await generateClientCredentials();
    const backend = await startSandbox({ clientKeys: [clientKeyOf(client)], mode: 'connected' });
    const setting = { baseUrl: backend.baseUrl, issuerId: backend.issuerId, clientId: client.clientId, keyId: client.keyId };
    try {
      await withCore({ machine: { backend: setting, locked: ['backend'] }, user: { backend: null } }, async (h) => {
        expect(h.core.mode).toBe('connected');
        const view = await h.ok('config.get');
        expect(view).toMatchObject({ lockedFields: ['backend'], sources: { backend: 'machine' }, backend: setting });
        expect(await h.fail('config.set', { backend: null })).toMatchObject({ code: 'CONFIG_LOCKED', fields: ['backend'] });
      });
    } finally {
      await backend.close();
    }
  });
});
