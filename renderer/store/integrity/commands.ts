import type { IntegrityNotices } from '../../../shared/contract';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import type { IntegrityState } from './initialState';

export interface IntegrityCommands {
  /** Asks main what it found (at start: its event may have come before this window). */
  loadIntegrityNotices(): Promise<void>;
  /** main's integrity.changed event: the whole list, replacing what was shown. */
  internal_applyIntegrityNotices(notices: IntegrityNotices): void;
}

export const createIntegrityCommands: SliceCreator<IntegrityState & IntegrityCommands & CallsMain, IntegrityCommands> =
  () =>
  (set, get) => ({
    loadIntegrityNotices: async () => {
      // The banner waits for the next event if this read fails; the failure shows in the status bar.
      const result = await get().internal_call('integrity.notices', {});
      if (result.ok) set({ integrityNotices: result.data.notices });
    },

    internal_applyIntegrityNotices: ({ notices }) => set({ integrityNotices: notices }),
  });
