import type { AgentSession } from '../../../shared/api/endpoints';
import type { SessionStatus } from '../../../shared/contract';
import { createRequestContext, type RequestContext } from '../backend/request-context';
import type { AgentIdentity, BackendClient } from '../backend/backend-client';
import { BackendError } from '../backend/backend-error';
import { CallError } from '../ipc/dispatch';
import type { Logger } from '../logging/logger';
import { oneAtATime } from '../async/one-at-a-time';

export interface AgentSessionOptions {
  /** The backend client; throws a CallError (NOT_CONFIGURED…) when the console has none. */
  readonly backend: () => BackendClient;
  readonly workstationId: string;
  /** Read on every status: a settings change applies at once. */
  readonly idleLockMinutes: () => number;
  /** Told of every change of state, with the new status (for the session.changed event). */
  readonly onChange: (status: SessionStatus) => void;
  readonly logger: Logger;
  /** Milliseconds since the epoch. */
  readonly now?: () => number;
}

/**
 * The signed-in agent on this workstation. The session token lives here, in main's memory only:
 * no status, event or log line carries it, and it is gone when the app quits.
 */
export interface AgentSessionManager {
  status(): SessionStatus;
  /** For the backend client's agent headers. Present while locked too: unlock and sign-out need it. */
  identity(): AgentIdentity | null;
  signIn(credentials: { readonly agentId: string; readonly password: string }, context: RequestContext): Promise<SessionStatus>;
  lock(): SessionStatus;
  unlock(password: string, context: RequestContext): Promise<SessionStatus>;
  signOut(context: RequestContext): Promise<SessionStatus>;
  /** The guard for data calls: the agent, or CallError SIGNED_OUT / SESSION_LOCKED. */
  requireAgent(): AgentIdentity;
  /**
   * Runs a data call for the signed-in agent. When the backend says the agent session is gone
   * (expired, ended elsewhere, account locked), the console forgets it too, so the renderer goes
   * back to the sign-in screen instead of failing call after call.
   */
  withAgent<T>(work: (agent: AgentIdentity) => Promise<T>): Promise<T>;
  /**
   * The same for work that goes on while the console is locked (the live event stream): it needs
   * a held session, locked or not, and a session the backend ended is forgotten just the same.
   */
  withSession<T>(work: (agent: AgentIdentity) => Promise<T>): Promise<T>;
}

interface HeldSession {
  readonly identity: AgentIdentity;
  /** Milliseconds since the epoch: the backend's own expiry of the session. */
  readonly expiresAt: number;
  locked: boolean;
}

/** Backend answers after which the session no longer exists there. */
const SESSION_GONE_CODES: ReadonlySet<string> = new Set(['AGENT_SESSION_REQUIRED', 'ACCOUNT_LOCKED']);

/** The backend says the agent's session no longer exists (or there was none to send). */
export const sessionGone = (error: unknown): boolean =>
  error instanceof BackendError && (error.failure.kind === 'not-signed-in' || (error.failure.kind === 'api' && SESSION_GONE_CODES.has(error.failure.code)));

const codeOf = (error: unknown): string => {
  if (!(error instanceof BackendError)) return 'unexpected';
  return error.failure.kind === 'api' ? error.failure.code : error.failure.kind;
};

export const createAgentSession = (options: AgentSessionOptions): AgentSessionManager => {
  const { logger } = options;
  const now = options.now ?? Date.now;
  let held: HeldSession | null = null;
  // Sign-in, unlock and sign-out wait for each other: two overlapping sign-ins must not leave the
  // console holding one agent's token while showing the other.
  const serial = oneAtATime();

  const current = (): HeldSession | null => {
    if (held && now() >= held.expiresAt) {
      logger.info({ agentId: held.identity.agent.agentId }, 'agent session expired');
      held = null;
      // Deferred: status() is called from inside emitters and must not re-enter them.
      queueMicrotask(() => options.onChange(status()));
    }
    return held;
  };

  const status = (): SessionStatus => {
    const session = current();
    return {
      state: session === null ? 'signedOut' : session.locked ? 'locked' : 'signedIn',
      agent: session ? { ...session.identity.agent } : null,
      workstationId: options.workstationId,
      idleLockMinutes: options.idleLockMinutes(),
    };
  };

  const changed = (): SessionStatus => {
    const next = status();
    options.onChange(next);
    return next;
  };

  const forget = (reason: string, correlationId?: string): SessionStatus => {
    if (held) logger.info({ agentId: held.identity.agent.agentId, reason, correlationId }, 'agent session forgotten');
    held = null;
    return changed();
  };

  /** Ends the held session at the backend; the console forgets it whatever the answer. */
  const endAtBackend = async (context: RequestContext): Promise<void> => {
    try {
      await options.backend().request('signOut', { context });
    } catch (error) {
      // The agent asked to leave: they leave. The backend's session expires on its own.
      logger.warn({ correlationId: context.correlationId, code: codeOf(error), err: error }, 'backend sign-out failed; the session is forgotten here anyway');
    }
  };

  /**
   * The backend's audit trail records the lock (IDLE_LOCK): told in the background, since locking
   * must not wait on the network; the unlock is the password check, which the backend records itself.
   */
  const reportLock = (agentId: string): void => {
    const context = createRequestContext();
    void Promise.resolve()
      .then(() => options.backend().request('reportIdleLock', { body: { idleMinutes: options.idleLockMinutes() }, context }))
      .then(
        () => logger.info({ correlationId: context.correlationId, agentId }, 'console lock recorded at the backend'),
        (error: unknown) => logger.warn({ correlationId: context.correlationId, agentId, code: codeOf(error) }, 'console lock not recorded at the backend'),
      );
  };

  const requireAgent = (): AgentIdentity => {
    const session = current();
    if (session === null) throw new CallError('SIGNED_OUT', 'no agent is signed in');
    if (session.locked) throw new CallError('SESSION_LOCKED', 'the console is locked');
    return session.identity;
  };

  const forgetWhenGone = async <T>(agent: AgentIdentity, work: (agent: AgentIdentity) => Promise<T>): Promise<T> => {
    try {
      return await work(agent);
    } catch (error) {
      // Only if it is still this agent's session: a sign-in in between must not be undone.
      if (sessionGone(error) && current()?.identity === agent) forget(`backend: ${codeOf(error)}`);
      throw error;
    }
  };

  return {
    status,
    requireAgent,
    identity: () => current()?.identity ?? null,

    signIn: (credentials, context) =>
      serial(async () => {
        const client = options.backend();
        let answer: AgentSession;
        try {
          answer = await client.request('signIn', { body: { agentId: credentials.agentId, password: credentials.password }, context });
        } catch (error) {
          logger.warn({ correlationId: context.correlationId, agentId: credentials.agentId, code: codeOf(error) }, 'sign-in refused');
          throw error;
        }
        // Someone else signing in on a locked console ends the previous agent's session first.
        if (current() !== null) await endAtBackend(context);
        held = { identity: { sessionToken: answer.sessionToken, agent: answer.agent }, expiresAt: Date.parse(answer.expiresAt), locked: false };
        logger.info({ correlationId: context.correlationId, agentId: answer.agent.agentId, role: answer.agent.role }, 'agent signed in');
        return changed();
      }),

    lock() {
      const session = current();
      if (session === null || session.locked) return status();
      session.locked = true;
      logger.info({ agentId: session.identity.agent.agentId }, 'console locked');
      reportLock(session.identity.agent.agentId);
      return changed();
    },

    unlock: (password, context) =>
      serial(async () => {
        const session = current();
        if (session === null) throw new CallError('SIGNED_OUT', 'no agent is signed in');
        if (!session.locked) return status();
        try {
          await options.backend().request('verifyPassword', { body: { password }, context });
        } catch (error) {
          logger.warn({ correlationId: context.correlationId, agentId: session.identity.agent.agentId, code: codeOf(error) }, 'unlock refused');
          // Ten wrong passwords lock the account and end its sessions at the backend: sign out here too.
          if (sessionGone(error)) forget(`unlock: ${codeOf(error)}`, context.correlationId);
          throw error;
        }
        session.locked = false;
        logger.info({ correlationId: context.correlationId, agentId: session.identity.agent.agentId }, 'console unlocked');
        return changed();
      }),

    signOut: (context) =>
      serial(async () => {
        if (current() === null) return status();
        await endAtBackend(context);
        return forget('signed out', context.correlationId);
      }),

    // async, so a refusal is a rejected promise like every other failure, never a throw.
    withAgent: async (work) => forgetWhenGone(requireAgent(), work),

    async withSession(work) {
      const session = current();
      if (session === null) throw new CallError('SIGNED_OUT', 'no agent is signed in');
      return forgetWhenGone(session.identity, work);
    },
  };
};
