import type { StateCreator } from 'zustand';
import { failure } from '../../../shared/contract';
import type { DeskStore } from '../desk-store';
import type { StoreDeps } from '../deps';

export interface AppActions {
  /** Loads app.info, then settings.get, and applies the language; safe to call again after a failure. */
  boot(): Promise<void>;
  /** Follows events from main (another window changed the settings). Returns the unsubscribe. */
  listen(): () => void;
}

export const createAppActions =
  (deps: StoreDeps): StateCreator<DeskStore, [], [], AppActions> =>
  (set, get) => ({
    boot: async () => {
      if (get().phase === 'loading') return;
      set({ phase: 'loading', bootError: null });
      try {
        const info = await get().internal_call('app.info', {});
        if (!info.ok) {
          set({ phase: 'failed', bootError: info.error });
          return;
        }
        set({ info: info.data });
        await deps.applyLanguage(info.data.locale);
        const settings = await get().internal_call('settings.get', {});
        if (!settings.ok) {
          set({ phase: 'failed', bootError: settings.error });
          return;
        }
        await get().internal_applySettings(settings.data);
        set({ phase: 'ready' });
      } catch (error) {
        // A bug, not a typed failure: still show the panel, under an id that is also in the log.
        const correlationId = deps.newCorrelationId();
        set({ phase: 'failed', bootError: failure('INTERNAL', correlationId).error });
        deps.reportError(error, correlationId);
      }
    },

    listen: () =>
      deps.client.onEvent((event) => {
        switch (event.name) {
          case 'settings.changed':
            void get().internal_applySettings(event.payload);
            break;
        }
      }),
  });
