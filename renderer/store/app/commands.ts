import type { ConfigCommands } from '../config/commands';
import type { ConfigSliceState } from '../config/initialState';
import type { CredentialsCommands } from '../credentials/commands';
import type { CredentialsSliceState } from '../credentials/initialState';
import type { SessionCommands } from '../session/commands';
import type { SessionSliceState } from '../session/initialState';
import type { SettingsCommands } from '../settings/commands';
import { reportBug } from '../run-busy';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import type { AppState } from './initialState';

export interface AppCommands {
  /**
   * Loads app.info, settings.get (and applies the language), then the session and what the first
   * screen needs; safe to call again after a failure.
   */
  boot(): Promise<void>;
  /** Opens connection settings and loads what they show fresh from main. */
  openSettings(): void;
  closeSettings(): void;
}

type Needs = AppState &
  AppCommands &
  CallsMain &
  Pick<SessionSliceState, 'session'> &
  Pick<SessionCommands, 'internal_loadSession' | 'internal_applySession' | 'internal_loadSignInData'> &
  Pick<SettingsCommands, 'internal_applySettings'> &
  Pick<ConfigSliceState, 'configSaveOutcome'> &
  Pick<ConfigCommands, 'loadConfig'> &
  Pick<CredentialsSliceState, 'credentialsOutcome'> &
  Pick<CredentialsCommands, 'loadCredentials'>;

export const createAppCommands: SliceCreator<Needs, AppCommands> =
  (deps) =>
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
        const session = await get().internal_loadSession();
        if (!session.ok) {
          set({ phase: 'failed', bootError: session.error });
          return;
        }
        get().internal_applySession(session.data);
        // Configuration problems and training accounts belong on the first screen, so they load
        // before it shows; their own failures are shown where they would have been, not as a boot failure.
        if (session.data.state === 'signedOut') await get().internal_loadSignInData();
        else await get().loadConfig();
        set({ phase: 'ready' });
      } catch (error) {
        // A bug, not a typed failure: still show the panel, under an id that is also in the log.
        set({ phase: 'failed', bootError: reportBug(deps, error) });
      }
    },

    openSettings: () => {
      set({ settingsOpen: true, configSaveOutcome: null, credentialsOutcome: null });
      void get().loadConfig();
      void get().loadCredentials();
    },

    // The public key stays: there is no call to read it again, and the administrator may still need to copy it.
    closeSettings: () => set({ settingsOpen: false, configSaveOutcome: null, credentialsOutcome: null }),
  });
