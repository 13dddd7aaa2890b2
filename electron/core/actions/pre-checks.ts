import type { ActionFailure } from '../../../shared/api/audit';
import type { Token, TokenState } from '../../../shared/api/model';
import type { CallAnswers, DigitizationSignals, TokenActionPolicy, Verifier } from '../../../shared/api/policy';
import { checkIdentity } from '../../../shared/domain/identity-verification';
import { matchRiskRules } from '../../../shared/domain/risk-rules';
import { issuerRefusal, type TokenOperation } from '../../../shared/domain/transitions';

/**
 * The checks main makes before it writes an action ahead and sends it, with the rules the backend
 * enforces too: a refusal here sends nothing and becomes a FAILED action with its reason (and its
 * audit record), so the agent sees why in the same place as any other outcome.
 */

/** The issuer's answer from the one transition table, as the console offers and the backend enforces it. */
export { issuerRefusal };

/** The token as the agent saw it and as it is now, against the table. */
export const transitionRefusal = (
  token: Pick<Token, 'state' | 'suspendedBy' | 'levelOfTrust'>,
  operation: TokenOperation,
  expectedState: TokenState,
  policy: Pick<TokenActionPolicy, 'issuerMayOverrideSuspension'>,
): ActionFailure | null => {
  const rule = issuerRefusal(token, operation, { issuerMayOverrideSuspension: policy.issuerMayOverrideSuspension });
  // The token changed since the agent saw it: say how it is now, never act on a stale screen.
  if (token.state !== expectedState) return { code: 'TOKEN_STATE_CONFLICT', currentState: token.state, ...(rule ? { rule } : {}) };
  if (rule) return { code: 'TRANSITION_NOT_ALLOWED', rule, currentState: token.state };
  return null;
};

export interface ActivationFacts {
  readonly verifiers: readonly Verifier[];
  readonly callAnswers: CallAnswers;
  readonly signals: DigitizationSignals;
}

/** Option D: identity first (the caller must be who they say), then the scam signals. */
export const activationRefusal = (policy: TokenActionPolicy, facts: ActivationFacts): { refusal: ActionFailure | null; riskRules: string[] } => {
  const riskRules = matchRiskRules(policy.riskRules, {
    deviceNewForCardholder: facts.signals.deviceNewForCardholder,
    tokensRequestedLast24h: facts.signals.tokensRequestedLast24h,
    levelOfTrustReasons: facts.signals.levelOfTrust.reasons,
    callInbound: facts.callAnswers.inbound,
    askedToShareCode: facts.callAnswers.askedToShareCode,
  });
  if (!checkIdentity(policy.identityVerification, facts.verifiers).met) return { refusal: { code: 'IDENTITY_NOT_VERIFIED' }, riskRules };
  const [first] = riskRules;
  if (first !== undefined) return { refusal: { code: 'SUPERVISOR_APPROVAL_REQUIRED', rule: first, riskRules }, riskRules };
  return { refusal: null, riskRules };
};
