import type { ApprovalRequestSubmission } from '../../shared/api/approvals';
import type { Token } from '../../shared/api/model';
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
  const bulkTokens = submission.bulk?.tokens;
  return bulkTokens === undefined ? assessOne(store, submission) : assessBulk(store, submission, bulkTokens);
};

type Scope = NonNullable<ApprovalRequestSubmission['bulk']>['scope'];

const inScope = (token: Token, scope: Scope): boolean =>
  scope.kind === 'CARD' ? token.issuerCardRefId === scope.issuerCardRefId : token.cardholderId === scope.cardholderId && token.device.tokenStorageId === scope.tokenStorageId;

/**
 * A bulk request is one decision for every token listed: each is checked as a single request
 * would be (its state as the agent saw it, the transition table, the policy's rule) and must be
 * one of the bulk's scope, so a supervisor approves exactly the selection the agent previewed.
 * Option D activations are one token at a time (their identity checks are per call).
 */
const assessBulk = (store: SandboxStore, submission: ApprovalRequestSubmission, tokens: readonly { virtualCardId: string; expectedState: Token['state'] }[]): Assessment => {
  const [first] = tokens;
  const scope = submission.bulk?.scope;
  if (submission.operation === 'activate') throw new ApiFailure('BAD_FORMAT', 'bulk.tokens: an activation is requested one token at a time.', 'bulk.tokens');
  if (first === undefined || scope === undefined || first.virtualCardId !== submission.virtualCardId || first.expectedState !== submission.action.expectedState) {
    throw new ApiFailure('BAD_FORMAT', 'bulk.tokens: the first token is the request’s virtualCardId, with the action’s expected state.', 'bulk.tokens');
  }
  const assessed = tokens.map((item, index) => {
    const token = store.tokens.get(item.virtualCardId);
    if (!token || !inScope(token, scope)) throw new ApiFailure('UNKNOWN_TOKEN', `bulk.tokens[${index}]: no token of this bulk's scope has this virtualCardId.`, `bulk.tokens.${index}.virtualCardId`);
    return assessOne(store, { ...submission, virtualCardId: item.virtualCardId, action: { ...submission.action, expectedState: item.expectedState } });
  });
  const [head] = assessed;
  if (head === undefined) throw new ApiFailure('BAD_FORMAT', 'bulk.tokens: at least one token.', 'bulk.tokens');
  return {
    ...head,
    bulkTokens: assessed.map(({ token }, index) => ({ virtualCardId: token.virtualCardId, tokenLastFour: token.tokenLastFour, expectedState: tokens[index]?.expectedState ?? token.state })),
    overridesSuspensionBy: [...new Set(assessed.flatMap((item) => item.overridesSuspensionBy))],
  };
};

const assessOne = (store: SandboxStore, submission: ApprovalRequestSubmission): Assessment => {
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
