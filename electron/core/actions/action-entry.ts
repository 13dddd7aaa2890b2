import { z } from 'zod';
import { ActionRecord, AuditReceipt } from '../../../shared/api/audit';
import { AgentId, CorrelationId, IsoDateTime, WorkstationId } from '../../../shared/api/ids';
import { Role, TokenState } from '../../../shared/api/model';
import { CallAnswers, Verifier } from '../../../shared/api/policy';
import { ACTION_STATUS_RANK, ActionView, isActionUnderWay, type ActionStatus } from '../../../shared/contract/actions';

/**
 * One action in the outbox, as it is kept on disk: everything the ActionView shows, plus what
 * main needs to finish it after a restart: the exact request body (an idempotent retry must send
 * the same body, or the backend refuses the key), the agent who asked for it, and the audit
 * record once the action ended. Read back through this schema, so a damaged file is reported,
 * never half-trusted.
 */
export const OUTBOX_ENTRY_VERSION = 1;

/** The body of `POST …/operations:{op}`, frozen when the action is written ahead. */
const OperationBody = z.strictObject({
  reasonCode: z.string().regex(/^[A-Z_]{1,40}$/),
  reason: z.string().min(1).max(64),
  comment: z.string().max(500).optional(),
  expectedState: TokenState,
  verifiers: z.array(Verifier).max(Verifier.options.length).optional(),
  callAnswers: CallAnswers.optional(),
});

const EntryAgent = z.strictObject({ agentId: AgentId, name: z.string().min(1).max(200), role: Role });

/** The console's record of an ended action, and whether its journal line is written. */
const EntryAudit = z.strictObject({
  record: ActionRecord,
  journaled: z.boolean(),
  /** Written by consoles that also posted the record to the backend; the backend now writes its own, so it is read and ignored. */
  stored: z.boolean().optional(),
});

export const OutboxEntry = z.strictObject({
  version: z.literal(OUTBOX_ENTRY_VERSION),
  view: ActionView,
  agent: EntryAgent,
  workstationId: WorkstationId,
  /** The Idempotency-Key of every send of this action; the correlation id is the view's. */
  idempotencyKey: CorrelationId,
  /** Null when the action was refused before anything was sent. */
  request: OperationBody.nullable(),
  /** Risk rules that matched when the action was asked for (Option D). */
  riskRules: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/)).max(50),
  /** When the first send left; the retries stop this long after it (tuning.retryForMs). */
  firstAttemptAt: IsoDateTime.nullable(),
  /** When the backend accepted it: the confirmation is looked for in the history from here. */
  acceptedAt: IsoDateTime.nullable(),
  /** When it reached CONFIRMED or FAILED. */
  completedAt: IsoDateTime.nullable(),
  /**
   * The send may have reached the backend without its answer reaching us (a timeout, a crash):
   * before sending again or giving up, the token's history is read for our correlation id.
   */
  reconcile: z.boolean(),
  audit: EntryAudit.nullable(),
  /** The backend's receipt of the TOKEN_ACTION record it wrote when it accepted the action; absent when it did not (refused, or the answer was lost). */
  receipt: AuditReceipt.optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const isUnderWay = (entry: OutboxEntry): boolean => isActionUnderWay(entry.view.status);

/** Ended and journaled: nothing left to do but show it (the backend wrote its own record when it took the call). */
export const isSettled = (entry: OutboxEntry): boolean => entry.audit !== null && entry.audit.journaled;

/** Status only moves forward: REQUESTED → ACCEPTED → CONFIRMED | FAILED, and an ended action never changes status again. */
export const canMove = (from: ActionStatus, to: ActionStatus): boolean =>
  from === to || (ACTION_STATUS_RANK[to] > ACTION_STATUS_RANK[from] && isActionUnderWay(from));
