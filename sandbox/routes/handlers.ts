import type { AgentDirectory } from '../auth/agents';
import type { JwtBearerGrant } from '../auth/jwt-bearer';
import type { FaultInjector } from '../http/faults';
import type { SandboxStore } from '../store/store';
import type { TspConfirmations } from '../store/tsp-confirmation';
import { agentSessionHandlers } from './agent-sessions';
import { auditHandlers } from './audit';
import { cardholderHandlers } from './cardholders';
import type { Handlers } from './context';
import { eventStreamHandlers } from './events-stream';
import { oauthHandlers } from './oauth';
import { notificationHandlers } from './notifications';
import { operationHandlers } from './operations';
import { policyHandlers } from './policy';
import { tokenHandlers } from './tokens';
import { trainingHandlers } from './training';

export interface HandlerServices {
  readonly store: SandboxStore;
  readonly agents: AgentDirectory;
  readonly grant: JwtBearerGrant;
  /** Null on a sandbox standing in for a connected backend. */
  readonly faults: FaultInjector | null;
  readonly heartbeatMs?: number;
  /** Applies accepted token operations when the (simulated) TSP confirms them. */
  readonly confirmations: TspConfirmations;
}

/** One handler per endpoint of the table; the type makes a missing one a compile error. */
export const createHandlers = (services: HandlerServices): Handlers => ({
  ...oauthHandlers(services.grant),
  ...agentSessionHandlers(services.agents),
  ...cardholderHandlers(services.store),
  ...tokenHandlers(services.store),
  ...operationHandlers(services.store, services.confirmations),
  ...policyHandlers(services.store),
  ...auditHandlers(services.store),
  ...notificationHandlers(services.store),
  ...eventStreamHandlers(services.store, services.heartbeatMs === undefined ? {} : { heartbeatMs: services.heartbeatMs }),
  ...trainingHandlers(services.store, services.faults),
});
