import type { Language, Settings } from '../../../shared/contract';
import { runBusy } from '../run-busy';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import type { SettingsState } from './initialState';

export interface SettingsCommands {
  /** Saves the language through main and applies what main answers. */
  setLanguage(language: Language): Promise<void>;
  /** Applies settings main sent (an answer or a settings.changed event). */
  internal_applySettings(settings: Settings): Promise<void>;
}

export const createSettingsCommands: SliceCreator<SettingsState & SettingsCommands & CallsMain, SettingsCommands> =
  (deps) =>
  (set, get) => ({
    setLanguage: async (language) => {
      const { language: current, pendingLanguage } = get();
      if (pendingLanguage !== null || language === current) return;
      await runBusy(set, deps, {
        start: { pendingLanguage: language },
        end: { pendingLanguage: null },
        run: async () => {
          const result = await get().internal_call('settings.set', { language });
          if (result.ok) await get().internal_applySettings(result.data);
        },
        onBug: () => undefined,
      });
    },

    internal_applySettings: async (settings) => {
      set({ language: settings.language });
      await deps.applyLanguage(settings.language);
    },
  });
