import { ApiFailure } from '../http/errors';
import { digitizationSignalsOf } from '../store/digitization-signals';
import type { SandboxStore } from '../store/store';
import type { HandlersFor } from './context';

/** The issuer's token-action policy and the digitization signals it is applied to. */
export const policyHandlers = (store: SandboxStore): HandlersFor<'getActionPolicy' | 'getDigitizationSignals'> => ({
  getActionPolicy: () => store.actionPolicy,
  getDigitizationSignals: ({ params }) => {
    const token = store.tokens.get(params.virtualCardId);
    if (!token) throw new ApiFailure('UNKNOWN_TOKEN', 'No token has this virtualCardId.', 'virtualCardId');
    return digitizationSignalsOf(store, token);
  },
});
