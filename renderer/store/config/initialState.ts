import type { ConfigView, TypedError } from '../../../shared/contract';

export type ConfigSaveOutcome =
  | { readonly kind: 'saved'; readonly restartRequired: boolean; readonly changed: boolean }
  | { readonly kind: 'failed'; readonly error: TypedError };

export interface ConfigSliceState {
  /** The configuration as main merged it, with locked fields and problems; null until loaded. */
  readonly config: ConfigView | null;
  readonly configLoadError: TypedError | null;
  /** A load is under way; the settings form waits for it, so it never starts from stale values. */
  readonly configLoading: boolean;
  readonly configSaving: boolean;
  /** The answer to the last save, for the settings screen; cleared when the screen closes. */
  readonly configSaveOutcome: ConfigSaveOutcome | null;
}

export const initialConfigState: ConfigSliceState = {
  config: null,
  configLoadError: null,
  configLoading: false,
  configSaving: false,
  configSaveOutcome: null,
};
