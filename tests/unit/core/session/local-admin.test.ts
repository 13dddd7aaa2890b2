import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../../../shared/contract';
import { CallError } from '../../../../electron/core/ipc/dispatch';
import { requireLocalAdmin } from '../../../../electron/core/session/local-admin';
import { startCore, type CoreHarness } from './support/core-harness';

/**
 * The workstation's own setup (settings, signing key) is for admins once someone is signed in;
 * signed out it stays open, which is how a workstation is set up before its first sign-in.
 * Enforced in main, whatever the renderer shows.
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
  it('are open while nobody is signed in', async () => {
    for (const [name, input] of setupCalls()) expect((await h.call(name, input)).ok, name).toBe(true);
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
  const codeOf = (session: ReturnType<typeof status>): string | null => {
    try {
      requireLocalAdmin(session);
      return null;
    } catch (error) {
      return error instanceof CallError ? error.code : 'not a CallError';
    }
  };

  it('decides by session state and role', () => {
    expect(codeOf(status('signedOut', null))).toBeNull();
    expect(codeOf(status('signedIn', 'admin'))).toBeNull();
    expect(codeOf(status('signedIn', 'agent'))).toBe('FORBIDDEN_ROLE');
    expect(codeOf(status('signedIn', 'supervisor'))).toBe('FORBIDDEN_ROLE');
    expect(codeOf(status('locked', 'agent'))).toBe('FORBIDDEN_ROLE');
    expect(codeOf(status('locked', 'admin'))).toBe('SESSION_LOCKED');
  });
});
