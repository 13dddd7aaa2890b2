import type { BackendClient } from '../backend/backend-client';
import type { Services } from '../ipc/dispatch';
import { mapBackendErrors } from '../services/backend-call-error';
import { requestContextFor } from '../services/request-context';
import type { AgentSessionManager } from '../session/agent-session';
import type { PhoneCalls } from './phone-calls';

type PhoneCallCalls = Pick<Services, 'phoneCall.state' | 'phoneCall.start' | 'phoneCall.update' | 'phoneCall.end' | 'phoneCall.outcomes' | 'serviceNotes.list'>;

export interface PhoneCallServiceOptions {
  readonly phoneCalls: PhoneCalls;
  readonly session: AgentSessionManager;
  /** The backend client; throws a CallError (NOT_CONFIGURED…) when the console has none. */
  readonly backend: () => BackendClient;
}

/**
 * The phone call over IPC: its state, start, notes and identified cardholder, its end, and what
 * the wrap-up and the cardholder's header read from the backend (the outcome codes, the service
 * notes). Everything but the state needs the signed-in, unlocked agent.
 */
export const phoneCallService = ({ phoneCalls, session, backend }: PhoneCallServiceOptions): PhoneCallCalls => {
  const forAgent = <T>(work: (client: BackendClient) => Promise<T>): Promise<T> => mapBackendErrors(() => session.withAgent(() => work(backend())));
  return {
    // What the signed-in agent's console shows; while locked too (the renderer keeps it hidden).
    'phoneCall.state': () => phoneCalls.state(),
    'phoneCall.start': () => phoneCalls.begin(),
    'phoneCall.update': (input) => phoneCalls.update(input),
    'phoneCall.end': (input) => phoneCalls.end(input),
    'phoneCall.outcomes': (_input, context) => forAgent((client) => client.request('listCallOutcomes', { context: requestContextFor(context) })),
    'serviceNotes.list': (input, context) =>
      forAgent((client) => client.request('listServiceNotes', { params: { cardholderId: input.cardholderId }, context: requestContextFor(context) })),
  };
};
