import type { AppMode } from '../../../shared/contract';
import type { BackendClient } from '../backend/backend-client';
import { CallError, type Services } from '../ipc/dispatch';
import type { AgentSessionManager } from '../session/agent-session';
import { mapBackendErrors } from '../services/backend-call-error';
import { requestContextFor } from '../services/request-context';
import { requireSupervisor } from './supervisor-role';

type AccountCalls = Pick<Services, 'agents.list' | 'agents.unlock' | 'agents.resetPassword'>;

export interface AccountsServiceOptions {
  readonly session: AgentSessionManager;
  readonly backend: () => BackendClient;
  readonly mode: AppMode;
}

/**
 * The agents' accounts for supervisors: the list, and lifting a lockout; an administrator also
 * resets a training account's password. Each change is the backend's to record in its audit trail;
 * core refuses the wrong role (and a reset outside training) before asking it.
 */
export const accountsService = ({ session, backend, mode }: AccountsServiceOptions): AccountCalls => {
  const forSupervisor = <T>(work: (client: BackendClient) => Promise<T>): Promise<T> => {
    requireSupervisor(session);
    return mapBackendErrors(() => session.withAgent(() => work(backend())));
  };
  return {
    'agents.list': async (_input, context) => {
      const { items } = await forSupervisor((client) => client.request('listAgents', { context: requestContextFor(context) }));
      return { items };
    },
    'agents.unlock': (input, context) =>
      forSupervisor((client) => client.request('unlockAgent', { params: { agentId: input.agentId }, context: requestContextFor(context) })),
    'agents.resetPassword': (input, context) => {
      if (session.requireAgent().agent.role !== 'admin') throw new CallError('FORBIDDEN_ROLE', 'only an administrator may reset a password');
      if (mode !== 'training') throw new CallError('TRAINING_ONLY', 'passwords are reset by the identity provider, not the console, outside training');
      return forSupervisor((client) => client.request('resetAgentPassword', { params: { agentId: input.agentId }, context: requestContextFor(context) }));
    },
  };
};
