import type { TokenActionPolicy } from '../../shared/api/policy';
import { TRAINING_IDENTITY_POLICY } from '../../shared/domain/identity-verification';
import { TRAINING_RISK_RULES } from '../../shared/domain/risk-rules';
import type { TransitionPolicy } from '../../shared/domain/transitions';

/**
 * The training issuer's token-action policy: the shared training identity checks and risk rules,
 * no lifting of another party's suspension, the platform notifying cardholders, and four-eyes
 * approval of deletes, overriding resumes and risky activations. A sandbox
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
  // Four-eyes: a delete, lifting another party's suspension and a risky Option D activation wait for a supervisor, for 30 minutes.
  approvals: { required: ['DELETE', 'RESUME_OVERRIDING_SUSPENSION', 'ACTIVATION_RISK_RULE'], expiresAfterMinutes: 30 },
});

/** The part of the policy the transition table reads. */
export const transitionPolicyOf = (policy: TokenActionPolicy): TransitionPolicy => ({ issuerMayOverrideSuspension: policy.issuerMayOverrideSuspension });
