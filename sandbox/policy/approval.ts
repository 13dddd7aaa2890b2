import type { ApiErrorBody } from '../../shared/api/errors';
import type { Token } from '../../shared/api/model';
import type { TokenActionPolicy } from '../../shared/api/policy';
import { approvalRuleFor, type ApprovalRule } from '../../shared/domain/approval-rules';
import { decideTransition, type TokenOperation } from '../../shared/domain/transitions';
import { ApiFailure, RiskRulesFailure } from '../http/errors';
import { transitionPolicyOf } from './action-policy';

/** An action a supervisor approved: the backend runs it with these on record, and holds it back no more. */
export interface ApprovedAction {
  readonly requestId: string;
  readonly approvedBy: { readonly agentId: string; readonly agentName: string };
}

/** The policy holds this action back for a supervisor: the body names the rule and the risk rules that matched. */
class ApprovalRequiredFailure extends ApiFailure {
  constructor(
    readonly rule: ApprovalRule,
    readonly riskRules: readonly string[],
  ) {
    const risk = riskRules.length > 0 ? ` (risk rules: ${riskRules.join(', ')})` : '';
    super('APPROVAL_REQUIRED', `${rule}: the issuer's policy requires a supervisor's approval for this action${risk}; request approval with POST /api/v1/approval-requests. Nothing changed.`);
  }

  override toBody(): ApiErrorBody {
    const { error } = super.toBody();
    return { error: { ...error, rule: this.rule, ...(this.riskRules.length > 0 ? { rules: [...this.riskRules] } : {}) } };
  }
}

/** The parties whose suspension a resume would lift besides the issuer's own (empty for any other operation). */
export const overridesOf = (token: Token, operation: TokenOperation, policy: TokenActionPolicy): readonly Token['suspendedBy'][number][] => {
  const outcome = decideTransition(token, operation, 'ISSUER', transitionPolicyOf(policy));
  return outcome.allowed ? outcome.overridesSuspensionBy : [];
};

/** The policy's rule that holds this action back, or null: the one shared decision the console makes too. */
export const approvalRuleOf = (token: Token, operation: TokenOperation, riskRules: readonly string[], policy: TokenActionPolicy): ApprovalRule | null =>
  approvalRuleFor(policy, { operation, overridesSuspensionBy: overridesOf(token, operation, policy), riskRules });

/**
 * The four-eyes check before an action runs: an action the policy holds back is a 403
 * APPROVAL_REQUIRED naming the rule, unless a supervisor approved it (`approved`). An activation
 * that matched a risk rule under a policy that offers no approval for it stays refused as before
 * (SUPERVISOR_APPROVAL_REQUIRED): nobody could approve it. A suspension is never held back.
 */
export const enforceApproval = (
  token: Token,
  operation: TokenOperation,
  riskRules: readonly string[],
  policy: TokenActionPolicy,
  approved: ApprovedAction | undefined,
): void => {
  if (approved) return;
  const rule = approvalRuleOf(token, operation, riskRules, policy);
  if (rule !== null) throw new ApprovalRequiredFailure(rule, riskRules);
  if (riskRules.length > 0) {
    throw new RiskRulesFailure(`A supervisor must approve this activation (risk rules: ${riskRules.join(', ')}); the issuer's policy offers no approval for it, so it is refused.`, riskRules);
  }
};
