import type { ApprovalRequestSubmission } from '../../shared/api/approvals';
import { issuerRefusal } from '../../shared/domain/transitions';
import { ApiFailure, TokenStateFailure } from '../http/errors';
import { transitionPolicyOf } from '../policy/action-policy';
import { approvalRuleOf, overridesOf } from '../policy/approval';
import { enforceOptionD } from '../policy/option-d';
import { refusalMessage } from '../simulation/wallet-changes';
import { digitizationSignalsOf } from '../store/digitization-signals';
import type { SandboxStore } from '../store/store';
import type { Assessment } from './approval-book';

/**
 * A request is checked as the action itself would be (the token, the state the agent saw, the
 * transition table, Option D's identity checks), so a supervisor never approves an action that
 * could not run; the risk rules and the signals they read are the backend's own. An action the
 * policy does not hold back needs no request: the agent sends it.
 */
export const assessRequest = (store: SandboxStore, submission: ApprovalRequestSubmission): Assessment => {
  const token = store.tokens.get(submission.virtualCardId);
  if (!token) throw new ApiFailure('UNKNOWN_TOKEN', 'No token has this virtualCardId.', 'virtualCardId');
  const policy = store.actionPolicy;
  const { operation, action } = submission;
  const refusal = issuerRefusal(token, operation, transitionPolicyOf(policy));
  if (token.state !== action.expectedState) {
    throw new TokenStateFailure(
      'TOKEN_STATE_CONFLICT',
      `The token changed since the agent saw it: it is ${token.state}, not ${action.expectedState}.`,
      { rule: refusal ?? undefined, currentState: token.state },
      'action.expectedState',
    );
  }
  if (refusal) throw new TokenStateFailure('TRANSITION_NOT_ALLOWED', refusalMessage(token, { field: 'action', rule: refusal }), { rule: refusal, currentState: token.state });
  const riskRules = operation === 'activate' ? enforceOptionD(store, token, action, policy) : [];
  const rule = approvalRuleOf(token, operation, riskRules, policy);
  if (rule === null) throw new ApiFailure('APPROVAL_NOT_REQUIRED', "The issuer's policy does not hold this action back: send it as an operation.", 'operation');
  return {
    token,
    rule,
    riskRules,
    ...(operation === 'activate' ? { signals: digitizationSignalsOf(store, token) } : {}),
    overridesSuspensionBy: [...overridesOf(token, operation, policy)],
  };
};
