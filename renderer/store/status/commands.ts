import type { CallInput, CallName, CallOutput, Result } from '../../../shared/contract';
import type { SliceCreator } from '../slice';
import type { StatusState } from './initialState';

export interface InternalCallOptions {
  /**
   * The screen that made the call shows its failure itself (a sign-in error beside the form), so
   * the status bar does not repeat it. The link state is still recorded.
   */
  readonly showsOwnError?: boolean;
}

export interface StatusCommands {
  /** Every command's way to main: the client call, with its outcome recorded for the status bar. */
  internal_call<N extends CallName>(name: N, input: CallInput<N>, options?: InternalCallOptions): Promise<Result<CallOutput<N>>>;
  internal_recordResult(result: Result<unknown>, options?: InternalCallOptions): void;
}

/** What a slice needs to reach main. */
export type CallsMain = Pick<StatusCommands, 'internal_call'>;

export const createStatusCommands: SliceCreator<StatusState & StatusCommands, StatusCommands> =
  (deps) =>
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
