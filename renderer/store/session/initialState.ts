import type { SessionStatus, TrainingAccount, TypedError } from '../../../shared/contract';

/** What the agent is doing with the session; one at a time, so a double click cannot sign in twice. */
export type SessionActivity = 'signIn' | 'unlock' | 'lock' | 'signOut';

export interface SessionSliceState {
  /** Main's word on who is signed in and whether the console is locked; null until it has answered. */
  readonly session: SessionStatus | null;
  /** Listed on the sign-in screen in training mode. Not secrets: published training passwords. */
  readonly trainingAccounts: readonly TrainingAccount[];
  readonly trainingAccountsError: TypedError | null;
  readonly sessionActivity: SessionActivity | null;
  /** Why the last sign-in failed, for the sign-in screen. Never the password. */
  readonly signInError: TypedError | null;
  readonly unlockError: TypedError | null;
}

export const initialSessionState: SessionSliceState = {
  session: null,
  trainingAccounts: [],
  trainingAccountsError: null,
  sessionActivity: null,
  signInError: null,
  unlockError: null,
};
