import { randomInt } from 'node:crypto';
import type { ApprovalRequest, ApprovalRequestSubmission, ApprovalState } from '../../shared/api/approvals';
import type { Agent, Token } from '../../shared/api/model';
import type { EventKind, TokenEvent } from '../../shared/api/token-event';
import type { TokenOperationRequest } from '../../shared/api/operations';
import type { TokenOperation } from '../../shared/domain/transitions';
import { ApiFailure } from '../http/errors';
import type { ApprovedAction } from '../policy/approval';
import { newEventId } from '../store/live-ids';
import type { SandboxStore } from '../store/store';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const MINUTE_MS = 60_000;

/** `AR` + 16 letters: no run of digits that could look like a card number. */
const newRequestId = (): string => `AR${Array.from({ length: 16 }, () => LETTERS[randomInt(LETTERS.length)]).join('')}`;

/** One step of a request's life, as the audit trail records it. */
export interface ApprovalStep {
  readonly kind: Extract<EventKind, 'APPROVAL_REQUESTED' | 'APPROVAL_GRANTED' | 'APPROVAL_REJECTED' | 'APPROVAL_EXPIRED'>;
  readonly request: ApprovalRequest;
  /** Who took the step: the requester, the supervisor, or nobody (expiry). */
  readonly actor: Agent | null;
  readonly correlationId: string;
  /** The workstation the call came from; null for an expiry. */
  readonly workstationId: string | null;
}

/** Where a call came from: its correlation id and the workstation's client id. */
export interface CallOrigin {
  readonly correlationId: string;
  readonly workstationId: string | null;
}

/** Runs an approved action through the operations' own path; answers the operation id, or throws its ApiFailure. */
export type RunApproved = (run: {
  readonly operation: TokenOperation;
  readonly virtualCardId: string;
  readonly body: TokenOperationRequest;
  readonly requester: Agent;
  readonly approval: ApprovedAction;
  readonly origin: CallOrigin;
}) => Promise<string>;

/** What a new request adds to the submission: what the backend decided and read itself. */
export interface Assessment {
  readonly token: Token;
  /** A bulk request's tokens, each checked as the first one is. */
  readonly bulkTokens?: readonly { readonly virtualCardId: string; readonly tokenLastFour: string; readonly expectedState: Token['state'] }[];
  readonly rule: ApprovalRequest['rule'];
  readonly riskRules: readonly string[];
  readonly signals?: ApprovalRequest['signals'];
  readonly overridesSuspensionBy: ApprovalRequest['overridesSuspensionBy'];
}

const person = (agent: Agent): ApprovalRequest['requestedBy'] => ({ agentId: agent.agentId, name: agent.name, role: agent.role });
const named = (who: ApprovalRequest['requestedBy']): { agentId: string; agentName: string } => ({ agentId: who.agentId, agentName: who.name });

/** What a bulk request runs on each token: the request's action with that token's expected state. */
type BulkToken = NonNullable<NonNullable<ApprovalRequest['bulk']>['tokens']>[number];
type Execution = NonNullable<ApprovalRequest['execution']>;

/** The token's history holds this request's action already: it ran before the backend stopped, and is not run again. */
const ranBefore = (store: SandboxStore, virtualCardId: string, requestId: string): string | null => {
  for (const event of store.storedEvents(virtualCardId)) {
    if (event.kind === 'AGENT_ACTION' && 'requestId' in event.detail && event.detail.requestId === requestId && 'operationId' in event.detail) return event.detail.operationId;
  }
  return null;
};

/**
 * The four-eyes requests and their one state machine: PENDING → APPROVED → EXECUTED,
 * EXECUTION_FAILED or (bulk) PARTLY_EXECUTED; PENDING → REJECTED; PENDING → EXPIRED on the
 * training clock. Every step is recorded in the history of each token concerned (so the timeline
 * shows it), published as `approval.changed` (so the requester and the supervisors see it at
 * once) and handed to the audit trail.
 *
 * Exactly once: a decision moves the request out of PENDING synchronously, before anything is
 * awaited, so a second approval arriving meanwhile (a retry with another key, a second
 * supervisor) finds it decided and runs nothing. A bulk request runs its tokens one after the
 * other, each outcome kept before the next starts, so a token is never run twice.
 *
 * Durable: the requests live in the store's state (`--data`), and each change is written to disk
 * (`persist`) before the call that made it is answered, so a restarted training backend still has
 * its pending requests; `resume` then expires the ones whose time passed meanwhile and finishes a
 * run the stop interrupted (a token whose history already holds this request's action is not run
 * again).
 */
export class ApprovalBook {
  private readonly requests: Map<string, ApprovalRequest>;

  constructor(
    private readonly store: SandboxStore,
    private readonly runApproved: RunApproved,
    /** Each step, for the backend's audit trail: a call is answered once its step is written. */
    private readonly recordStep: (step: ApprovalStep) => Promise<unknown>,
    /** Writes the store's state to disk (resolved once durable); nothing to do without a data file. */
    private readonly persist: () => Promise<void> = async () => undefined,
  ) {
    this.requests = store.approvalRequests;
  }

  async create(submission: ApprovalRequestSubmission, assessment: Assessment, requester: Agent, now: Date, origin: CallOrigin): Promise<ApprovalRequest> {
    const expiresAfter = this.store.actionPolicy.approvals?.expiresAfterMinutes;
    if (expiresAfter === undefined) throw new ApiFailure('APPROVAL_NOT_REQUIRED', 'The issuer’s policy holds no action back for approval.');
    const { token } = assessment;
    const request: ApprovalRequest = {
      requestId: newRequestId(),
      state: 'PENDING',
      rule: assessment.rule,
      operation: submission.operation,
      virtualCardId: token.virtualCardId,
      issuerCardRefId: token.issuerCardRefId,
      cardholderId: token.cardholderId,
      tokenLastFour: token.tokenLastFour,
      action: { ...submission.action },
      riskRules: [...assessment.riskRules],
      ...(assessment.signals ? { signals: assessment.signals } : {}),
      overridesSuspensionBy: [...assessment.overridesSuspensionBy],
      ...(submission.bulk ? { bulk: { bulkId: submission.bulk.bulkId, scope: submission.bulk.scope, ...(assessment.bulkTokens ? { tokens: [...assessment.bulkTokens] } : {}) } } : {}),
      requestedBy: person(requester),
      requestedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + expiresAfter * MINUTE_MS).toISOString(),
    };
    await this.save(request);
    await this.step('APPROVAL_REQUESTED', request, null, requester, now, origin);
    return request;
  }

  /** The requests this agent may see, newest first, optionally in one state. */
  list(viewer: Agent, state: ApprovalState | undefined, may: (agent: Agent, request: ApprovalRequest) => boolean): ApprovalRequest[] {
    return [...this.requests.values()].filter((request) => may(viewer, request) && (state === undefined || request.state === state)).reverse();
  }

  get(requestId: string): ApprovalRequest | undefined {
    return this.requests.get(requestId);
  }

  /**
   * A supervisor's decision. The same decision again answers the request as it is (a retry, a
   * second supervisor's click), never a second run; another decision after the first, or any
   * after expiry, is a 409.
   */
  async decide(requestId: string, decision: 'approve' | 'reject', decider: Agent, comment: string, now: Date, origin: CallOrigin): Promise<ApprovalRequest> {
    const request = this.requests.get(requestId);
    if (!request) throw new ApiFailure('UNKNOWN_APPROVAL_REQUEST', 'No approval request has this id.', 'requestId');
    if (request.requestedBy.agentId === decider.agentId) {
      throw new ApiFailure('SELF_APPROVAL_FORBIDDEN', 'The requester may not approve or reject their own request: another supervisor must decide it.');
    }
    if (request.state !== 'PENDING') {
      const approved = request.state === 'APPROVED' || request.state === 'EXECUTED' || request.state === 'EXECUTION_FAILED' || request.state === 'PARTLY_EXECUTED';
      if ((decision === 'approve' && approved) || (decision === 'reject' && request.state === 'REJECTED')) return this.settled(requestId);
      throw new ApiFailure('APPROVAL_NOT_PENDING', `The request is ${request.state}: it can no longer be ${decision === 'approve' ? 'approved' : 'rejected'}.`);
    }
    const decided: ApprovalRequest = {
      ...request,
      state: decision === 'approve' ? 'APPROVED' : 'REJECTED',
      decidedBy: person(decider),
      decidedAt: now.toISOString(),
      decisionComment: comment,
    };
    // Set before anything is awaited: the exactly-once guard; a retry meanwhile waits for this run's end.
    this.requests.set(requestId, decided);
    return this.track(
      requestId,
      (async () => {
        await this.save(decided);
        const written = this.step(decision === 'approve' ? 'APPROVAL_GRANTED' : 'APPROVAL_REJECTED', decided, request.state, decider, now, origin);
        const answer = decision === 'reject' ? decided : await this.execute(decided, now, origin);
        await written;
        return answer;
      })(),
    );
  }

  /** Expires every pending request whose time has come on the training clock; answers how many. */
  expireDue(now: Date): number {
    let expired = 0;
    for (const request of [...this.requests.values()]) {
      if (request.state !== 'PENDING' || Date.parse(request.expiresAt) > now.getTime()) continue;
      const next: ApprovalRequest = { ...request, state: 'EXPIRED' };
      this.requests.set(request.requestId, next);
      // Nobody waits for an expiry's write or record: the writer and the sink report their own failures.
      void this.save(next);
      void this.step('APPROVAL_EXPIRED', next, 'PENDING', null, now, { correlationId: `approval-expiry-${request.requestId.toLowerCase()}`, workstationId: null });
      expired += 1;
    }
    return expired;
  }

  /**
   * After a start from the data file: what expired while the backend was stopped expires now, and
   * an approved request whose run the stop interrupted is finished (each token at most once).
   */
  async resume(now: Date): Promise<void> {
    this.expireDue(now);
    for (const request of [...this.requests.values()]) {
      if (request.state !== 'APPROVED') continue;
      await this.track(request.requestId, this.execute(request, now, { correlationId: `approval-resume-${request.requestId.toLowerCase()}`, workstationId: null }));
    }
  }

  /** The decisions still being written or run, by request id. */
  private readonly running = new Map<string, Promise<ApprovalRequest>>();

  private track(requestId: string, run: Promise<ApprovalRequest>): Promise<ApprovalRequest> {
    this.running.set(requestId, run);
    return run.finally(() => {
      if (this.running.get(requestId) === run) this.running.delete(requestId);
    });
  }

  /** The request once its run (if any) is over: a retried approval answers what the first one ran. */
  private async settled(requestId: string): Promise<ApprovalRequest> {
    // A run that failed answered its own caller; this one answers the request as it is.
    await this.running.get(requestId)?.catch(() => undefined);
    const request = this.requests.get(requestId);
    if (!request) throw new ApiFailure('UNKNOWN_APPROVAL_REQUEST', 'No approval request has this id.', 'requestId');
    return request;
  }

  private execute(approved: ApprovalRequest, now: Date, origin: CallOrigin): Promise<ApprovalRequest> {
    const tokens = approved.bulk?.tokens;
    return tokens ? this.executeBulk(approved, tokens, now, origin) : this.executeOne(approved, now, origin);
  }

  /** Runs the approved action on one token through the operations' own path; a refusal is the outcome, not an error. */
  private async runOn(approved: ApprovalRequest, virtualCardId: string, expectedState: ApprovalRequest['action']['expectedState'], now: Date, origin: CallOrigin): Promise<Execution> {
    const { decidedBy } = approved;
    if (!decidedBy) throw new Error('An approved request names its approver.');
    const requester: Agent = { agentId: approved.requestedBy.agentId, name: approved.requestedBy.name, role: approved.requestedBy.role };
    const already = ranBefore(this.store, virtualCardId, approved.requestId);
    if (already !== null) return { outcome: 'ACCEPTED', operationId: already, at: now.toISOString() };
    try {
      const operationId = await this.runApproved({
        operation: approved.operation,
        virtualCardId,
        body: { ...approved.action, expectedState },
        requester,
        approval: { requestId: approved.requestId, approvedBy: named(decidedBy) },
        origin,
      });
      return { outcome: 'ACCEPTED', operationId, at: now.toISOString() };
    } catch (error) {
      const body = error instanceof ApiFailure ? error.toBody().error : { code: 'SYSTEM_ERROR', message: 'The backend could not run the approved action.' };
      return {
        outcome: 'FAILED',
        at: now.toISOString(),
        code: body.code,
        message: body.message,
        ...('rule' in body && body.rule !== undefined ? { rule: body.rule } : {}),
        ...('currentState' in body && body.currentState !== undefined ? { currentState: body.currentState } : {}),
      };
    }
  }

  private async executeOne(approved: ApprovalRequest, now: Date, origin: CallOrigin): Promise<ApprovalRequest> {
    const execution = await this.runOn(approved, approved.virtualCardId, approved.action.expectedState, now, origin);
    return this.finish({ ...approved, state: execution.outcome === 'ACCEPTED' ? 'EXECUTED' : 'EXECUTION_FAILED', execution });
  }

  /**
   * One token after the other, each outcome written before the next token runs: a token that
   * changed meanwhile fails alone, with its own error, and the others still run.
   */
  private async executeBulk(approved: ApprovalRequest, tokens: readonly BulkToken[], now: Date, origin: CallOrigin): Promise<ApprovalRequest> {
    let current = approved;
    const done: BulkToken[] = [...tokens];
    for (const [index, token] of tokens.entries()) {
      if (token.outcome !== undefined) continue;
      done[index] = { ...token, outcome: await this.runOn(current, token.virtualCardId, token.expectedState, now, origin) };
      const bulk = current.bulk;
      if (bulk === undefined) throw new Error('A bulk request keeps its bulk part.');
      current = { ...current, bulk: { ...bulk, tokens: [...done] } };
      this.requests.set(current.requestId, current);
      await this.save(current);
      this.store.changes.publish({ type: 'approval.changed', request: current, previousState: 'APPROVED' });
    }
    const outcomes = done.map((token) => token.outcome).filter((outcome): outcome is Execution => outcome !== undefined);
    const failure = outcomes.find((outcome) => outcome.outcome === 'FAILED');
    const accepted = outcomes.filter((outcome) => outcome.outcome === 'ACCEPTED').length;
    const state = failure === undefined ? 'EXECUTED' : accepted > 0 ? 'PARTLY_EXECUTED' : 'EXECUTION_FAILED';
    const execution = failure ?? outcomes[0];
    return this.finish({ ...current, state, ...(execution ? { execution } : {}) });
  }

  private async finish(done: ApprovalRequest): Promise<ApprovalRequest> {
    this.requests.set(done.requestId, done);
    await this.save(done);
    this.store.changes.publish({ type: 'approval.changed', request: done, previousState: 'APPROVED' });
    return done;
  }

  /** Keeps the request in the store's state and waits until it is on disk. */
  private async save(request: ApprovalRequest): Promise<void> {
    this.requests.set(request.requestId, request);
    this.store.changed();
    await this.persist();
  }

  /** Records a step in the token's history, streams the request's change and hands the step to the audit trail. */
  private step(kind: ApprovalStep['kind'], request: ApprovalRequest, previousState: ApprovalState | null, actor: Agent | null, now: Date, origin: CallOrigin): Promise<unknown> {
    const concerned = request.bulk?.tokens?.map((item) => item.virtualCardId) ?? [request.virtualCardId];
    for (const virtualCardId of concerned) {
      const token = this.store.tokens.get(virtualCardId);
      if (token) this.store.recordTokenChange({ token, event: this.eventOf(kind, request, virtualCardId, actor, now, origin.correlationId) });
    }
    this.store.changes.publish({ type: 'approval.changed', request, previousState });
    return this.recordStep({ kind, request, actor, ...origin });
  }

  private eventOf(kind: ApprovalStep['kind'], request: ApprovalRequest, virtualCardId: string, actor: Agent | null, now: Date, correlationId: string): TokenEvent {
    const common = {
      eventId: newEventId(),
      virtualCardId,
      occurredAt: now.toISOString(),
      // Expiry is the issuer's system acting, nobody in person.
      actor: actor ? { source: 'ISSUER' as const, agentId: actor.agentId, agentName: actor.name } : { source: 'ISSUER' as const },
      correlationId,
    };
    const fields = { requestId: request.requestId, operation: request.operation, rule: request.rule, requestedBy: named(request.requestedBy) };
    switch (kind) {
      case 'APPROVAL_REQUESTED':
        return {
          ...common,
          kind,
          reasonCode: request.action.reasonCode,
          ...(request.action.comment === undefined ? {} : { comment: request.action.comment }),
          detail: { ...fields, ...(request.riskRules.length > 0 ? { riskRules: [...request.riskRules] } : {}), expiresAt: request.expiresAt },
        };
      case 'APPROVAL_GRANTED':
      case 'APPROVAL_REJECTED': {
        if (!request.decidedBy) throw new Error('A decided request names who decided it.');
        return {
          ...common,
          kind,
          ...(request.decisionComment ? { comment: request.decisionComment } : {}),
          detail: { ...fields, decidedBy: named(request.decidedBy) },
        };
      }
      case 'APPROVAL_EXPIRED':
        return { ...common, kind, detail: { ...fields, expiresAt: request.expiresAt } };
    }
  }
}
