import type { Token } from '../../shared/api/model';
import type { TokenEvent } from '../../shared/api/token-event';
import type { SyntheticHistory } from '../store/state';
import { eventIdOf } from './histories';

/**
 * The 10,000-event training token: a shared phone whose wallet suspends and resumes the token
 * again and again (a delivery fleet locks its handsets at the end of each shift). Its events are
 * computed from their position instead of stored, so the history costs no memory or disk and any
 * page of it is produced in constant time.
 *
 * Positions 0–3 are the enrolment (requested, decided green, activated, confirmation sent); from
 * 4 on, even positions are wallet suspensions and odd ones wallet resumptions.
 */
const ENROLMENT_EVENTS = 4;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

export const syntheticEvent = (token: Token, history: SyntheticHistory, seq: number): TokenEvent => {
  const occurredAt = new Date(Date.parse(history.startsAt) + seq * history.intervalMinutes * 60_000).toISOString();
  const base = { eventId: eventIdOf(history.serial, seq), virtualCardId: token.virtualCardId, occurredAt };
  const walletDetail = <A extends 'ACTIVATE' | 'SUSPEND' | 'RESUME'>(action: A) => ({
    action,
    source: 'WALLET' as const,
    walletProviderId: token.tokenRequestor.walletProviderId,
    isPrimary: token.isPrimary,
  });
  switch (seq) {
    case 0:
      return {
        ...base,
        kind: 'DIGITIZATION_REQUESTED',
        actor: { source: 'WALLET' },
        correlationId: token.enrolmentCorrelationId,
        detail: {
          walletProviderId: token.tokenRequestor.walletProviderId,
          tokenRequestorId: token.tokenRequestor.tokenRequestorId,
          deviceType: token.device.type,
          deviceName: token.device.name,
          isPrimary: token.isPrimary,
        },
      };
    case 1:
      return {
        ...base,
        kind: 'DIGITIZATION_DECIDED',
        actor: { source: 'ISSUER' },
        correlationId: token.enrolmentCorrelationId,
        detail: { decision: 'GREEN', idvMethods: [], reasons: ['KNOWN_DEVICE'] },
      };
    case 2:
      return { ...base, kind: 'ACTIVATED', actor: { source: 'TSP' }, correlationId: token.enrolmentCorrelationId, detail: walletDetail('ACTIVATE') };
    case 3:
      return {
        ...base,
        kind: 'NOTIFICATION_SENT',
        actor: { source: 'TSP' },
        correlationId: token.enrolmentCorrelationId,
        detail: { status: 'QUEUED', channel: 'SMS', template: 'ACTIVATION_CONFIRMATION' },
      };
    default: {
      const cycle = Math.floor((seq - ENROLMENT_EVENTS) / 2);
      const suspending = (seq - ENROLMENT_EVENTS) % 2 === 0;
      const change = {
        ...base,
        actor: { source: 'WALLET' as const },
        correlationId: `lcm-shift-${pad(cycle, 5)}-${suspending ? 'end' : 'start'}`,
        reasonCode: 'USER_DECISION',
      };
      return suspending ? { ...change, kind: 'SUSPENDED', detail: walletDetail('SUSPEND') } : { ...change, kind: 'RESUMED', detail: walletDetail('RESUME') };
    }
  }
};

/** The token fields that follow from the synthetic history's last event. */
export const syntheticOutcome = (
  token: Token,
  history: SyntheticHistory,
): Pick<Token, 'state' | 'stateSince' | 'lastChangedBy' | 'suspendedBy' | 'digitizedAt' | 'levelOfTrust'> => {
  const last = syntheticEvent(token, history, history.count - 1);
  const first = syntheticEvent(token, history, 0);
  const decided = syntheticEvent(token, history, 1);
  const suspended = last.kind === 'SUSPENDED';
  return {
    state: suspended ? 'SUSPENDED' : 'ACTIVE',
    stateSince: last.occurredAt,
    lastChangedBy: last.actor,
    suspendedBy: suspended ? ['WALLET'] : [],
    digitizedAt: first.occurredAt,
    levelOfTrust: { decision: 'GREEN', idvMethods: [], reasons: ['KNOWN_DEVICE'], decidedAt: decided.occurredAt },
  };
};
