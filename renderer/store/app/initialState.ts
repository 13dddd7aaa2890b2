import type { AppInfo, TypedError } from '../../../shared/contract';

/** idle → loading → ready, or failed (with the error to show) until a retry. */
export type BootPhase = 'idle' | 'loading' | 'ready' | 'failed';

export interface AppState {
  readonly info: AppInfo | null;
  readonly phase: BootPhase;
  readonly bootError: TypedError | null;
}

export const initialAppState: AppState = {
  info: null,
  phase: 'idle',
  bootError: null,
};
