import type { AdminSliceState } from './admin/initialState';
import { adminSelectors } from './admin/selectors';
import type { AppState } from './app/initialState';
import type { SessionSliceState } from './session/initialState';
import { sessionSelectors } from './session/selectors';

/** Which screen fills the main area. The lock screen is not one of them: it covers whatever is there. */
export type Screen = 'boot' | 'signIn' | 'workspace' | 'connectionSettings' | 'templates';

export const screenSelectors = {
  screen: (s: Pick<AppState, 'phase' | 'settingsOpen'> & Pick<SessionSliceState, 'session'> & Partial<Pick<AdminSliceState, 'templateEditor'>>): Screen => {
    if (s.phase !== 'ready' || s.session === null) return 'boot';
    if (s.settingsOpen && sessionSelectors.canOpenConnectionSettings(s)) return 'connectionSettings';
    if (s.templateEditor !== undefined && adminSelectors.templateEditorShown({ templateEditor: s.templateEditor, session: s.session })) return 'templates';
    return s.session.state === 'signedOut' ? 'signIn' : 'workspace';
  },
};
