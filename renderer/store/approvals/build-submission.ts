import { ApprovalRequestSubmission } from '../../../shared/api/approvals';
import type { SubmitActionInput, SubmitBulkInput } from '../../../shared/contract';
import { reasonTextForTokenService } from '../../../shared/domain/reason-codes';

/**
 * The approval request for an action the agent filled in: the operation's body exactly as the
 * backend will run it once approved (the reason's words for the token service from the one table,
 * never text the agent typed), checked by the API's own schema.
 */
export const approvalSubmissionOf = (input: SubmitActionInput): ApprovalRequestSubmission | null => {
  const parsed = ApprovalRequestSubmission.safeParse({
    operation: input.operation,
    virtualCardId: input.virtualCardId,
    action: {
      reasonCode: input.reasonCode,
      reason: reasonTextForTokenService(input.reasonCode),
      ...(input.comment === undefined ? {} : { comment: input.comment }),
      expectedState: input.expectedState,
      ...(input.operation === 'activate' ? { verifiers: input.verifiers, callAnswers: input.callAnswers } : {}),
    },
  });
  return parsed.success ? parsed.data : null;
};

/**
 * One approval request for a whole bulk action (a bulk delete): the supervisor decides once for
 * every token the preview said would change, and the backend then runs each with the state the
 * agent saw. The first token names the request; the action's body is the same for all.
 */
export const bulkApprovalSubmissionOf = (input: SubmitBulkInput): ApprovalRequestSubmission | null => {
  const [first] = input.items;
  if (first === undefined) return null;
  const parsed = ApprovalRequestSubmission.safeParse({
    operation: input.operation,
    virtualCardId: first.virtualCardId,
    action: {
      reasonCode: input.reasonCode,
      reason: reasonTextForTokenService(input.reasonCode),
      ...(input.comment === undefined ? {} : { comment: input.comment }),
      expectedState: first.expectedState,
    },
    bulk: { bulkId: input.bulkId, scope: input.scope, tokens: input.items.map((item) => ({ virtualCardId: item.virtualCardId, expectedState: item.expectedState })) },
  });
  return parsed.success ? parsed.data : null;
};
