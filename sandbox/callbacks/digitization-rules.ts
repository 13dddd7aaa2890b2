import type { DigitizationRule } from '../../shared/api/callbacks';
import type { IdvMethod } from '../../shared/api/model';

/**
 * The training issuer's digitization rules, first match decides: a very low device
 * score or a burst of requests is declined; a device new to the cardholder or a middling score
 * gets step-up, with customer service (Option D) always among the methods; everything else is
 * approved. `POST /training/v1/digitization-rules` replaces them.
 */
export const trainingDigitizationRules = (): DigitizationRule[] => [
  { id: 'DEVICE_SCORE_LOW', when: { deviceScoreAtMost: 1 }, decision: 'RED', reasons: ['DEVICE_SCORE_LOW'] },
  { id: 'TOO_MANY_REQUESTS', when: { tokensRequestedLast24hAtLeast: 5 }, decision: 'RED', reasons: ['TOO_MANY_ATTEMPTS'] },
  { id: 'SCORING_FRAUD', when: { scoringReason: 'FRAUD_SUSPECTED' }, decision: 'RED', reasons: ['FRAUD_SUSPECTED'] },
  {
    id: 'NEW_DEVICE_STEP_UP',
    when: { deviceNewForCardholder: true },
    decision: 'YELLOW',
    idvMethods: ['SMS_OTP', 'EMAIL_OTP', 'CUSTOMER_SERVICE'],
    reasons: ['NEW_DEVICE'],
  },
  {
    id: 'DEVICE_SCORE_MEDIUM',
    when: { deviceScoreAtMost: 3 },
    decision: 'YELLOW',
    idvMethods: ['SMS_OTP', 'EMAIL_OTP', 'CUSTOMER_SERVICE'],
    reasons: ['DEVICE_SCORE_MEDIUM'],
  },
  { id: 'APPROVE', when: {}, decision: 'GREEN', reasons: ['LOW_RISK_SCORE'] },
];

export interface DigitizationFacts {
  readonly deviceScore: number | null;
  readonly accountScore: number | null;
  readonly deviceNewForCardholder: boolean;
  readonly tokensRequestedLast24h: number;
  readonly scoringReasons: readonly string[];
  /** Where an OTP can go: methods the cardholder cannot receive are never offered: only methods that work end to end. */
  readonly hasPhone: boolean;
  readonly hasEmail: boolean;
}

export interface DigitizationDecision {
  readonly rule: string;
  readonly decision: DigitizationRule['decision'];
  readonly idvMethods: IdvMethod[];
  readonly reasons: string[];
}

const holds = (rule: DigitizationRule, facts: DigitizationFacts): boolean => {
  const { when } = rule;
  // A score the platform did not send counts as safe (5): no rule fires on a missing signal.
  const device = facts.deviceScore ?? 5;
  const account = facts.accountScore ?? 5;
  return (
    (when.deviceScoreAtMost === undefined || device <= when.deviceScoreAtMost) &&
    (when.accountScoreAtMost === undefined || account <= when.accountScoreAtMost) &&
    (when.deviceNewForCardholder === undefined || facts.deviceNewForCardholder === when.deviceNewForCardholder) &&
    (when.tokensRequestedLast24hAtLeast === undefined || facts.tokensRequestedLast24h >= when.tokensRequestedLast24hAtLeast) &&
    (when.scoringReason === undefined || facts.scoringReasons.includes(when.scoringReason))
  );
};

const reachable = (method: IdvMethod, facts: DigitizationFacts): boolean =>
  method === 'SMS_OTP' ? facts.hasPhone : method === 'EMAIL_OTP' ? facts.hasEmail : true;

/** The first rule that holds decides; with no rule holding, the request is approved (GREEN). */
export const decideDigitization = (rules: readonly DigitizationRule[], facts: DigitizationFacts): DigitizationDecision => {
  const rule = rules.find((candidate) => holds(candidate, facts));
  if (!rule) return { rule: 'NO_RULE_MATCHED', decision: 'GREEN', idvMethods: [], reasons: ['LOW_RISK_SCORE'] };
  if (rule.decision !== 'YELLOW') return { rule: rule.id, decision: rule.decision, idvMethods: [], reasons: [...rule.reasons] };
  const methods = (rule.idvMethods ?? ['CUSTOMER_SERVICE']).filter((method) => reachable(method, facts));
  // A yellow decision with nothing the cardholder can use would strand them: customer service always works.
  return { rule: rule.id, decision: 'YELLOW', idvMethods: methods.length > 0 ? methods : ['CUSTOMER_SERVICE'], reasons: [...rule.reasons] };
};
