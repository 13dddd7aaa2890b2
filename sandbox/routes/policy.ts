import type { TokenActionPolicy } from '../../shared/api/policy';
import { ApiFailure } from '../http/errors';
import { digitizationSignalsOf } from '../store/digitization-signals';
import type { SandboxStore } from '../store/store';
import type { HandlersFor } from './context';

/**
 * The policy as served. Whether the platform notifies cardholders has one source of truth, the
 * notification setting `issuerSendsOwnOtp` (an issuer that sends its own OTP gets no platform
 * notifications), so the policy's flag is read from it.
 */
export const servedPolicy = (store: SandboxStore): TokenActionPolicy => ({
  ...store.actionPolicy,
  platformNotifications: !store.notificationSettings.issuerSendsOwnOtp,
});

/** The issuer's token-action policy and the digitization signals it is applied to. */
export const policyHandlers = (store: SandboxStore): HandlersFor<'getActionPolicy' | 'getDigitizationSignals'> => ({
  getActionPolicy: () => servedPolicy(store),
  getDigitizationSignals: ({ params }) => {
    const token = store.tokens.get(params.virtualCardId);
    if (!token) throw new ApiFailure('UNKNOWN_TOKEN', 'No token has this virtualCardId.', 'virtualCardId');
    return digitizationSignalsOf(store, token);
  },
});
