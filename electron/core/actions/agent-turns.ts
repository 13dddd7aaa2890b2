import type { AgentIdentity, BackendClient } from '../backend/backend-client';
import type { AgentSessionManager } from '../session/agent-session';
import type { OutboxEntry } from './action-entry';

/** Backend work for an action either ran (with its value) or waits, and says why. */
export type Turn<T> = { readonly ran: true; readonly value: T } | { readonly ran: false; readonly why: string };

export interface AgentTurnsOptions {
  readonly session: Pick<AgentSessionManager, 'identity' | 'withSession'>;
  /** The backend client; throws when the console has none. */
  readonly backend: () => BackendClient;
}

/**
 * Work for an action happens only while the agent who asked for it holds the session (locked
 * included): the backend attributes every send, read and audit record to the signed-in agent, so
 * another agent never finishes someone else's action. Until that agent signs in again it waits.
 */
export interface AgentTurns {
  /** The action's agent holds the session now: who, or null. */
  holder(entry: OwnedWork): AgentIdentity | null;
  /** Runs `work` as the action's own agent, or says why not now. Throws what `work` throws. */
  asAgent<T>(entry: OwnedWork, work: (client: BackendClient, agent: AgentIdentity) => Promise<T>): Promise<Turn<T>>;
}

/** Whose work it is: an outbox entry, or any other record an agent asked for (a phone call's). */
type OwnedWork = { readonly agent: Pick<OutboxEntry['agent'], 'agentId'> };

export const createAgentTurns = ({ session, backend }: AgentTurnsOptions): AgentTurns => {
  const holder = (entry: OwnedWork): AgentIdentity | null => {
    const held = session.identity();
    return held !== null && held.agent.agentId === entry.agent.agentId ? held : null;
  };
  return {
    holder,
    async asAgent(entry, work) {
      const held = session.identity();
      if (held === null) return { ran: false, why: 'signed out' };
      if (held.agent.agentId !== entry.agent.agentId) return { ran: false, why: 'another agent is signed in' };
      let client: BackendClient;
      try {
        client = backend();
      } catch {
        return { ran: false, why: 'no backend is configured' };
      }
      return { ran: true, value: await session.withSession((agent) => work(client, agent)) };
    },
  };
};
