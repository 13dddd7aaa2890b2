import { CorrelationId } from '../../shared/api/ids';
import { ApiFailure, TokenStateFailure } from '../http/errors';
import type { FaultInjector } from '../http/faults';
import { refusalMessage, simulateChange } from '../simulation/wallet-changes';
import { newEventId, newLifecycleCorrelationId } from '../store/live-ids';
import type { SandboxStore } from '../store/store';
import type { HandlersFor } from './context';
import { servedPolicy } from './policy';

/**
 * The training backend's own calls. The route layer refuses them with TRAINING_ONLY on a sandbox
 * standing in for a connected backend, before they get here; there is then no fault injector.
 */
export const trainingHandlers = (
  store: SandboxStore,
  faults: FaultInjector | null,
): HandlersFor<'simulateTokenChange' | 'setActionPolicy' | 'injectFault' | 'listFaults' | 'clearFaults'> => {
  const injector = (): FaultInjector => {
    if (!faults) throw new ApiFailure('TRAINING_ONLY', 'Fault injection exists only on the training backend.');
    return faults;
  };
  return {
    /** Plays a wallet or TSP callback: checked against the state rules, recorded and streamed like any change. */
    simulateTokenChange: ({ body, now, correlationId }) => {
      const token = store.tokens.get(body.virtualCardId);
      if (!token) throw new ApiFailure('UNKNOWN_TOKEN', 'No token has this virtualCardId.', 'virtualCardId');
      const outcome = simulateChange(token, body, {
        at: now,
        eventId: newEventId(),
        // The caller's correlation id links the simulation to the event it recorded.
        correlationId: CorrelationId.safeParse(correlationId).success ? correlationId : newLifecycleCorrelationId(),
      });
      if (!outcome.ok) {
        throw new TokenStateFailure(
          'TRANSITION_NOT_ALLOWED',
          refusalMessage(token, outcome.refusal),
          { rule: outcome.refusal.rule, currentState: token.state },
          outcome.refusal.field,
        );
      }
      store.recordTokenChange(outcome.change);
      return outcome.change.token;
    },
    setActionPolicy: ({ body }) => {
      store.setActionPolicy(body);
      // The notification setting is the one truth about platform notifications (servedPolicy).
      store.setNotificationSettings({ ...store.notificationSettings, issuerSendsOwnOtp: !body.platformNotifications });
      return servedPolicy(store);
    },
    injectFault: ({ body }) => injector().add(body),
    listFaults: () => ({ faults: injector().list() }),
    clearFaults: () => ({ cleared: injector().clear() }),
  };
};
