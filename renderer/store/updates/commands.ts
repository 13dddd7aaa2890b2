import type { UpdateReady } from '../../../shared/contract';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import type { UpdatesState } from './initialState';

export interface UpdatesCommands {
  /** Asks main where the update stands (at start, and when the notice opens). */
  loadUpdateStatus(): Promise<void>;
  /** The agent chose to restart and update now; main refuses while an action is under way. */
  installUpdate(): Promise<void>;
  /** main's update.ready event. */
  internal_applyUpdateReady(ready: UpdateReady): void;
}

export const createUpdatesCommands: SliceCreator<UpdatesState & UpdatesCommands & CallsMain, UpdatesCommands> =
  () =>
  (set, get) => ({
    loadUpdateStatus: async () => {
      // The notice is a courtesy: a failed read says nothing and waits for the next event.
      const result = await get().internal_call('updates.status', {}, { showsOwnError: true });
      if (result.ok) set({ update: result.data });
    },

    installUpdate: async () => {
      if (get().updateInstalling) return;
      set({ updateInstalling: true, updateInstallError: null });
      const result = await get().internal_call('updates.install', {}, { showsOwnError: true });
      // On success main quits and starts the new version; this window goes with it.
      if (!result.ok) {
        set({ updateInstalling: false, updateInstallError: result.error });
        await get().loadUpdateStatus();
      }
    },

    internal_applyUpdateReady: ({ version }) => {
      set((state) => ({ update: { state: 'ready', version, heldByActions: state.update?.heldByActions ?? false } }));
    },
  });
