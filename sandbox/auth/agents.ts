import type { AgentSession } from '../../shared/api/endpoints';
import type { Agent } from '../../shared/api/model';
import { ApiFailure } from '../http/errors';
import type { PasswordHash, SessionRecord, SignInAttempts } from '../store/state';
import type { SandboxStore } from '../store/store';
import { hashPassword, verifyPassword } from './passwords';
import { hashSecret, newSecret } from './secrets';

/**
 * Agent sign-in, sessions and lockout (PCI DSS 8.3.4: at most 10 failed attempts, then locked for
 * at least 30 minutes).
 *
 * - An unknown agent id and a wrong password get the same answer, after the same scrypt work, and
 *   unknown ids are counted and locked the same way, so nobody can learn which accounts exist.
 * - The failure that reaches the limit already answers ACCOUNT_LOCKED, and ends the agent's open
 *   sessions. While locked, every attempt answers ACCOUNT_LOCKED without checking the password;
 *   those attempts neither count nor extend the lock, so the lock ends 30 minutes after it began,
 *   as the message says. When it ends the count starts again from zero.
 * - Re-checking the password of a signed-in agent (`/current/verify`) counts the same way.
 */
export const LOCKOUT_THRESHOLD = 10;
export const LOCKOUT_MS = 30 * 60 * 1000;
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Unknown ids are remembered too, but not without bound. */
const MAX_TRACKED_IDS = 5000;

export interface SessionContext {
  readonly tokenHash: string;
  readonly agent: Agent;
}

const signInFailed = (): ApiFailure => new ApiFailure('SIGN_IN_FAILED', 'The agent id or the password is not correct.');
const locked = (until: string): ApiFailure =>
  new ApiFailure('ACCOUNT_LOCKED', `This account is locked after too many failed sign-ins, until ${until}. Ask a supervisor if it cannot wait.`);

export class AgentDirectory {
  /**
   * Verified against when the agent id is unknown, so both failures cost the same time. Made at
   * start, so not even the first unknown id pays for making it.
   */
  private readonly decoy: Promise<PasswordHash>;

  constructor(private readonly store: SandboxStore) {
    this.decoy = hashPassword(newSecret());
  }

  /** The agent's attempt record, with an elapsed lock cleared. */
  private attemptsOf(agentId: string, now: Date): SignInAttempts {
    const record = this.store.signInAttempts.get(agentId) ?? { agentId, failures: 0, lockedUntil: null };
    if (record.lockedUntil && record.lockedUntil <= now.toISOString()) return { agentId, failures: 0, lockedUntil: null };
    return record;
  }

  private lockedUntil(agentId: string, now: Date): string | null {
    return this.attemptsOf(agentId, now).lockedUntil;
  }

  private recordFailure(agentId: string, now: Date): ApiFailure {
    const previous = this.attemptsOf(agentId, now);
    const failures = previous.failures + 1;
    const lockedUntil = failures >= LOCKOUT_THRESHOLD ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null;
    this.store.signInAttempts.delete(agentId);
    this.store.signInAttempts.set(agentId, { agentId, failures, lockedUntil });
    this.forgetOldestAttempts(now);
    if (lockedUntil) {
      this.endSessionsOf(agentId);
      this.store.changed();
      return locked(lockedUntil);
    }
    this.store.changed();
    return signInFailed();
  }

  private forgetOldestAttempts(now: Date): void {
    if (this.store.signInAttempts.size <= MAX_TRACKED_IDS) return;
    // Maps keep insertion order and each failure re-inserts its record: the first unlocked entry
    // is the one that failed longest ago.
    for (const [agentId, record] of this.store.signInAttempts) {
      if (this.store.signInAttempts.size <= MAX_TRACKED_IDS) break;
      if (!record.lockedUntil || record.lockedUntil <= now.toISOString()) this.store.signInAttempts.delete(agentId);
    }
  }

  private clearFailures(agentId: string): void {
    if (this.store.signInAttempts.delete(agentId)) this.store.changed();
  }

  private endSessionsOf(agentId: string): void {
    for (const [hash, session] of this.store.sessions) if (session.agentId === agentId) this.store.sessions.delete(hash);
  }

  private async checkPassword(agentId: string, password: string, now: Date): Promise<Agent> {
    const until = this.lockedUntil(agentId, now);
    if (until) throw locked(until);
    const record = this.store.agents.get(agentId);
    const matches = await verifyPassword(password, record?.password ?? (await this.decoy));
    if (!record || !matches) throw this.recordFailure(agentId, now);
    this.clearFailures(agentId);
    return { agentId: record.agentId, name: record.name, role: record.role };
  }

  async signIn(agentId: string, password: string, clientId: string, now: Date): Promise<AgentSession> {
    const agent = await this.checkPassword(agentId, password, now);
    const sessionToken = newSecret();
    const session: SessionRecord = {
      tokenHash: hashSecret(sessionToken),
      agentId: agent.agentId,
      clientId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    };
    this.store.sweep(now);
    this.store.sessions.set(session.tokenHash, session);
    this.store.changed();
    return { sessionToken, agent, expiresAt: session.expiresAt };
  }

  async verify(session: SessionContext, password: string, now: Date): Promise<void> {
    await this.checkPassword(session.agent.agentId, password, now);
  }

  signOut(session: SessionContext): void {
    if (this.store.sessions.delete(session.tokenHash)) this.store.changed();
  }

  /**
   * The signed-in agent behind an `x-agent-session` header. A session belongs to the workstation
   * that opened it: the same token from another client is refused.
   */
  sessionFor(header: string | string[] | undefined, clientId: string, now: Date): SessionContext {
    const required = (message: string): ApiFailure => new ApiFailure('AGENT_SESSION_REQUIRED', message, 'x-agent-session');
    if (typeof header !== 'string' || !/^[A-Za-z0-9_-]{32,128}$/.test(header)) throw required('Sign in first: x-agent-session is missing or malformed.');
    const tokenHash = hashSecret(header);
    const session = this.store.sessions.get(tokenHash);
    if (!session || session.expiresAt <= now.toISOString() || session.clientId !== clientId) {
      throw required('The agent session has ended or expired; sign in again.');
    }
    const agent = this.store.agents.get(session.agentId);
    if (!agent) throw required('The agent session has ended; sign in again.');
    return { tokenHash, agent: { agentId: agent.agentId, name: agent.name, role: agent.role } };
  }
}
