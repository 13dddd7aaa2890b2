import type { StateCreator } from 'zustand';
import type { CallInput, CallName, CallOutput, Result } from '../../../shared/contract';
import type { DeskStore } from '../desk-store';
import type { StoreDeps } from '../deps';

export interface StatusActions {
  /** Every action's way to main: the client call, with its outcome recorded for the status bar. */
  internal_call<N extends CallName>(name: N, input: CallInput<N>): Promise<Result<CallOutput<N>>>;
  internal_recordResult(result: Result<unknown>): void;
}

export const createStatusActions =
  (deps: StoreDeps): StateCreator<DeskStore, [], [], StatusActions> =>
  (set, get) => ({
    internal_call: async (name, input) => {
      const result = await deps.client.call(name, input);
      get().internal_recordResult(result);
      return result;
    },

    internal_recordResult: (result) => {
      if (result.ok) set({ link: 'online', lastFailure: null });
      else set({ link: result.error.code === 'TRANSPORT' ? 'offline' : 'online', lastFailure: result.error });
    },
  });
