import { ApprovalRequestSubmission } from '../../../shared/api/approvals';
import type { SubmitActionInput } from '../../../shared/contract';
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
