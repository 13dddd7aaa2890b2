import { z } from 'zod';
import { TOKEN_OPERATIONS, type TokenOperation } from '../domain/transitions';
import { FreeText } from './free-text';
import { AgentId, ApprovalRequestId, CardholderId, IsoDateTime, IssuerCardRefId, OperationId, VirtualCardId } from './ids';
import { ChangeSource, Device, Role, TokenState, pageOf } from './model';
import { operationRequestOf } from './operations';
import { ApprovalRule, CallAnswers, DigitizationSignals, Verifier } from './policy';

/**
 * Four-eyes approval: an action the issuer's policy holds back (`ApprovalRule`) waits as a request
 * until a supervisor other than the requester approves or rejects it; the backend then runs the
 * approved action itself, once, under the requester's name with the approver on record.
 *
 * PENDING → APPROVED → EXECUTED or EXECUTION_FAILED (the token changed meanwhile, say), or for a
 * bulk request PARTLY_EXECUTED (some of its tokens ran, the others say why not), or
 * PENDING → REJECTED, or PENDING → EXPIRED when nobody decided within the policy's time.
 */
export const ApprovalState = z.enum(['PENDING', 'APPROVED', 'EXECUTED', 'EXECUTION_FAILED', 'PARTLY_EXECUTED', 'REJECTED', 'EXPIRED']);
export type ApprovalState = z.infer<typeof ApprovalState>;

/** The states after which a request never changes again. */
export const FINAL_APPROVAL_STATES: ReadonlySet<ApprovalState> = new Set<ApprovalState>(['EXECUTED', 'EXECUTION_FAILED', 'PARTLY_EXECUTED', 'REJECTED', 'EXPIRED']);

/** At most this many tokens in one bulk request: a card's tokens, or a device's across the cardholder's cards. */
const MAX_BULK_APPROVAL_TOKENS = 100;

/** The bulk action a request is one token of: all tokens of a card, or all on one device. */
const ApprovalBulk = z.strictObject({
  bulkId: z.uuid(),
  scope: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('CARD'), issuerCardRefId: IssuerCardRefId }),
    z.strictObject({ kind: z.literal('DEVICE'), cardholderId: CardholderId, tokenStorageId: Device.shape.tokenStorageId }),
  ]),
});

/** A token of a bulk request as the agent saw it in the preview. */
const BulkTokenAsked = z.strictObject({ virtualCardId: VirtualCardId, expectedState: TokenState });

/**
 * A bulk request (`tokens` given) is one decision for the whole selection: the supervisor approves
 * or rejects it once, and the backend runs the action on each token once, each with the state the
 * agent saw. Without `tokens`, a request is one token that belongs to a bulk action.
 */
const ApprovalBulkSubmission = ApprovalBulk.extend({
  tokens: z
    .array(BulkTokenAsked)
    .min(1)
    .max(MAX_BULK_APPROVAL_TOKENS)
    .refine((tokens) => new Set(tokens.map((token) => token.virtualCardId)).size === tokens.length, 'each token at most once')
    .optional(),
});

/**
 * One operation's request: the token, and the action's body exactly as the operation endpoint
 * takes it (reason code, reason, comment, expected state, for Option D the verifiers and the
 * call's answers), so an approved request runs with what the agent sent, checked by the same schema.
 */
const submissionOf = <const O extends TokenOperation>(operation: O) =>
  z.strictObject({
    operation: z.literal(operation),
    virtualCardId: VirtualCardId,
    action: operationRequestOf(operation),
    /** With `tokens`: `virtualCardId` is the first of them, and the action's body is each token's but for its expected state. */
    bulk: ApprovalBulkSubmission.optional(),
  });

export const ApprovalRequestSubmission = z.discriminatedUnion('operation', [
  submissionOf(TOKEN_OPERATIONS[0]),
  submissionOf(TOKEN_OPERATIONS[1]),
  submissionOf(TOKEN_OPERATIONS[2]),
  submissionOf(TOKEN_OPERATIONS[3]),
]);
export type ApprovalRequestSubmission = z.infer<typeof ApprovalRequestSubmission>;

const Person = z.object({ agentId: AgentId, name: z.string().min(1).max(200), role: Role });

/** What a supervisor decided, with their words. */
export const ApprovalDecision = z.strictObject({ comment: FreeText(500) });
export type ApprovalDecision = z.infer<typeof ApprovalDecision>;

/** How the backend's run of an approved request ended. */
const ApprovalExecution = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('ACCEPTED'), operationId: OperationId, at: IsoDateTime }),
  z.object({
    outcome: z.literal('FAILED'),
    at: IsoDateTime,
    /** The error the operation answered (TOKEN_STATE_CONFLICT when the token changed meanwhile), as a direct action would get it. */
    code: z.string().regex(/^[A-Z0-9_]{2,40}$/),
    message: z.string().max(500),
    rule: z.string().regex(/^[A-Z_]{2,60}$/).optional(),
    currentState: TokenState.optional(),
  }),
]);

/**
 * A token of a bulk request and how its run ended: absent until the backend ran it, then ACCEPTED
 * (its operation id) or FAILED (the token changed meanwhile, say), never run twice.
 */
const BulkTokenOfRequest = z.object({
  virtualCardId: VirtualCardId,
  tokenLastFour: z.string().regex(/^\d{4}$/),
  expectedState: TokenState,
  outcome: ApprovalExecution.optional(),
});

export const ApprovalRequest = z.object({
  requestId: ApprovalRequestId,
  state: ApprovalState,
  /** The policy's rule that held the action back. */
  rule: ApprovalRule,
  operation: z.enum(TOKEN_OPERATIONS),
  virtualCardId: VirtualCardId,
  issuerCardRefId: IssuerCardRefId,
  cardholderId: CardholderId,
  tokenLastFour: z.string().regex(/^\d{4}$/),
  /** The action's body as the agent sent it. */
  action: z.object({
    reasonCode: z.string().regex(/^[A-Z_]{1,40}$/),
    reason: z.string().max(64),
    comment: z.string().max(500).optional(),
    expectedState: TokenState,
    verifiers: z.array(Verifier).max(Verifier.options.length).optional(),
    callAnswers: CallAnswers.optional(),
  }),
  /** Option D: the risk rules that matched when it was requested, and the signals they read. */
  riskRules: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/)).max(50),
  signals: DigitizationSignals.optional(),
  /** Resume: whose suspension it lifts besides the issuer's own. */
  overridesSuspensionBy: z.array(ChangeSource).max(3),
  /**
   * A bulk request's tokens, each with its outcome once run. It ends EXECUTED (every token ran),
   * PARTLY_EXECUTED (some did) or EXECUTION_FAILED (none did); `execution` is then the first
   * failure, or the first token's operation when all ran.
   */
  bulk: ApprovalBulk.extend({ tokens: z.array(BulkTokenOfRequest).min(1).max(MAX_BULK_APPROVAL_TOKENS).optional() }).optional(),
  requestedBy: Person,
  requestedAt: IsoDateTime,
  /** On the training clock: a request still pending then expires and is never run. */
  expiresAt: IsoDateTime,
  decidedBy: Person.optional(),
  decidedAt: IsoDateTime.optional(),
  decisionComment: z.string().max(500).optional(),
  execution: ApprovalExecution.optional(),
});
export type ApprovalRequest = z.infer<typeof ApprovalRequest>;

export const ApprovalRequestPage = pageOf(ApprovalRequest);
export type ApprovalRequestPage = z.infer<typeof ApprovalRequestPage>;
