import type { TokenActionPolicy } from '../api/policy';
import type { ChangeSource } from '../api/model';
import type { TokenOperation } from './transitions';

/**
 * Which of the issuer's four-eyes rules an action falls under, if any: the one place the console
 * (before it sends, to offer "request approval") and the backend (before it runs an action, to
 * hold it back) decide it, so the two never disagree. A suspension never falls under one: the
 * policy's rules cannot name it.
 */
export interface ApprovalFacts {
  readonly operation: TokenOperation;
  /** Resume: the parties whose suspension it would lift besides the issuer's own (the transition table's answer). */
  readonly overridesSuspensionBy: readonly ChangeSource[];
  /** Activate (Option D): the risk rules the case matched. */
  readonly riskRules: readonly string[];
}

/**
 * The actions an issuer may make wait for a second person, a supervisor, before the backend runs
 * them: a delete (one token or a bulk one; final), lifting a suspension that the wallet or the TSP
 * set, and an Option D activation that matched a risk rule. A suspension is deliberately not in
 * the list, so no policy can make one wait: it protects the cardholder (the lost-phone call must
 * stay fast) and is undone by a resume.
 */
export const APPROVAL_RULES = ['DELETE', 'RESUME_OVERRIDING_SUSPENSION', 'ACTIVATION_RISK_RULE'] as const;
export type ApprovalRule = (typeof APPROVAL_RULES)[number];

const ruleOf = (facts: ApprovalFacts): ApprovalRule | null => {
  switch (facts.operation) {
    case 'delete':
      return 'DELETE';
    case 'resume':
      return facts.overridesSuspensionBy.length > 0 ? 'RESUME_OVERRIDING_SUSPENSION' : null;
    case 'activate':
      return facts.riskRules.length > 0 ? 'ACTIVATION_RISK_RULE' : null;
    case 'suspend':
      return null;
  }
};

/** The rule that makes this action wait for a supervisor under the policy, or null when it may run at once. */
export const approvalRuleFor = (policy: Pick<TokenActionPolicy, 'approvals'>, facts: ApprovalFacts): ApprovalRule | null => {
  const rule = ruleOf(facts);
  return rule !== null && policy.approvals?.required.includes(rule) === true ? rule : null;
};
