import type { SessionSliceState } from '../session/initialState';
import type { SupervisionNavState } from './initialState';

type WithSession = Pick<SessionSliceState, 'session'>;

export const supervisionSelectors = {
  /** Supervisors and administrators, signed in: the ones who have the supervision area at all. */
  canSupervise: (s: WithSession): boolean =>
    s.session !== null && s.session.state !== 'signedOut' && (s.session.agent?.role === 'supervisor' || s.session.agent?.role === 'admin'),
  /** The area is on screen: asked for, and allowed (an agent's state can never show it). */
  supervisionShown: (s: WithSession & SupervisionNavState): boolean => s.deskView === 'supervision' && supervisionSelectors.canSupervise(s),
};
