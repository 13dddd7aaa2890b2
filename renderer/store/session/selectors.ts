import type { Agent } from '../../../shared/api/model';
import type { SessionState } from '../../../shared/contract';
import type { SessionSliceState } from './initialState';

type WithSession = Pick<SessionSliceState, 'session'>;

export const sessionSelectors = {
  /** null until session.status has answered. */
  state: (s: WithSession): SessionState | null => s.session?.state ?? null,
  agent: (s: WithSession): Agent | null => (s.session !== null && s.session.state !== 'signedOut' ? s.session.agent : null),
  /** Signed in, locked or not: the workspace exists (and stays mounted under the lock screen). */
  hasAgent: (s: WithSession): boolean => s.session !== null && s.session.state !== 'signedOut',
  isSignedOut: (s: WithSession): boolean => s.session?.state === 'signedOut',
  isLocked: (s: WithSession): boolean => s.session?.state === 'locked',
  isAdmin: (s: WithSession): boolean => s.session !== null && s.session.state !== 'signedOut' && s.session.agent?.role === 'admin',
  /** How long the console may stay idle before it locks; null when nobody is signed in or it is locked already. */
  idleLockMs: (s: WithSession): number | null =>
    s.session?.state === 'signedIn' ? s.session.idleLockMinutes * 60_000 : null,
  activity: (s: Pick<SessionSliceState, 'sessionActivity'>) => s.sessionActivity,
  isSigningIn: (s: Pick<SessionSliceState, 'sessionActivity'>) => s.sessionActivity === 'signIn',
  isUnlocking: (s: Pick<SessionSliceState, 'sessionActivity'>) => s.sessionActivity === 'unlock',
  isSigningOut: (s: Pick<SessionSliceState, 'sessionActivity'>) => s.sessionActivity === 'signOut',
  signInError: (s: Pick<SessionSliceState, 'signInError'>) => s.signInError,
  unlockError: (s: Pick<SessionSliceState, 'unlockError'>) => s.unlockError,
  trainingAccounts: (s: Pick<SessionSliceState, 'trainingAccounts'>) => s.trainingAccounts,
  trainingAccountsError: (s: Pick<SessionSliceState, 'trainingAccountsError'>) => s.trainingAccountsError,
  /**
   * Connection settings are workstation setup: anyone at the sign-in screen may open them (the
   * backend may not be reachable yet), but once signed in only an administrator.
   */
  canOpenConnectionSettings: (s: WithSession): boolean =>
    s.session !== null && (s.session.state === 'signedOut' || s.session.agent?.role === 'admin'),
};
