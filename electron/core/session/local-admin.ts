import type { Services } from '../ipc/dispatch';
import { CallError } from '../ipc/dispatch';
import type { AgentSessionManager } from './agent-session';

/** The calls that change this workstation's own setup: its backend settings and its signing key. */
type LocalAdminCall = 'config.set' | 'credentials.generateKey' | 'credentials.importKey';

/**
 * Who may change the workstation's setup from the console. With an agent signed in, only an
 * admin: a call-center agent must not repoint the console or replace its key between calls.
 * A locked console refuses too, whoever holds it, since someone else may be at the keyboard.
 *
 * Signed out, the calls stay open: that is how a workstation is set up before anyone can sign
 * in (there is no backend to check a role against yet). Production is protected by the
 * installer, which locks `backend` (and whatever else the issuer's policy says) in the
 * machine-wide settings file that users cannot write; a locked field is refused whoever asks.
 */
export const requireLocalAdmin = (session: Pick<AgentSessionManager, 'status'>): void => {
  const { state, agent } = session.status();
  if (state === 'signedOut') return;
  if (agent?.role !== 'admin') throw new CallError('FORBIDDEN_ROLE', 'only an admin may change the workstation setup while signed in');
  if (state === 'locked') throw new CallError('SESSION_LOCKED', 'the console is locked');
};

type LocalAdminCalls = Pick<Services, LocalAdminCall>;

/** Wraps the workstation-setup calls with the check above. */
export const guardLocalAdmin = (services: LocalAdminCalls, session: Pick<AgentSessionManager, 'status'>): LocalAdminCalls => ({
  'config.set': (input, context) => {
    requireLocalAdmin(session);
    return services['config.set'](input, context);
  },
  'credentials.generateKey': (input, context) => {
    requireLocalAdmin(session);
    return services['credentials.generateKey'](input, context);
  },
  'credentials.importKey': (input, context) => {
    requireLocalAdmin(session);
    return services['credentials.importKey'](input, context);
  },
});
