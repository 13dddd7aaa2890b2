import type { StateCreator } from 'zustand';
import type { CallInput, CallName, CallOutput, Result } from '../../../shared/contract';
import type { DeskStore } from '../desk-store';
import type { StoreDeps } from '../deps';

export interface InternalCallOptions {
  /**
   * The screen that made the call shows its failure itself (a sign-in error beside the form), so
   * the status bar does not repeat it. The link state is still recorded.
   */
  readonly showsOwnError?: boolean;
}

export interface StatusActions {
  /** Every action's way to main: the client call, with its outcome recorded for the status bar. */
  internal_call<N extends CallName>(name: N, input: CallInput<N>, options?: InternalCallOptions): Promise<Result<CallOutput<N>>>;
  internal_recordResult(result: Result<unknown>, options?: InternalCallOptions): void;
}

export const createStatusActions =
  (deps: StoreDeps): StateCreator<DeskStore, [], [], StatusActions> =>
  (set, get) => ({
    internal_call: async (name, input, options) => {
      const result = await deps.client.call(name, input);
      get().internal_recordResult(result, options);
      return result;
    },

    internal_recordResult: (result, options) => {
      if (result.ok) set({ link: 'online', lastFailure: null });
      else {
        const link = result.error.code === 'TRANSPORT' ? 'offline' : 'online';
        set(options?.showsOwnError ? { link } : { link, lastFailure: result.error });
      }
    },
  });
