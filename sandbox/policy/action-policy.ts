import type { TokenActionPolicy } from '../../shared/api/policy';
import { TRAINING_IDENTITY_POLICY } from '../../shared/domain/identity-verification';
import { TRAINING_RISK_RULES } from '../../shared/domain/risk-rules';
import type { TransitionPolicy } from '../../shared/domain/transitions';

/**
 * The training issuer's token-action policy: the shared training identity checks and risk rules,
 * no lifting of another party's suspension, and the platform notifying cardholders. A sandbox
 * option or `POST /training/v1/action-policy` replaces it; the backend enforces what it serves.
 */
export const trainingActionPolicy = (): TokenActionPolicy => ({
  identityVerification: {
    required: [...TRAINING_IDENTITY_POLICY.required],
    choose: { from: [...TRAINING_IDENTITY_POLICY.choose.from], atLeast: TRAINING_IDENTITY_POLICY.choose.atLeast },
  },
  riskRules: TRAINING_RISK_RULES.map((rule) => ({ id: rule.id, allOf: rule.allOf.map((condition) => ({ ...condition })) })),
  issuerMayOverrideSuspension: false,
  platformNotifications: true,
});

/** The part of the policy the transition table reads. */
export const transitionPolicyOf = (policy: TokenActionPolicy): TransitionPolicy => ({ issuerMayOverrideSuspension: policy.issuerMayOverrideSuspension });
