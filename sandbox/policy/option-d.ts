import type { Token } from '../../shared/api/model';
import type { TokenOperationRequest } from '../../shared/api/operations';
import type { TokenActionPolicy } from '../../shared/api/policy';
import { checkIdentity } from '../../shared/domain/identity-verification';
import { matchRiskRules } from '../../shared/domain/risk-rules';
import { ApiFailure } from '../http/errors';
import { digitizationSignalsOf, riskFactsOf } from '../store/digitization-signals';
import type { SandboxStore } from '../store/store';

/**
 * The backend's side of an Option D activation, with the same shared functions the console uses:
 * the identity checks that passed must meet the issuer's policy, and no risk rule may match the
 * token's digitization signals and what the agent learned on the call. Either refusal changes
 * nothing.
 */
export const enforceOptionD = (store: SandboxStore, token: Token, body: TokenOperationRequest, policy: TokenActionPolicy): string[] => {
  if (!body.callAnswers) {
    // Without the call's answers the backend cannot apply the rules the console applied.
    throw new ApiFailure('MISSING_PARAMETER', 'callAnswers: required for an Option D activation (was the call inbound, was the caller asked to share a code).', 'callAnswers');
  }
  const identity = checkIdentity(policy.identityVerification, body.verifiers ?? []);
  if (!identity.met) {
    const missing = identity.missingRequired.length > 0 ? ` Required and not passed: ${identity.missingRequired.join(', ')}.` : '';
    const more = identity.stillNeeded > 0 ? ` ${identity.stillNeeded} more of ${policy.identityVerification.choose.from.join(', ')} needed.` : '';
    throw new ApiFailure('IDENTITY_NOT_VERIFIED', `verifiers: the identity checks that passed do not meet the issuer's policy.${missing}${more}`, 'verifiers');
  }
  // Whether a match holds the activation back for a supervisor or refuses it is the approval check's (approval.ts).
  return matchRiskRules(policy.riskRules, riskFactsOf(digitizationSignalsOf(store, token), body.callAnswers));
};
