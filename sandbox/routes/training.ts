import { CorrelationId } from '../../shared/api/ids';
import type { CallbackIngest } from '../callbacks/ingest';
import type { TrainingClock } from '../clock/training-clock';
import { ApiFailure, TokenStateFailure } from '../http/errors';
import type { FaultInjector } from '../http/faults';
import type { ClockSchedule } from '../clock/clock-schedule';
import { DEFAULT_REASON, refusalMessage, simulationRefusal } from '../simulation/wallet-changes';
import { newLifecycleCorrelationId } from '../store/live-ids';
import type { SandboxStore } from '../store/store';
import type { HandlersFor } from './context';
import { servedPolicy } from './policy';

export interface TrainingServices {
  readonly store: SandboxStore;
  /** Null on a sandbox standing in for a connected backend. */
  readonly faults: FaultInjector | null;
  readonly ingest: CallbackIngest;
  readonly clock: TrainingClock;
  readonly reminders: ClockSchedule;
  readonly approvalExpiry: ClockSchedule;
}

/**
 * The training backend's own calls. The route layer refuses them with TRAINING_ONLY on a sandbox
 * standing in for a connected backend, before they get here; there is then no fault injector.
 */
export const trainingHandlers = ({
  store,
  faults,
  ingest,
  clock,
  reminders,
  approvalExpiry,
}: TrainingServices): HandlersFor<
  'simulateTokenChange' | 'setActionPolicy' | 'advanceTrainingClock' | 'getTrainingClock' | 'setDigitizationRules' | 'injectFault' | 'listFaults' | 'clearFaults'
> => {
  const injector = (): FaultInjector => {
    if (!faults) throw new ApiFailure('TRAINING_ONLY', 'Fault injection exists only on the training backend.');
    return faults;
  };
  const clockNow = (): { now: string; aheadByMinutes: number } => ({ now: clock.now().toISOString(), aheadByMinutes: clock.aheadByMinutes });
  return {
    /**
     * Plays a wallet or TSP callback: refused with the rule when the table refuses it, otherwise
     * processed by the callbacks' one ingest, recorded and streamed like any callback.
     */
    simulateTokenChange: ({ body, correlationId }) => {
      const token = store.tokens.get(body.virtualCardId);
      if (!token) throw new ApiFailure('UNKNOWN_TOKEN', 'No token has this virtualCardId.', 'virtualCardId');
      const refusal = simulationRefusal(token, body);
      if (refusal) {
        throw new TokenStateFailure('TRANSITION_NOT_ALLOWED', refusalMessage(token, refusal), { rule: refusal.rule, currentState: token.state }, refusal.field);
      }
      ingest.change({
        channel: 'simulator',
        // The caller's correlation id links the simulation to the event it recorded.
        correlationId: CorrelationId.safeParse(correlationId).success ? correlationId : newLifecycleCorrelationId(),
        virtualCardId: token.virtualCardId,
        action: body.action,
        source: body.source,
        reasonCode: body.reasonCode ?? DEFAULT_REASON[body.source][body.action],
        wire: { walletProviderId: token.tokenRequestor.walletProviderId, isPrimary: token.isPrimary, simulated: true },
      });
      const after = store.tokens.get(token.virtualCardId);
      if (!after) throw new Error('The simulated token vanished.');
      return after;
    },
    setActionPolicy: ({ body }) => {
      store.setActionPolicy(body);
      // The notification setting is the one truth about platform notifications (servedPolicy).
      store.setNotificationSettings({ ...store.notificationSettings, issuerSendsOwnOtp: !body.platformNotifications });
      return servedPolicy(store);
    },
    advanceTrainingClock: ({ body }) => {
      clock.advance((body.hours ?? 0) * 60 + (body.minutes ?? 0));
      // Reminders fall due on the training clock: checked now, not at the next tick.
      reminders.runNow();
      // So are approval requests: one past its time expires now.
      approvalExpiry.runNow();
      return clockNow();
    },
    getTrainingClock: () => clockNow(),
    setDigitizationRules: ({ body }) => {
      store.setDigitizationRules(body.rules);
      return { rules: [...store.digitizationRules] };
    },
    injectFault: ({ body }) => injector().add(body),
    listFaults: () => ({ faults: injector().list() }),
    clearFaults: () => ({ cleared: injector().clear() }),
  };
};
