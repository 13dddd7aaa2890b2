// An installer turns training mode off in the machine-wide file: with no backend configured, the
// console starts no training backend and says why, naming the file and the field.
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type CoreHarness } from '../core/session/support/core-harness';

let harness: CoreHarness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('"training": false', () => {
  it('starts no training backend and says that no backend is configured', async () => {
    let started = 0;
    harness = await startCore({
      machine: { training: false, locked: ['training'] },
      startTrainingBackend: async () => {
        started += 1;
        throw new Error('must not start');
      },
    });
    expect(started).toBe(0);
    const info = await harness.ok('app.info');
    expect(info.mode).toBe('connected');
    const config = await harness.ok('config.get');
    expect(config.problems).toEqual([
      { file: config.files.machine, field: 'training', message: expect.stringContaining('training mode is turned off on this workstation and no backend is configured') },
    ]);
    await harness.fail('session.trainingAccounts');
    const signIn = await harness.call('session.signIn', { agentId: 'agent.sato', password: 'Training-Sato-2026' });
    expect(signIn).toMatchObject({ ok: false, error: { code: 'NOT_CONFIGURED' } });
  });

  it('keeps training mode where the installer leaves it on', async () => {
    harness = await startCore({ machine: { training: true } });
    expect((await harness.ok('app.info')).mode).toBe('training');
  });
});
