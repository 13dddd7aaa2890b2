import type { AgentAccount, AuditReceipt } from '../../shared/api/audit';
import type { AgentSession } from '../../shared/api/endpoints';
import type { Agent } from '../../shared/api/model';
import { agentActor } from '../audit/parts';
import type { AuditDraft, AuditTrail } from '../audit/trail';
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
 * - Every sign-in, failure, lockout, sign-out, unlock and reset is written to the audit trail
 *   before the call is answered. A failure names the account only when it exists: an unknown id
 *   may be a password typed into the wrong field, and the trail keeps no secret.
 */
export const LOCKOUT_THRESHOLD = 10;
export const LOCKOUT_MS = 30 * 60 * 1000;
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Unknown ids are remembered too, but not without bound. */
const MAX_TRACKED_IDS = 5000;

/** Where a call came from, as the route layer proved it: the workstation's client and the request's correlation id. */
export interface CallOrigin {
  readonly clientId: string;
  readonly correlationId: string;
}

export interface SessionContext {
  readonly tokenHash: string;
  readonly agent: Agent;
}

const signInFailed = (): ApiFailure => new ApiFailure('SIGN_IN_FAILED', 'The agent id or the password is not correct.');
const locked = (until: string): ApiFailure =>
  new ApiFailure('ACCOUNT_LOCKED', `This account is locked after too many failed sign-ins, until ${until}. Ask a supervisor if it cannot wait.`);

/** Who is trying a password: someone at a workstation signing in, or a signed-in agent unlocking the console. */
interface Attempt {
  readonly origin: CallOrigin;
  readonly session: SessionContext | null;
}

export class AgentDirectory {
  /**
   * Verified against when the agent id is unknown, so both failures cost the same time. Made at
   * start, so not even the first unknown id pays for making it.
   */
  private readonly decoy: Promise<PasswordHash>;

  constructor(
    private readonly store: SandboxStore,
    private readonly audit: AuditTrail,
    /** The published training passwords by agent id, for resetPassword (training only). */
    private readonly trainingPasswords: ReadonlyMap<string, string> = new Map(),
  ) {
    this.decoy = hashPassword(newSecret());
  }

  /** A record of an account's event, as the workstation that caused it. */
  private record(draft: Omit<AuditDraft, 'workstationId' | 'correlationId' | 'cardholder' | 'token'>, origin: CallOrigin): Promise<AuditReceipt> {
    return this.audit.append({ ...draft, workstationId: origin.clientId, correlationId: origin.correlationId, cardholder: null, token: null } as AuditDraft);
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

  private async recordFailure(agentId: string, now: Date, context: Attempt): Promise<ApiFailure> {
    const previous = this.attemptsOf(agentId, now);
    const failures = previous.failures + 1;
    const lockedUntil = failures >= LOCKOUT_THRESHOLD ? new Date(now.getTime() + LOCKOUT_MS).toISOString() : null;
    this.store.signInAttempts.delete(agentId);
    this.store.signInAttempts.set(agentId, { agentId, failures, lockedUntil });
    this.forgetOldestAttempts(now);
    const known = this.store.agents.has(agentId);
    await this.recordFailedAttempt(context, known ? agentId : null, 'WRONG_CREDENTIALS', failures);
    if (lockedUntil) {
      this.endSessionsOf(agentId);
      this.store.changed();
      if (known) {
        await this.record({ kind: 'LOCKOUT', actor: { type: 'BACKEND' }, outcome: 'SUCCEEDED', detail: { agentId, failuresInARow: failures, lockedUntil } }, context.origin);
      }
      return locked(lockedUntil);
    }
    this.store.changed();
    return signInFailed();
  }

  private recordFailedAttempt(context: Attempt, agentId: string | null, reason: 'WRONG_CREDENTIALS' | 'ACCOUNT_LOCKED', failuresInARow: number): Promise<AuditReceipt> {
    const actor = context.session ? agentActor(context.session) : ({ type: 'WORKSTATION' } as const);
    return this.record(
      { kind: 'SIGN_IN_FAILED', actor, outcome: 'REFUSED', detail: { agentId, context: context.session ? 'IDLE_UNLOCK' : 'SIGN_IN', reason, failuresInARow } },
      context.origin,
    );
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

  private async checkPassword(agentId: string, password: string, now: Date, context: Attempt): Promise<Agent> {
    const until = this.lockedUntil(agentId, now);
    if (until) {
      await this.recordFailedAttempt(context, this.store.agents.has(agentId) ? agentId : null, 'ACCOUNT_LOCKED', 0);
      throw locked(until);
    }
    const record = this.store.agents.get(agentId);
    const matches = await verifyPassword(password, record?.password ?? (await this.decoy));
    if (!record || !matches) throw await this.recordFailure(agentId, now, context);
    this.clearFailures(agentId);
    return { agentId: record.agentId, name: record.name, role: record.role };
  }

  async signIn(agentId: string, password: string, origin: CallOrigin, now: Date): Promise<AgentSession> {
    const { clientId } = origin;
    const agent = await this.checkPassword(agentId, password, now, { origin, session: null });
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
    await this.record({ kind: 'SIGN_IN', actor: { type: 'AGENT', ...agent }, outcome: 'SUCCEEDED', detail: { sessionExpiresAt: session.expiresAt } }, origin);
    return { sessionToken, agent, expiresAt: session.expiresAt };
  }

  /** The signed-in agent's password again: unlocking the idle-locked console (IDLE_UNLOCK), counted like a sign-in. */
  async verify(session: SessionContext, password: string, now: Date, origin: CallOrigin): Promise<void> {
    await this.checkPassword(session.agent.agentId, password, now, { origin, session });
    await this.record({ kind: 'IDLE_UNLOCK', actor: agentActor(session), outcome: 'SUCCEEDED', detail: {} }, origin);
  }

  async signOut(session: SessionContext, origin: CallOrigin): Promise<void> {
    if (this.store.sessions.delete(session.tokenHash)) this.store.changed();
    await this.record({ kind: 'SIGN_OUT', actor: agentActor(session), outcome: 'SUCCEEDED', detail: { reason: 'SIGNED_OUT' } }, origin);
  }

  /** The console locked itself after the agent was idle; the session stays open. */
  idleLocked(session: SessionContext, idleMinutes: number, origin: CallOrigin): Promise<AuditReceipt> {
    return this.record({ kind: 'IDLE_LOCK', actor: agentActor(session), outcome: 'SUCCEEDED', detail: { idleMinutes } }, origin);
  }

  // ---- accounts (supervisors and administrators) -------------------------------------------

  /** Every account with its lock state, never a password or its hash. */
  accounts(now: Date): AgentAccount[] {
    const nowIso = now.toISOString();
    const signedIn = new Set([...this.store.sessions.values()].filter((session) => session.expiresAt > nowIso).map((session) => session.agentId));
    return [...this.store.agents.values()]
      .sort((a, b) => a.agentId.localeCompare(b.agentId))
      .map((agent) => this.accountOf(agent.agentId, now, signedIn.has(agent.agentId)));
  }

  private accountOf(agentId: string, now: Date, signedIn?: boolean): AgentAccount {
    const agent = this.store.agents.get(agentId);
    if (!agent) throw new ApiFailure('NOT_FOUND', 'No agent account has this id.', 'agentId');
    const attempts = this.attemptsOf(agentId, now);
    const nowIso = now.toISOString();
    const sessions = [...this.store.sessions.values()].filter((session) => session.agentId === agentId);
    // The trail says when: its newest SIGN_IN of this agent.
    const lastSignInAt = this.audit.list({ agentId, kind: 'SIGN_IN' }, null, 1).items[0]?.at ?? null;
    return {
      agentId,
      name: agent.name,
      role: agent.role,
      locked: attempts.lockedUntil !== null,
      lockedUntil: attempts.lockedUntil,
      failedAttempts: attempts.failures,
      signedIn: signedIn ?? sessions.some((session) => session.expiresAt > nowIso),
      lastSignInAt,
    };
  }

  /** A supervisor lifts an account's lockout and clears its failures; recorded even when it was not locked. */
  async unlock(by: SessionContext, agentId: string, now: Date, origin: CallOrigin): Promise<{ agent: AgentAccount; audit: AuditReceipt }> {
    const before = this.accountOf(agentId, now);
    this.store.signInAttempts.delete(agentId);
    this.store.changed();
    const audit = await this.record(
      { kind: 'UNLOCK', actor: agentActor(by), outcome: 'SUCCEEDED', detail: { agentId, wasLockedUntil: before.lockedUntil, failuresCleared: before.failedAttempts } },
      origin,
    );
    return { agent: this.accountOf(agentId, now), audit };
  }

  /** Training only: the account's published password back, its sessions ended and any lockout lifted. */
  async resetPassword(by: SessionContext, agentId: string, now: Date, origin: CallOrigin): Promise<{ agent: AgentAccount; audit: AuditReceipt }> {
    const agent = this.store.agents.get(agentId);
    const published = this.trainingPasswords.get(agentId);
    if (!agent || published === undefined) throw new ApiFailure('NOT_FOUND', 'No training account has this id.', 'agentId');
    this.store.agents.set(agentId, { ...agent, password: await hashPassword(published) });
    this.store.signInAttempts.delete(agentId);
    this.endSessionsOf(agentId);
    this.store.changed();
    const audit = await this.record({ kind: 'PASSWORD_RESET', actor: agentActor(by), outcome: 'SUCCEEDED', detail: { agentId } }, origin);
    return { agent: this.accountOf(agentId, now), audit };
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
