import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallError } from '../../../../electron/core/ipc/dispatch';
import { LOCKOUT_THRESHOLD, startSandboxWithCredentials } from '../../../../sandbox/index';
import { startCore, withoutCorrelation, type CoreHarness } from './support/core-harness';

/**
 * The agent session against the in-process training backend, over real HTTP: core starts the
 * sandbox through its port, exactly as main does in training mode. One sandbox for this file.
 */
let h: CoreHarness;
beforeAll(async () => {
  h = await startCore();
}, 30_000);
afterAll(async () => {
  await h.close();
});

const sato = { agentId: 'agent.sato', password: 'Training-Sato-2026' };
const sandbox = () => {
  const started = h.training.started[0];
  if (!started) throw new Error('the training backend was not started');
  return started.sandbox;
};
const sessionEvents = () => h.events.filter((event) => event.name === 'session.changed').map((event) => event.payload);

describe('training mode', () => {
  it('starts the training backend once and says so', async () => {
    expect(h.core.mode).toBe('training');
    expect(h.training.started).toHaveLength(1);
    expect(await h.ok('app.info')).toMatchObject({ mode: 'training' });
    expect(await h.ok('session.status')).toEqual({ state: 'signedOut', agent: null, workstationId: 'WS-TEST-01', idleLockMinutes: 15 });
  });

  it('lists the training accounts with their names for the sign-in screen', async () => {
    const { accounts } = await h.ok('session.trainingAccounts');
    expect(accounts).toContainEqual({ agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent', password: 'Training-Sato-2026' });
    expect(accounts.map((account) => account.role)).toEqual(expect.arrayContaining(['agent', 'supervisor', 'admin']));
    expect(accounts.map((account) => account.agentId)).toContain('agent.lockout');
  });

  it('keeps the training key in memory only: the workstation store stays empty', async () => {
    expect(await h.ok('credentials.status')).toEqual({ configured: false, keyId: null, storageBackend: 'file', persisted: true, enrolmentCodeRequired: false });
  });
});

describe('sign-in', () => {
  it('signs an agent in against the backend and tells the renderer', async () => {
    const before = sessionEvents().length;
    const status = await h.ok('session.signIn', sato);
    expect(status).toEqual({ state: 'signedIn', agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' }, workstationId: 'WS-TEST-01', idleLockMinutes: 15 });
    expect(sessionEvents().slice(before)).toEqual([status]);
    expect(sandbox().store.sessions.size).toBe(1);
    // The call's correlation id is the backend request's: one id from renderer to backend.
    const call = h.calls.at(-1);
    const backendCall = h.logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((record) => record.msg === 'backend call' && record.endpoint === 'signIn').at(-1);
    expect(backendCall?.correlationId).toBe(call?.correlationId);
    await h.ok('session.signOut');
  });

  it('answers a wrong password and an unknown agent identically', async () => {
    const wrongPassword = await h.fail('session.signIn', { agentId: 'supervisor.suzuki', password: 'not-the-password' });
    const unknownAgent = await h.fail('session.signIn', { agentId: 'nobody.here', password: 'not-the-password' });
    expect(wrongPassword).toMatchObject({ code: 'SIGN_IN_FAILED', messageKey: 'errors.signInFailed' });
    expect(withoutCorrelation(unknownAgent)).toEqual(withoutCorrelation(wrongPassword));
    expect((await h.ok('session.status')).state).toBe('signedOut');
  });

  it(`locks the account on the ${LOCKOUT_THRESHOLD}th failure, and then refuses even the right password`, async () => {
    const codes: string[] = [];
    for (let attempt = 1; attempt <= LOCKOUT_THRESHOLD; attempt += 1) {
      codes.push((await h.fail('session.signIn', { agentId: 'agent.lockout', password: `wrong-${attempt}` })).code);
    }
    expect(codes.slice(0, LOCKOUT_THRESHOLD - 1)).toEqual(Array(LOCKOUT_THRESHOLD - 1).fill('SIGN_IN_FAILED'));
    expect(codes.at(-1)).toBe('ACCOUNT_LOCKED');
    const locked = await h.fail('session.signIn', { agentId: 'agent.lockout', password: 'Training-Lockout-2026' });
    expect(locked).toMatchObject({ code: 'ACCOUNT_LOCKED', messageKey: 'errors.accountLocked', backend: { code: 'ACCOUNT_LOCKED', category: 'F' } });
    // Other agents are untouched.
    expect((await h.ok('session.signIn', sato)).state).toBe('signedIn');
    await h.ok('session.signOut');
  });
});

describe('lock and unlock', () => {
  it('locks, refuses data calls while locked, and unlocks with the right password only', async () => {
    await h.ok('session.signIn', sato);
    expect(h.core.session.requireAgent().agent.agentId).toBe('agent.sato');

    const locked = await h.ok('session.lock');
    expect(locked).toMatchObject({ state: 'locked', agent: { agentId: 'agent.sato' } });
    expect(sessionEvents().at(-1)).toEqual(locked);
    expect(() => h.core.session.requireAgent()).toThrow(expect.objectContaining({ code: 'SESSION_LOCKED' }));

    expect(await h.fail('session.unlock', { password: 'wrong' })).toMatchObject({ code: 'SIGN_IN_FAILED' });
    expect((await h.ok('session.status')).state).toBe('locked');

    const unlocked = await h.ok('session.unlock', { password: sato.password });
    expect(unlocked).toMatchObject({ state: 'signedIn', agent: { agentId: 'agent.sato' } });
    expect(sessionEvents().at(-1)).toEqual(unlocked);
    // Locking twice or unlocking an unlocked console changes nothing.
    expect((await h.ok('session.unlock', { password: 'anything' })).state).toBe('signedIn');
    await h.ok('session.lock');
    expect((await h.ok('session.lock')).state).toBe('locked');
    await h.ok('session.signOut');
  });

  it('signs the agent out when wrong unlock passwords lock the account', async () => {
    await h.ok('session.signIn', { agentId: 'agent.kobayashi', password: 'Training-Kobayashi-2026' });
    await h.ok('session.lock');
    const codes: string[] = [];
    for (let attempt = 1; attempt <= LOCKOUT_THRESHOLD; attempt += 1) codes.push((await h.fail('session.unlock', { password: `wrong-${attempt}` })).code);
    expect(codes.at(-2)).toBe('SIGN_IN_FAILED');
    expect(codes.at(-1)).toBe('ACCOUNT_LOCKED');
    expect(await h.ok('session.status')).toMatchObject({ state: 'signedOut', agent: null });
    expect(sessionEvents().at(-1)).toMatchObject({ state: 'signedOut' });
    expect(await h.fail('session.unlock', { password: 'Training-Kobayashi-2026' })).toMatchObject({ code: 'SIGNED_OUT' });
  });
});

describe('sign-out and the guard', () => {
  it('ends the session at the backend and forgets it in main', async () => {
    await h.ok('session.signIn', sato);
    const sessionsBefore = sandbox().store.sessions.size;
    const status = await h.ok('session.signOut');
    expect(status).toMatchObject({ state: 'signedOut', agent: null });
    expect(sandbox().store.sessions.size).toBe(sessionsBefore - 1);
    expect(await h.ok('session.status')).toMatchObject({ state: 'signedOut', agent: null });
    expect(h.core.session.identity()).toBeNull();
    expect(() => h.core.session.requireAgent()).toThrow(expect.objectContaining({ code: 'SIGNED_OUT' }));
    // Signing out twice is harmless.
    expect((await h.ok('session.signOut')).state).toBe('signedOut');
  });

  it('forgets the session when the backend says it is gone during a data call', async () => {
    await h.ok('session.signIn', sato);
    sandbox().store.sessions.clear();
    const connection = h.core.connection;
    if (connection.state !== 'ready') throw new Error('no backend');
    await expect(
      h.core.session.withAgent(() => connection.client.request('searchCardholders', { query: { q: '佐藤' } })),
    ).rejects.toMatchObject({ failure: { kind: 'api', code: 'AGENT_SESSION_REQUIRED' } });
    expect((await h.ok('session.status')).state).toBe('signedOut');
  });

  it('runs a data call for a signed-in agent, with the agent headers', async () => {
    await h.ok('session.signIn', sato);
    const connection = h.core.connection;
    if (connection.state !== 'ready') throw new Error('no backend');
    const result = await h.core.session.withAgent(() => connection.client.request('searchCardholders', { query: { q: '佐藤' } }));
    expect(result.items.length).toBeGreaterThan(0);
    await h.ok('session.lock');
    await expect(h.core.session.withAgent(async () => 'never')).rejects.toBeInstanceOf(CallError);
    await h.ok('session.signOut');
  });

  it('replaces a locked session when another agent signs in, ending the first at the backend', async () => {
    await h.ok('session.signIn', sato);
    await h.ok('session.lock');
    const before = sandbox().store.sessions.size;
    const status = await h.ok('session.signIn', { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' });
    expect(status).toMatchObject({ state: 'signedIn', agent: { agentId: 'supervisor.suzuki', role: 'supervisor' } });
    expect(sandbox().store.sessions.size).toBe(before);
    await h.ok('session.signOut');
  });
});

describe('when the backend cannot be reached', () => {
  it('still signs the agent out, and logs that the backend did not hear of it', async () => {
    const local = await startCore();
    try {
      await local.ok('session.signIn', sato);
      await local.training.started[0]?.sandbox.close();
      const status = await local.ok('session.signOut');
      expect(status.state).toBe('signedOut');
      expect(local.logLines.some((line) => line.includes('backend sign-out failed'))).toBe(true);
      expect(await local.fail('session.signIn', sato)).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
    } finally {
      await local.close();
    }
  });

  it('opens even when the training backend does not start, and says why on sign-in', async () => {
    const local = await startCore({
      startTrainingBackend: async () => {
        throw new Error('port in use');
      },
    });
    try {
      expect(local.core.mode).toBe('training');
      expect((await local.ok('app.info')).mode).toBe('training');
      expect(await local.fail('session.signIn', sato)).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
      expect(await local.ok('session.trainingAccounts')).toEqual({ accounts: [] });
    } finally {
      await local.close();
    }
  });

  it('refuses credentials that do not match their schema, closes that backend and opens without it', async () => {
    let closed = 0;
    const local = await startCore({
      startTrainingBackend: async () => {
        const { sandbox, credentials } = await startSandboxWithCredentials({ port: 0, mode: 'training' });
        return {
          // A training bundle from another build, say, that names the key differently.
          credentials: { ...credentials, privateKeyPem: 'not a key' },
          close: async () => {
            closed += 1;
            await sandbox.close();
          },
        };
      },
    });
    try {
      expect(closed).toBe(1);
      expect(await local.fail('session.signIn', sato)).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
      expect(await local.ok('session.trainingAccounts')).toEqual({ accounts: [] });
      expect(local.logLines.some((line) => line.includes('privateKeyPem') && line.includes('do not match their schema'))).toBe(true);
      expect(local.logLines.some((line) => line.includes('not a key'))).toBe(false);
    } finally {
      await local.close();
    }
  });

  it("refuses a training backend that hands over the platform's key: core signs as a workstation only", async () => {
    let closed = 0;
    const local = await startCore({
      startTrainingBackend: async () => {
        const { sandbox, credentials } = await startSandboxWithCredentials({ port: 0, mode: 'training' });
        return {
          // The whole credentials file, platform key included, as a careless starter would pass it.
          credentials,
          close: async () => {
            closed += 1;
            await sandbox.close();
          },
        };
      },
    });
    try {
      expect(closed).toBe(1);
      expect(await local.fail('session.signIn', sato)).toMatchObject({ code: 'BACKEND_UNAVAILABLE' });
      expect(local.logLines.some((line) => line.includes('platform') && line.includes('do not match their schema'))).toBe(true);
      expect(local.logLines.some((line) => line.includes('BEGIN PRIVATE KEY'))).toBe(false);
    } finally {
      await local.close();
    }
  });

  it('stops the training backend when core closes', async () => {
    const local = await startCore();
    await local.ok('session.signIn', sato);
    await local.close();
    expect(local.training.closedCount()).toBe(1);
    await expect(fetch(`${local.training.started[0]?.credentials.baseUrl}/openapi.json`)).rejects.toThrow();
  });
});
