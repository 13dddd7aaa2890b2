import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../../shared/contract';
import { CallError } from '../../../../electron/core/ipc/dispatch';
import { requireLocalAdmin } from '../../../../electron/core/session/local-admin';
import { startCore, type CoreHarness } from './support/core-harness';

/**
 * The workstation's own setup (settings, signing key), through the real dispatcher: before the
 * workstation holds a key it may be set up signed out (nothing to sign in against yet); once
 * enrolled, only an administrator signed in may change it, and the installer can lock the key for
 * everyone. Enforced in core, whatever the renderer shows.
 */
const ecPem = (): string => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const agents = {
  agent: { agentId: 'agent.sato', password: 'Training-Sato-2026' },
  supervisor: { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' },
  admin: { agentId: 'admin.tanaka', password: 'Training-Tanaka-2026' },
};
const setupCalls = () =>
  [
    ['config.set', { idleLockMinutes: 10 }],
    ['credentials.generateKey', {}],
    ['credentials.importKey', { pem: ecPem() }],
  ] as const;

let h: CoreHarness;
beforeAll(async () => {
  h = await startCore();
}, 30_000);
afterAll(async () => {
  await h.close();
});

describe('workstation setup calls', () => {
  it('are open signed out only until the workstation holds a key; then an administrator must sign in, and nothing changes', async () => {
    const fresh = await startCore();
    try {
      expect((await fresh.ok('credentials.status')).configured).toBe(false);
      expect((await fresh.call('config.set', { idleLockMinutes: 12 })).ok).toBe(true);
      expect((await fresh.call('credentials.importKey', { pem: ecPem() })).ok).toBe(true);
      const before = { config: await fresh.ok('config.get'), key: await fresh.ok('credentials.status') };
      expect(before.key.configured).toBe(true);
      for (const [name, input] of setupCalls()) expect(await fresh.fail(name, input), name).toMatchObject({ code: 'ADMIN_REQUIRED', messageKey: 'errors.adminRequired' });
      expect(await fresh.ok('config.get')).toEqual(before.config);
      expect(await fresh.ok('credentials.status')).toEqual(before.key);
      // The UI language is the seat's harmless preference: open to anyone.
      expect(await fresh.ok('settings.set', { language: 'en' })).toEqual({ language: 'en' });
    } finally {
      await fresh.close();
    }
  });

  it.each([['agent'], ['supervisor']] as const)('answer FORBIDDEN_ROLE to a signed-in %s, and change nothing', async (role) => {
    await h.ok('session.signIn', agents[role]);
    const before = { config: await h.ok('config.get'), key: await h.ok('credentials.status') };
    for (const [name, input] of setupCalls()) expect(await h.fail(name, input), name).toMatchObject({ code: 'FORBIDDEN_ROLE', messageKey: 'errors.forbiddenRole' });
    // Reading stays allowed (the settings screen shows what is set), and nothing changed.
    expect(await h.ok('config.get')).toEqual(before.config);
    expect(await h.ok('credentials.status')).toEqual(before.key);
    await h.ok('session.signOut');
  });

  it('are allowed to a signed-in admin, but not while the console is locked', async () => {
    await h.ok('session.signIn', agents.admin);
    for (const [name, input] of setupCalls()) expect((await h.call(name, input)).ok, name).toBe(true);
    await h.ok('session.lock');
    for (const [name, input] of setupCalls()) expect(await h.fail(name, input), name).toMatchObject({ code: 'SESSION_LOCKED' });
    await h.ok('session.unlock', { password: agents.admin.password });
    await h.ok('session.signOut');
    // Signed out again, the workstation now holds a key: no change without an administrator.
    for (const [name, input] of setupCalls()) expect(await h.fail(name, input), name).toMatchObject({ code: 'ADMIN_REQUIRED' });
  });

  it('still refuse what the installer locked, whoever asks', async () => {
    const locked = await startCore({ machine: { idleLockMinutes: 5, locked: ['idleLockMinutes'] } });
    try {
      expect(await locked.fail('config.set', { idleLockMinutes: 10 })).toMatchObject({ code: 'CONFIG_LOCKED' });
      await locked.ok('session.signIn', agents.admin);
      expect(await locked.fail('config.set', { idleLockMinutes: 10 })).toMatchObject({ code: 'CONFIG_LOCKED' });
      await locked.ok('session.signOut');
    } finally {
      await locked.close();
    }
  });

  it('never generate or import a key where the installer locked workstationKey, an administrator neither, the first time neither', async () => {
    const locked = await startCore({ machine: { locked: ['workstationKey'] } });
    try {
      expect((await locked.ok('config.get')).problems).toEqual([]);
      for (const [name, input] of setupCalls().slice(1)) expect(await locked.fail(name, input), name).toMatchObject({ code: 'CONFIG_LOCKED', fields: ['workstationKey'] });
      await locked.ok('session.signIn', agents.admin);
      for (const [name, input] of setupCalls().slice(1)) expect(await locked.fail(name, input), name).toMatchObject({ code: 'CONFIG_LOCKED' });
      // The other settings are not locked by it.
      expect((await locked.call('config.set', { idleLockMinutes: 10 })).ok).toBe(true);
      expect((await locked.ok('credentials.status')).configured).toBe(false);
      await locked.ok('session.signOut');
    } finally {
      await locked.close();
    }
  });

  it('name a lockable key the schema does not know as a problem of the file', async () => {
    const odd = await startCore({ machine: { locked: ['workstationKeys'] } });
    try {
      expect((await odd.ok('config.get')).problems).toEqual([expect.objectContaining({ field: 'locked.0', message: expect.stringContaining('workstationKey') })]);
    } finally {
      await odd.close();
    }
  });
});

describe('requireLocalAdmin', () => {
  const status = (state: SessionStatus['state'], role: 'agent' | 'supervisor' | 'admin' | null): Pick<{ status(): SessionStatus }, 'status'> => ({
    status: () => ({
      state,
      agent: role === null ? null : { agentId: 'some.one', name: 'Some One', role },
      workstationId: 'WS-1',
      idleLockMinutes: 15,
    }),
  });
  const codeOf = async (session: ReturnType<typeof status>, enrolled = true): Promise<string | null> => {
    try {
      await requireLocalAdmin({ session, enrolled: async () => enrolled });
      return null;
    } catch (error) {
      return error instanceof CallError ? error.code : 'not a CallError';
    }
  };

  it('decides by enrolment, session state and role', async () => {
    expect(await codeOf(status('signedOut', null), false)).toBeNull();
    expect(await codeOf(status('signedOut', null), true)).toBe('ADMIN_REQUIRED');
    expect(await codeOf(status('signedIn', 'admin'))).toBeNull();
    expect(await codeOf(status('signedIn', 'agent'))).toBe('FORBIDDEN_ROLE');
    expect(await codeOf(status('signedIn', 'supervisor'))).toBe('FORBIDDEN_ROLE');
    expect(await codeOf(status('locked', 'agent'))).toBe('FORBIDDEN_ROLE');
    expect(await codeOf(status('locked', 'admin'))).toBe('SESSION_LOCKED');
  });
});
