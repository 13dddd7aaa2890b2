import type { Result, SessionStatus, TypedError } from '../../../shared/contract';
import type { AppState } from '../app/initialState';
import type { ConfigCommands } from '../config/commands';
import { runBusy } from '../run-busy';
import type { SliceCreator, StoreCore } from '../slice';
import type { CallsMain } from '../status/commands';
import type { StatusState } from '../status/initialState';
import type { SessionSliceState } from './initialState';

export interface SessionCommands {
  /**
   * Signs in through main. The password goes straight into the call and is never kept in the store;
   * the form clears its own copy. Resolves true when signed in.
   */
  signIn(agentId: string, password: string): Promise<boolean>;
  /** Re-checks the signed-in agent's password to leave the lock screen. Resolves true when unlocked. */
  unlock(password: string): Promise<boolean>;
  /** Locks the console (idle time, or the agent's own request). */
  lock(): Promise<void>;
  /** Ends the session in main and clears everything the session put in the renderer. */
  signOut(): Promise<void>;
  loadTrainingAccounts(): Promise<void>;
  clearSignInError(): void;
  internal_loadSession(): Promise<Result<SessionStatus>>;
  /** Applies main's session status (an answer or a session.changed event), clearing state when the session ended. */
  internal_applySession(status: SessionStatus): void;
  /** What the sign-in screen needs: the configuration (for its problems) and, in training, the accounts. */
  internal_loadSignInData(): Promise<void>;
}

/** Unlock answers that mean the session is over: the account got locked, or the backend ended it. */
const ENDS_SESSION: ReadonlySet<TypedError['code']> = new Set(['ACCOUNT_LOCKED', 'SIGNED_OUT']);

type Needs = SessionSliceState &
  SessionCommands &
  CallsMain &
  StoreCore &
  Pick<AppState, 'info'> &
  Pick<StatusState, 'lastFailure'> &
  Pick<ConfigCommands, 'loadConfig'>;

export const createSessionCommands: SliceCreator<Needs, SessionCommands> =
  (deps) =>
  (set, get) => {
    /** The renderer forgets the session even when main could not be told: failing closed. */
    const forgetLocally = (): void => {
      const current = get().session;
      if (current !== null) get().internal_applySession({ ...current, state: 'signedOut', agent: null });
    };

    return {
      signIn: async (agentId, password) => {
        if (get().sessionActivity !== null) return false;
        return runBusy(set, deps, {
          start: { sessionActivity: 'signIn', signInError: null },
          end: { sessionActivity: null },
          run: async () => {
            const result = await get().internal_call('session.signIn', { agentId, password }, { showsOwnError: true });
            if (!result.ok) {
              set({ signInError: result.error });
              return false;
            }
            get().internal_applySession(result.data);
            return get().session?.state === 'signedIn';
          },
          onBug: (error) => {
            set({ signInError: error });
            return false;
          },
        });
      },

      unlock: async (password) => {
        if (get().sessionActivity !== null) return false;
        return runBusy(set, deps, {
          start: { sessionActivity: 'unlock', unlockError: null },
          end: { sessionActivity: null },
          run: async () => {
            const result = await get().internal_call('session.unlock', { password }, { showsOwnError: true });
            if (result.ok) {
              get().internal_applySession(result.data);
              return result.data.state === 'signedIn';
            }
            if (!ENDS_SESSION.has(result.error.code)) {
              set({ unlockError: result.error });
              return false;
            }
            // The backend ended the session (ACCOUNT_LOCKED ends the agent's sessions): make sure main
            // forgets it too, clear the renderer, and say why on the sign-in screen.
            const signedOut = await get().internal_call('session.signOut', {}, { showsOwnError: true });
            if (signedOut.ok) get().internal_applySession(signedOut.data);
            else forgetLocally();
            set({ signInError: result.error });
            return false;
          },
          onBug: (error) => {
            set({ unlockError: error });
            return false;
          },
        });
      },

      lock: async () => {
        const current = get().session;
        if (current?.state !== 'signedIn' || get().sessionActivity !== null) return;
        // Fail closed: if main cannot be told, the screen still locks; unlocking goes through main.
        const lockLocally = (): void => get().internal_applySession({ ...current, state: 'locked' });
        await runBusy(set, deps, {
          start: { sessionActivity: 'lock' },
          end: { sessionActivity: null },
          run: async () => {
            const result = await get().internal_call('session.lock', {});
            if (result.ok) get().internal_applySession(result.data);
            else lockLocally();
          },
          onBug: lockLocally,
        });
      },

      signOut: async () => {
        if (get().sessionActivity === 'signOut') return;
        await runBusy(set, deps, {
          start: { sessionActivity: 'signOut' },
          end: { sessionActivity: null },
          run: async () => {
            const result = await get().internal_call('session.signOut', {});
            if (result.ok) {
              get().internal_applySession(result.data);
              return;
            }
            forgetLocally();
            // Main may still hold the session: then the (now empty) console comes back, and the status
            // bar says the sign-out failed, so the agent can try again rather than walk away signed in.
            const status = await get().internal_loadSession();
            if (status.ok) get().internal_applySession(status.data);
            if (!status.ok || status.data.state !== 'signedOut') set({ lastFailure: result.error });
          },
          onBug: forgetLocally,
        });
      },

      loadTrainingAccounts: async () => {
        const result = await get().internal_call('session.trainingAccounts', {}, { showsOwnError: true });
        set(result.ok ? { trainingAccounts: result.data.accounts, trainingAccountsError: null } : { trainingAccountsError: result.error });
      },

      clearSignInError: () => set({ signInError: null }),

      internal_loadSession: () => get().internal_call('session.status', {}),

      internal_applySession: (next) => {
        const previous = get().session;
        const hadAgent = previous !== null && previous.state !== 'signedOut';
        const otherAgent = hadAgent && next.state !== 'signedOut' && previous.agent?.agentId !== next.agent?.agentId;
        const ended = hadAgent && (next.state === 'signedOut' || otherAgent);
        if (ended) {
          set({ ...get().internal_signedOutState(), session: next });
          void get().internal_loadSignInData();
          return;
        }
        set({
          session: next,
          // A fresh sign-in or unlock leaves nothing of the last attempt on screen.
          ...(next.state === 'signedIn' ? { signInError: null, unlockError: null } : {}),
        });
      },

      internal_loadSignInData: async () => {
        const loads: Promise<void>[] = [get().loadConfig()];
        if (get().info?.mode === 'training') loads.push(get().loadTrainingAccounts());
        await Promise.all(loads);
      },
    };
  };
