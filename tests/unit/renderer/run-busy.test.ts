import { describe, expect, it, vi } from 'vitest';
import { runBusy } from '../../../renderer/store/run-busy';
import { sequentialIds } from './builders';

interface Busy {
  readonly saving: boolean;
  readonly outcome: string | null;
}

const recorder = () => {
  const patches: Partial<Busy>[] = [];
  const deps = { reportError: vi.fn(), newCorrelationId: sequentialIds('bug') };
  return { patches, deps, set: (patch: Partial<Busy>) => patches.push(patch) };
};

describe('runBusy', () => {
  it('raises the flag before the task runs and lowers it after, with the task’s result', async () => {
    const { patches, deps, set } = recorder();
    const result = await runBusy<Busy, string>(set, deps, {
      start: { saving: true, outcome: null },
      end: { saving: false },
      run: async () => {
        expect(patches).toEqual([{ saving: true, outcome: null }]);
        return 'saved';
      },
      onBug: () => 'bug',
    });
    expect(result).toBe('saved');
    expect(patches).toEqual([{ saving: true, outcome: null }, { saving: false }]);
    expect(deps.reportError).not.toHaveBeenCalled();
  });

  it('reports a bug under a fresh id, resolves to what onBug makes of it, and still lowers the flag', async () => {
    const { patches, deps, set } = recorder();
    const boom = new Error('boom');
    const result = await runBusy<Busy, string>(set, deps, {
      start: { saving: true },
      end: { saving: false },
      run: () => Promise.reject(boom),
      onBug: (error) => `${error.code} ${error.correlationId}`,
    });
    expect(result).toBe('INTERNAL bug-1');
    expect(deps.reportError).toHaveBeenCalledWith(boom, 'bug-1');
    expect(patches.at(-1)).toEqual({ saving: false });
  });
});
