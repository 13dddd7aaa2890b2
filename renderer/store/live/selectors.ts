import type { LiveSliceState } from './initialState';

type S = LiveSliceState;

/** What the status bar says: the stream's state, and which attempt a reconnection is on. */
export type LiveDisplay = { readonly state: 'idle' | 'connecting' | 'connected' } | { readonly state: 'reconnecting'; readonly attempt: number };

export const liveSelectors = {
  status: (s: S) => s.liveStatus,
  lastTokenChange: (s: S) => s.lastTokenChange,
  liveResetCount: (s: S) => s.liveResetCount,
  display: (s: Pick<S, 'liveStatus'>): LiveDisplay | null => {
    const status = s.liveStatus;
    if (status === null) return null;
    // Attempt 0 is the first try after the drop; agents count from one.
    if (status.state === 'reconnecting') return { state: 'reconnecting', attempt: Math.max(1, status.attempt) };
    return { state: status.state };
  },
};
