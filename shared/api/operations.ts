import { z } from 'zod';
import { D1_REASON_TEXT, REASON_CODES, findReason } from '../domain/reason-codes';
import { TOKEN_OPERATIONS, type TokenOperation } from '../domain/transitions';
import { AuditReceipt } from './audit';
import { FreeText, withoutCardNumber } from './free-text';
import { VirtualCardId } from './ids';
import { TokenState } from './model';
import { CallAnswers, Verifier } from './policy';

/**
 * The agent's token operations (`POST /api/v1/tokens/{virtualCardId}/operations:{op}`): what the
 * console sends and what an accepted operation answers. Accepted is not done: the token changes
 * when the TSP confirms, reported on the event stream and in the token's history.
 */


export const TokenOperationName = z.enum(TOKEN_OPERATIONS);

const commentRequired = (operation: TokenOperation, code: string): boolean => findReason(operation, code)?.commentRequired === true;

/** The fields every operation takes; the reason codes are the operation's own, from the one list in shared/domain. */
const fieldsOf = (operation: TokenOperation) => ({
  reasonCode: z.enum(REASON_CODES[operation].map((reason) => reason.code)),
  /** What the token service receives; D1 accepts only this alphabet, so Japanese belongs in `comment`. */
  reason: withoutCardNumber(z.string().regex(D1_REASON_TEXT, 'reason: 1–64 of A–Z a–z 0–9 and space (what the token service accepts)')),
  /** The agent's own words, any language: kept in the history and audit, never sent on. */
  comment: FreeText(500).optional(),
  /** The state the agent saw: a token that changed meanwhile is a conflict, never a blind change. */
  expectedState: TokenState,
});

/** "Other" explains nothing by itself, so it needs the agent's comment. */
const requireComment =
  (operation: TokenOperation) =>
  (body: { reasonCode: string; comment?: string | undefined }, context: z.RefinementCtx): void => {
    if (commentRequired(operation, body.reasonCode) && (body.comment ?? '').trim() === '') {
      context.addIssue({ code: 'custom', path: ['comment'], message: 'comment: required for this reason code' });
    }
  };

/**
 * One operation's body. Strict, so a field only another operation takes (verifiers) is refused by
 * name; only an Option D activation says which identity checks passed.
 */
export const operationRequestOf = (operation: TokenOperation) =>
  operation === 'activate'
    ? z
        .strictObject({
          ...fieldsOf(operation),
          /** Which identity checks passed (never the answers), as MDES "authenticated by a customer-service agent". */
          verifiers: z.array(Verifier).max(Verifier.options.length).optional(),
          /** So the backend can apply the issuer's risk rules as the console did. */
          callAnswers: CallAnswers.optional(),
        })
        .superRefine(requireComment(operation))
    : z.strictObject(fieldsOf(operation)).superRefine(requireComment(operation));

/** Any operation's body, as the sandbox handler reads it after the endpoint's own schema checked it. */
export interface TokenOperationRequest {
  readonly reasonCode: string;
  readonly reason: string;
  readonly comment?: string | undefined;
  readonly verifiers?: readonly Verifier[] | undefined;
  readonly callAnswers?: CallAnswers | undefined;
  readonly expectedState: TokenState;
}

export const OperationAccepted = z.object({
  operationId: z.string().regex(/^OP[A-Z0-9]{8,30}$/),
  status: z.literal('ACCEPTED'),
  virtualCardId: VirtualCardId,
  operation: TokenOperationName,
  /** The backend's audit record of this action: the console's journal keeps it beside its own record. */
  audit: AuditReceipt,
});
export type OperationAccepted = z.infer<typeof OperationAccepted>;
