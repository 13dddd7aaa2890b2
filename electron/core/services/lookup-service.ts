import { classifyQuery } from '../../../shared/domain/search-query';
import type { BackendClient } from '../backend/backend-client';
import type { CancellableCalls } from '../calls/cancellable-calls';
import { CallError, type Services } from '../ipc/dispatch';
import type { AgentSessionManager } from '../session/agent-session';
import { requestContextFor } from './request-context';
import { mapBackendErrors } from './backend-call-error';

type LookupCalls = Pick<Services, 'cardholders.search' | 'calls.cancel' | 'cardholders.get' | 'cards.tokens' | 'tokens.get' | 'tokens.events'>;

export interface LookupServiceOptions {
  readonly session: AgentSessionManager;
  /** The backend client; throws a CallError (NOT_CONFIGURED…) when the console has none. */
  readonly backend: () => BackendClient;
  readonly calls: CancellableCalls;
}

/**
 * The agent's reads: search, cardholder, a card's tokens, a token and its history.
 * Each runs for the signed-in, unlocked agent only (SIGNED_OUT / SESSION_LOCKED otherwise), under
 * the call's correlation id, with backend failures typed on the way out (unknown id → NOT_FOUND).
 */
export const lookupService = ({ session, backend, calls }: LookupServiceOptions): LookupCalls => {
  // withAgent sees the raw BackendError (to forget a session the backend ended); the mapping is outside it.
  const forAgent = <T>(work: (client: BackendClient) => Promise<T>): Promise<T> =>
    mapBackendErrors(() => session.withAgent(() => work(backend())));

  return {
    'cardholders.search': (input, context) => {
      // The renderer refuses a full card number already; core refuses it again, so no other
      // caller can make main send one. The message and the log name the field, never the value.
      if (classifyQuery(input.q).kind === 'FULL_CARD_NUMBER') {
        throw new CallError('INVALID_INPUT', 'a full card number is never searched for; use the last four digits', ['q']);
      }
      return forAgent(async (client) => {
        const call = calls.start(context.caller, input.requestId);
        try {
          return await client.request('searchCardholders', {
            query: { q: input.q, ...(input.cursor !== undefined ? { cursor: input.cursor } : {}) },
            signal: call.signal,
            context: requestContextFor(context),
          });
        } finally {
          call.end();
        }
      });
    },

    // Not behind the session: cancelling is always safe, reveals nothing, and must work for a
    // search still in flight when the session ended or the console locked.
    'calls.cancel': (input, context) => ({ cancelled: calls.cancel(context.caller, input.requestId) }),

    'cardholders.get': (input, context) =>
      forAgent((client) => client.request('getCardholder', { params: { cardholderId: input.cardholderId }, context: requestContextFor(context) })),

    'cards.tokens': (input, context) =>
      forAgent((client) => client.request('listCardTokens', { params: { issuerCardRefId: input.issuerCardRefId }, context: requestContextFor(context) })),

    'tokens.get': (input, context) =>
      forAgent((client) => client.request('getToken', { params: { virtualCardId: input.virtualCardId }, context: requestContextFor(context) })),

    'tokens.events': (input, context) =>
      forAgent((client) =>
        client.request('listTokenEvents', {
          params: { virtualCardId: input.virtualCardId },
          query: {
            ...(input.cursor !== undefined ? { cursor: input.cursor } : {}),
            ...(input.limit !== undefined ? { limit: input.limit } : {}),
          },
          context: requestContextFor(context),
        }),
      ),
  };
};
