import type { LiveStatus, TokenChanged } from '../../../shared/contract';

export interface LiveSliceState {
  /** Main's connection to the backend's event stream; null until asked (and after sign-out). */
  readonly liveStatus: LiveStatus | null;
  /** The last token change announced, whoever's it was (the history panel follows it too). */
  readonly lastTokenChange: TokenChanged | null;
  /** Counts `live.reset`s: a view that holds data re-fetches when it changes. */
  readonly liveResetCount: number;
}

export const initialLiveState: LiveSliceState = {
  liveStatus: null,
  lastTokenChange: null,
  liveResetCount: 0,
};
