import type { AppState } from './app/initialState';
import type { SessionSliceState } from './session/initialState';
import { sessionSelectors } from './session/selectors';

/** Which screen fills the main area. The lock screen is not one of them: it covers whatever is there. */
export type Screen = 'boot' | 'signIn' | 'workspace' | 'connectionSettings';

export const screenSelectors = {
  screen: (s: Pick<AppState, 'phase' | 'settingsOpen'> & Pick<SessionSliceState, 'session'>): Screen => {
    if (s.phase !== 'ready' || s.session === null) return 'boot';
    if (s.settingsOpen && sessionSelectors.canOpenConnectionSettings(s)) return 'connectionSettings';
    return s.session.state === 'signedOut' ? 'signIn' : 'workspace';
  },
};
