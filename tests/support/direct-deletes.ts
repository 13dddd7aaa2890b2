import type { TokenActionPolicy } from '../../shared/api/policy';
import { trainingActionPolicy } from '../../sandbox/policy/action-policy';

/**
 * The training policy with deletes going straight through (no supervisor's approval), for suites
 * about the delete itself: the operation, its confirmation, its outbox entry, its notification.
 * Holding a delete back for a supervisor is the approvals suites' subject.
 */
export const directDeletesPolicy = (): TokenActionPolicy => ({
  ...trainingActionPolicy(),
  approvals: { required: ['RESUME_OVERRIDING_SUSPENSION', 'ACTIVATION_RISK_RULE'], expiresAfterMinutes: 30 },
});
