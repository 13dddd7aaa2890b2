import type { ConfigPatch, ConfigView } from '../../../shared/contract';
import { runBusy } from '../run-busy';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import type { ConfigSliceState } from './initialState';

export interface ConfigCommands {
  loadConfig(): Promise<void>;
  /** Sends the user's changes; main validates them again and refuses locked fields. Resolves to the saved configuration, or null. */
  saveConfig(patch: ConfigPatch): Promise<ConfigView | null>;
  dismissConfigOutcome(): void;
  /** Applies a configuration main sent (an answer or a config.changed event). */
  internal_applyConfig(view: ConfigView): void;
}

export const createConfigCommands: SliceCreator<ConfigSliceState & ConfigCommands & CallsMain, ConfigCommands> =
  (deps) =>
  (set, get) => ({
    loadConfig: () =>
      runBusy(set, deps, {
        start: { configLoading: true },
        end: { configLoading: false },
        run: async () => {
          const result = await get().internal_call('config.get', {}, { showsOwnError: true });
          if (result.ok) {
            get().internal_applyConfig(result.data);
            set({ configLoadError: null });
          } else set({ configLoadError: result.error });
        },
        onBug: () => undefined,
      }),

    saveConfig: async (patch) => {
      if (get().configSaving) return null;
      return runBusy(set, deps, {
        start: { configSaving: true, configSaveOutcome: null },
        end: { configSaving: false },
        run: async () => {
          const changed = Object.keys(patch).length > 0;
          const result = changed
            ? await get().internal_call('config.set', patch, { showsOwnError: true })
            : await get().internal_call('config.get', {}, { showsOwnError: true });
          if (!result.ok) {
            set({ configSaveOutcome: { kind: 'failed', error: result.error } });
            return null;
          }
          get().internal_applyConfig(result.data);
          set({ configSaveOutcome: { kind: 'saved', restartRequired: result.data.restartRequired, changed } });
          return result.data;
        },
        onBug: () => null,
      });
    },

    dismissConfigOutcome: () => set({ configSaveOutcome: null }),

    internal_applyConfig: (view) => set({ config: view }),
  });
