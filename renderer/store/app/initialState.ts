import type { AppInfo, TypedError } from '../../../shared/contract';

/** idle → loading → ready, or failed (with the error to show) until a retry. */
export type BootPhase = 'idle' | 'loading' | 'ready' | 'failed';

export interface AppState {
  readonly info: AppInfo | null;
  readonly phase: BootPhase;
  readonly bootError: TypedError | null;
  /** The connection settings screen is open (over the sign-in screen, or over the workspace for an administrator). */
  readonly settingsOpen: boolean;
}

export const initialAppState: AppState = {
  info: null,
  phase: 'idle',
  bootError: null,
  settingsOpen: false,
};
