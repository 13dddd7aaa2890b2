import { z } from 'zod';
import { TOKEN_OPERATIONS } from '../domain/transitions';
import { AgentId, CardholderId, CorrelationId, IsoDateTime, IssuerCardRefId, LastFour, VirtualCardId, WorkstationId } from './ids';
import { Role, TokenState } from './model';
import { Verifier } from './policy';
import { FreeText } from './free-text';

/**
 * One audit record per agent action: who did what to which token, when, why, with which
 * identity checks, and how it ended. Main writes it to its append-only journal and sends it to the
 * backend (`POST /api/v1/audit-records`, idempotent by `auditId`); supervisors read and export them.
 */
const ActionOutcome = z.enum(['CONFIRMED', 'FAILED']);
export type ActionOutcome = z.infer<typeof ActionOutcome>;

/** Why an action failed, in one list for the audit record, the IPC contract and the UI (`actions.failure.<code>`). */
export const ActionFailureCode = z.enum([
  /** The transition table refuses it (the rule says which). */
  'TRANSITION_NOT_ALLOWED',
  /** The token changed since the agent saw it (currentState says how it is now). */
  'TOKEN_STATE_CONFLICT',
  /** Another operation on the token awaits the TSP's confirmation. */
  'OPERATION_PENDING',
  /** The ticked checks do not meet the issuer's identity policy. */
  'IDENTITY_NOT_VERIFIED',
  /** A risk rule matched: a supervisor must approve (not built yet, so refused). */
  'SUPERVISOR_APPROVAL_REQUIRED',
  /** The TSP could not carry it out (e.g. 221, device unreachable); the token kept its state. */
  'TSP_FAILED',
  'UNKNOWN_TOKEN',
  /** The backend refused the request as wrong (category D). */
  'BACKEND_REJECTED',
  /** The backend refused for a functional reason (category F). */
  'BACKEND_REFUSED',
  /** The backend could not be reached for long enough that the outbox gave up; nothing was done. */
  'BACKEND_UNAVAILABLE',
]);
export type ActionFailureCode = z.infer<typeof ActionFailureCode>;

export const ActionFailure = z.strictObject({
  code: ActionFailureCode,
  /** The transition rule or risk rule id the refusal names. */
  rule: z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/).optional(),
  currentState: TokenState.optional(),
  /** Every risk rule that matched, for SUPERVISOR_APPROVAL_REQUIRED. */
  riskRules: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/)).max(50).optional(),
  /** The TSP's error code (e.g. 221), for TSP_FAILED. */
  tspErrorCode: z.string().regex(/^[A-Za-z0-9_]{1,20}$/).optional(),
  /** The backend's error code, when it answered one. */
  backendCode: z.string().regex(/^[A-Z0-9_]{2,40}$/).optional(),
});
export type ActionFailure = z.infer<typeof ActionFailure>;

export const AuditRecord = z.strictObject({
  auditId: z.uuid(),
  actionId: z.uuid(),
  /** Set when the action was one of a bulk action's (all tokens of a card or a device). */
  bulkId: z.uuid().nullable(),
  agent: z.strictObject({ agentId: AgentId, name: z.string().min(1).max(200), role: Role }),
  workstationId: WorkstationId,
  requestedAt: IsoDateTime,
  completedAt: IsoDateTime,
  virtualCardId: VirtualCardId,
  issuerCardRefId: IssuerCardRefId,
  cardholderId: CardholderId,
  tokenLastFour: LastFour,
  operation: z.enum(TOKEN_OPERATIONS),
  reasonCode: z.string().regex(/^[A-Z_]{1,40}$/),
  /** What the token service was sent (its alphabet only); null when nothing was sent. */
  reasonSent: z.string().max(64).nullable(),
  /** The agent's own words, in full and in any language: never sent to the token service. */
  comment: z.string().max(500).nullable(),
  /** Which identity checks passed, never the answers (Option D only; empty otherwise). */
  verifiers: z.array(Verifier).max(Verifier.options.length),
  /** Risk rules that matched when the action was asked for. */
  riskRules: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/)).max(50),
  correlationId: CorrelationId,
  /** The backend's operation id, once it accepted the action. */
  operationId: z.string().regex(/^OP[A-Z0-9]{8,30}$/).nullable(),
  outcome: ActionOutcome,
  failure: ActionFailure.nullable(),
  /** How many times main sent the request (retries reuse the idempotency key). */
  attempts: z.number().int().min(0).max(1000),
  /** Main restarted while the action was under way and finished it from its outbox. */
  resumedAfterRestart: z.boolean(),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

export const AuditRecordStored = z.object({ auditId: z.uuid(), receivedAt: IsoDateTime });

/**
 * A record as a console sends it (`POST /api/v1/audit-records`): the comment without a card
 * number, so the backend never stores one. Records read back keep the plain shape.
 */
export const AuditRecordSubmission = AuditRecord.extend({ comment: FreeText(500).nullable() });
