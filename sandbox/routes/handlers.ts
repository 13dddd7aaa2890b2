import type { AgentDirectory } from '../auth/agents';
import type { JwtBearerGrant } from '../auth/jwt-bearer';
import type { SandboxStore } from '../store/store';
import { agentSessionHandlers } from './agent-sessions';
import { cardholderHandlers } from './cardholders';
import type { Handlers } from './context';
import { oauthHandlers } from './oauth';
import { tokenHandlers } from './tokens';

/** One handler per endpoint of the table; the type makes a missing one a compile error. */
export const createHandlers = (services: { store: SandboxStore; agents: AgentDirectory; grant: JwtBearerGrant }): Handlers => ({
  ...oauthHandlers(services.grant),
  ...agentSessionHandlers(services.agents),
  ...cardholderHandlers(services.store),
  ...tokenHandlers(services.store),
});
