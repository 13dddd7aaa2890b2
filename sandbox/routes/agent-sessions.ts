import type { AgentDirectory } from '../auth/agents';
import type { HandlersFor } from './context';

/** Sign-in, the idle lock and its unlock, sign-out: each written to the audit trail by the directory before it answers. */
export const agentSessionHandlers = (agents: AgentDirectory): HandlersFor<'signIn' | 'verifyPassword' | 'signOut' | 'reportIdleLock'> => ({
  signIn: ({ body, client, correlationId, now }) => agents.signIn(body.agentId, body.password, { clientId: client.clientId, correlationId }, now),
  verifyPassword: async ({ body, session, client, correlationId, now }) => {
    await agents.verify(session, body.password, now, { clientId: client.clientId, correlationId });
    return { verified: true };
  },
  signOut: async ({ session, client, correlationId }) => {
    await agents.signOut(session, { clientId: client.clientId, correlationId });
    return { ended: true };
  },
  reportIdleLock: async ({ body, session, client, correlationId }) => ({
    recorded: true,
    audit: await agents.idleLocked(session, body.idleMinutes, { clientId: client.clientId, correlationId }),
  }),
});
