import type { LiveStatus, TokenChanged } from '../../../shared/contract';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import type { LiveSliceState } from './initialState';

export interface LiveCommands {
  /** Asks main for the live connection's state (events keep it current afterwards). */
  loadLiveStatus(): Promise<void>;
  internal_applyLiveStatus(status: LiveStatus): void;
  internal_applyTokenChanged(change: TokenChanged): void;
  internal_applyLiveReset(): void;
}

export const createLiveCommands: SliceCreator<LiveSliceState & LiveCommands & CallsMain, LiveCommands> = () => (set, get) => ({
  loadLiveStatus: async () => {
    // The status bar shows nothing rather than a guess when main cannot say.
    const result = await get().internal_call('live.status', {}, { showsOwnError: true });
    if (result.ok) get().internal_applyLiveStatus(result.data);
  },

  internal_applyLiveStatus: (status) => {
    const previous = get().liveStatus;
    // An answer to loadLiveStatus can arrive after a newer event; the newer state wins.
    if (previous !== null && Date.parse(previous.since) > Date.parse(status.since)) return;
    set({ liveStatus: status });
  },

  internal_applyTokenChanged: (change) => set({ lastTokenChange: change }),

  internal_applyLiveReset: () => set((s) => ({ liveResetCount: s.liveResetCount + 1 })),
});
