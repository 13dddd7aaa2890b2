import type { AgentDirectory } from '../auth/agents';
import type { HandlersFor } from './context';

/** The agents' accounts for supervisors: listed with their lock state, unlocked, and (training) their password reset. */
export const agentAccountHandlers = (agents: AgentDirectory): HandlersFor<'listAgents' | 'unlockAgent' | 'resetAgentPassword'> => ({
  listAgents: ({ now }) => ({ items: agents.accounts(now) }),
  unlockAgent: ({ params, session, client, correlationId, now }) => agents.unlock(session, params.agentId, now, { clientId: client.clientId, correlationId }),
  resetAgentPassword: ({ params, session, client, correlationId, now }) =>
    agents.resetPassword(session, params.agentId, now, { clientId: client.clientId, correlationId }),
});
