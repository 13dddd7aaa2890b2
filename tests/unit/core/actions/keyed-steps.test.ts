import { describe, expect, it } from 'vitest';
import { createKeyedSteps } from '../../../../electron/core/actions/keyed-steps';

/** One step at a time per action; a wake-up that arrives mid-step is kept, never lost or doubled. */
const setup = () => {
  const log: string[] = [];
  let release: (() => void) | null = null;
  const steps = createKeyedSteps({
    step: async (key) => {
      log.push(`start ${key}`);
      if (key === 'slow') await new Promise<void>((resolve) => (release = resolve));
      if (key === 'broken' && log.filter((line) => line === 'start broken').length === 1) throw new Error('first try fails');
      log.push(`end ${key}`);
    },
    onError: (key) => log.push(`error ${key}`),
    retryMs: 10,
    now: Date.now,
  });
  return { steps, log, release: () => release?.() };
};

describe('keyed steps', () => {
  it('runs a step asked for mid-step once more afterwards, however often it was asked', async () => {
    const { steps, log, release } = setup();
    steps.run('slow');
    steps.run('slow');
    steps.run('slow');
    expect(steps.isRunning('slow')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    await new Promise((resolve) => setTimeout(resolve, 5));
    release();
    await steps.idle(0);
    expect(log).toEqual(['start slow', 'end slow', 'start slow', 'end slow']);
  });

  it('keeps the earlier of two wake-ups, and retries a step that threw', async () => {
    const { steps, log } = setup();
    steps.wake('fast', 5_000);
    steps.wake('fast', 5);
    steps.wake('broken', 0);
    await steps.idle(1_000);
    expect(log.filter((line) => line.endsWith('fast'))).toEqual(['start fast', 'end fast']);
    expect(log.filter((line) => line.endsWith('broken'))).toEqual(['start broken', 'error broken', 'start broken', 'end broken']);
    await steps.close();
  });

  it('runs nothing after close', async () => {
    const { steps, log } = setup();
    steps.wake('fast', 20);
    await steps.close();
    steps.run('fast');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(log).toEqual([]);
  });
});
