/**
 * Scam awareness before an Option D activation (docs/domain.md, "Option D"): the signals the
 * backend has for the digitization, plus what the agent learned on the call, matched against the
 * issuer's risk rules. A match means the activation needs a supervisor's approval; until the
 * supervisor flow exists it is refused with that message. The backend checks the same rules on its
 * side.
 */
export type RiskCondition =
  | { readonly signal: 'DEVICE_NEW_FOR_CARDHOLDER'; readonly equals: boolean }
  | { readonly signal: 'TOKENS_REQUESTED_24H'; readonly atLeast: number }
  | { readonly signal: 'CALL_INBOUND'; readonly equals: boolean }
  | { readonly signal: 'ASKED_TO_SHARE_CODE'; readonly equals: boolean }
  | { readonly signal: 'LEVEL_OF_TRUST_REASON'; readonly includes: string };

/** A rule matches when every one of its conditions holds. */
export interface RiskRule {
  /** Also the i18n key of its sentence: `actions.riskRules.<id>` when the console knows it. */
  readonly id: string;
  readonly allOf: readonly RiskCondition[];
}

export interface RiskFacts {
  readonly deviceNewForCardholder: boolean;
  readonly tokensRequestedLast24h: number;
  readonly levelOfTrustReasons: readonly string[];
  /** The cardholder called us (inbound), rather than us calling them. */
  readonly callInbound: boolean;
  /** The caller said someone asked them to read out a code or to call us: the classic scam script. */
  readonly askedToShareCode: boolean;
}

const holds = (condition: RiskCondition, facts: RiskFacts): boolean => {
  switch (condition.signal) {
    case 'DEVICE_NEW_FOR_CARDHOLDER':
      return facts.deviceNewForCardholder === condition.equals;
    case 'TOKENS_REQUESTED_24H':
      return facts.tokensRequestedLast24h >= condition.atLeast;
    case 'CALL_INBOUND':
      return facts.callInbound === condition.equals;
    case 'ASKED_TO_SHARE_CODE':
      return facts.askedToShareCode === condition.equals;
    case 'LEVEL_OF_TRUST_REASON':
      return facts.levelOfTrustReasons.includes(condition.includes);
  }
};

/** The ids of the rules that match, in the policy's order; empty means no supervisor is needed. */
export const matchRiskRules = (rules: readonly RiskRule[], facts: RiskFacts): string[] =>
  rules.filter((rule) => rule.allOf.length > 0 && rule.allOf.every((condition) => holds(condition, facts))).map((rule) => rule.id);

/** The training issuer's rules. */
export const TRAINING_RISK_RULES: readonly RiskRule[] = [
  { id: 'ASKED_TO_SHARE_CODE', allOf: [{ signal: 'ASKED_TO_SHARE_CODE', equals: true }] },
  { id: 'OUTBOUND_CALL', allOf: [{ signal: 'CALL_INBOUND', equals: false }] },
  {
    id: 'NEW_DEVICE_HIGH_VELOCITY',
    allOf: [
      { signal: 'DEVICE_NEW_FOR_CARDHOLDER', equals: true },
      { signal: 'TOKENS_REQUESTED_24H', atLeast: 3 },
    ],
  },
  { id: 'NAME_MISMATCH', allOf: [{ signal: 'LEVEL_OF_TRUST_REASON', includes: 'NAME_MISMATCH' }] },
];
