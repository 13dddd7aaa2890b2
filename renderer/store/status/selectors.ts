import type { AppState } from '../app/initialState';
import type { StatusState } from './initialState';

/** What the status bar says about the link to main and the backend. */
export type ConnectionDisplay = 'connecting' | 'offline' | 'training' | 'connected';

export const statusSelectors = {
  connection: (s: Pick<StatusState, 'link'> & Pick<AppState, 'info'>): ConnectionDisplay => {
    if (s.link === 'offline') return 'offline';
    if (s.info === null) return 'connecting';
    return s.info.mode;
  },
  /** Before the app is ready the boot error panel shows the failure; the status bar would repeat it. */
  visibleFailure: (s: Pick<StatusState, 'lastFailure'> & Pick<AppState, 'phase'>) =>
    s.phase === 'ready' ? s.lastFailure : null,
};
