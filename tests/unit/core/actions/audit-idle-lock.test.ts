import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SATO, openDesk, startBackend, type Backend, type Desk } from './support/desk';

/**
 * The console's idle lock reaches the backend's audit trail: core tells the backend it locked
 * (in the background, the lock itself never waits), and the unlock is the password check the
 * backend records itself. Over real HTTP, against a standalone training backend.
 */
let backend: Backend;
let desk: Desk;

beforeAll(async () => {
  backend = await startBackend();
  desk = await openDesk(backend);
}, 60_000);

afterAll(async () => {
  await desk.close();
  await backend.close();
});

describe('the idle lock in the audit trail', () => {
  it('records IDLE_LOCK with the configured minutes when the console locks, and IDLE_UNLOCK when the agent unlocks', async () => {
    await desk.ok('session.signIn', SATO);
    const locked = await desk.ok('session.lock');
    expect(locked.state).toBe('locked');
    const trail = () => backend.sandbox.audit.list({ agentId: SATO.agentId }, null, 10).items.map((record) => record.kind);
    for (let i = 0; i < 200 && trail()[0] !== 'IDLE_LOCK'; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(trail().slice(0, 2)).toEqual(['IDLE_LOCK', 'SIGN_IN']);
    const [lock] = backend.sandbox.audit.list({ agentId: SATO.agentId, kind: 'IDLE_LOCK' }, null, 1).items;
    expect(lock).toMatchObject({ actor: { agentId: SATO.agentId }, detail: { idleMinutes: 15 } });
    await desk.ok('session.unlock', { password: SATO.password });
    expect(trail()[0]).toBe('IDLE_UNLOCK');
  });
});
