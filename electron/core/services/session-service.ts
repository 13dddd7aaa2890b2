import type { Services } from '../ipc/dispatch';
import { CallError } from '../ipc/dispatch';
import type { BackendConnection } from '../session/backend-connection';
import type { AgentSessionManager } from '../session/agent-session';
import { requestContextFor } from './request-context';
import { mapBackendErrors } from './backend-call-error';

type SessionCalls = Pick<
  Services,
  'session.status' | 'session.signIn' | 'session.lock' | 'session.unlock' | 'session.signOut' | 'session.trainingAccounts'
>;

/** The session calls: thin wrappers over the session manager, with backend failures typed. */
export const sessionService = (session: AgentSessionManager, connection: () => BackendConnection): SessionCalls => ({
  'session.status': () => session.status(),
  'session.signIn': (input, context) => mapBackendErrors(() => session.signIn(input, requestContextFor(context))),
  'session.lock': () => session.lock(),
  'session.unlock': (input, context) => mapBackendErrors(() => session.unlock(input.password, requestContextFor(context))),
  'session.signOut': (_input, context) => mapBackendErrors(() => session.signOut(requestContextFor(context))),
  'session.trainingAccounts': () => {
    const current = connection();
    if (current.mode !== 'training') throw new CallError('TRAINING_ONLY', 'training accounts exist only in training mode');
    return { accounts: current.trainingAgents.map(({ agentId, name, role, password }) => ({ agentId, name, role, password })) };
  },
});
