import { looksLikeCardNumber } from '../../shared/domain/card-number-runs';
import type { TrainingClock } from '../clock/training-clock';
import { requestDigitization } from '../callbacks/digitization';
import type { CallbackIngest } from '../callbacks/ingest';
import { ApiFailure } from '../http/errors';
import type { SandboxStore } from '../store/store';
import type { HandlersFor } from './context';

/**
 * The token platform's calls to the issuer (docs/domain.md, "Callbacks from the platform"), each
 * checked against the store before anything changes: a card the issuer does not have, a token
 * named with another card than its own, or a token id that reads like a card number (it would be
 * parked or become a token's name) is a D error naming the field. The rest is the ingest's.
 */
export const callbackHandlers = (
  store: SandboxStore,
  ingest: CallbackIngest,
  clock: TrainingClock,
  issuerId: string,
): HandlersFor<'notifyVirtualCardChange' | 'requestCardDigitization' | 'notifyCardOperation'> => {
  const knownCard = (issuerCardRefId: string): void => {
    if (!store.cards.has(issuerCardRefId)) throw new ApiFailure('UNKNOWN_CARD', 'No card has this issuerCardRefId.', 'issuerCardRefId');
  };
  const noCardNumber = (virtualCardId: string | undefined): void => {
    if (virtualCardId !== undefined && looksLikeCardNumber(virtualCardId)) {
      throw new ApiFailure('BAD_FORMAT', 'virtualCardId: must not hold a card number.', 'virtualCardId');
    }
  };
  const tokenOfCard = (virtualCardId: string | undefined, issuerCardRefId: string): void => {
    noCardNumber(virtualCardId);
    const token = virtualCardId === undefined ? undefined : store.tokens.get(virtualCardId);
    if (token && token.issuerCardRefId !== issuerCardRefId) {
      throw new ApiFailure('BAD_FORMAT', 'issuerCardRefId: the token belongs to another card.', 'issuerCardRefId');
    }
  };
  return {
    notifyVirtualCardChange: ({ body, headers }) => {
      knownCard(body.issuerCardRefId);
      tokenOfCard(body.virtualCardId, body.issuerCardRefId);
      const correlationId = headers['x-correlation-id'];
      return { correlationId, results: [ingest.virtualCardChange(body, correlationId)] };
    },

    requestCardDigitization: ({ body, headers }) => {
      noCardNumber(body.virtualCardId);
      return requestDigitization(store, ingest, clock, body, headers['x-correlation-id']);
    },

    notifyCardOperation: ({ params, body, headers }) => {
      if (params.issuerId !== issuerId) throw new ApiFailure('UNKNOWN_ISSUER', 'issuerId: not the issuer this backend serves.', 'issuerId');
      knownCard(params.issuerCardRefId);
      tokenOfCard(body.virtualCardId, params.issuerCardRefId);
      const correlationId = headers['x-correlation-id'];
      return { correlationId, results: ingest.cardOperation(params.issuerCardRefId, body, correlationId) };
    },
  };
};
