import type { AgentDirectory } from '../auth/agents';
import type { HandlersFor } from './context';

export const agentSessionHandlers = (agents: AgentDirectory): HandlersFor<'signIn' | 'verifyPassword' | 'signOut'> => ({
  signIn: ({ body, client, now }) => agents.signIn(body.agentId, body.password, client.clientId, now),
  verifyPassword: async ({ body, session, now }) => {
    await agents.verify(session, body.password, now);
    return { verified: true };
  },
  signOut: ({ session }) => {
    agents.signOut(session);
    return { ended: true };
  },
});
