import { classifyQuery } from '../../shared/domain/search-query';
import { ApiFailure } from '../http/errors';
import { searchCardholders } from '../store/search';
import type { SandboxStore } from '../store/store';
import { cardholderView } from '../store/views';
import type { HandlersFor } from './context';

const SEARCH_PAGE_SIZE = 20;

export const cardholderHandlers = (store: SandboxStore): HandlersFor<'searchCardholders' | 'getCardholder' | 'listCardTokens'> => ({
  searchCardholders: ({ query }) => {
    const classified = classifyQuery(query.q);
    switch (classified.kind) {
      case 'FULL_CARD_NUMBER':
        // Refused before anything else happens; the message and the logs never repeat it.
        throw new ApiFailure(
          'PAN_NOT_ACCEPTED',
          'Full card numbers are not accepted. Search by the name with the last four digits, a customer id, or a token id.',
          'q',
        );
      case 'EMPTY':
        throw new ApiFailure('MISSING_PARAMETER', 'q: type what to search for.', 'q');
      case 'UNRECOGNISED':
        throw new ApiFailure(
          'BAD_FORMAT',
          'q: not a name, name and last four digits, customer id, card reference, token id or token last four.',
          'q',
        );
      default:
        return searchCardholders(store, classified, { limit: query.limit ?? SEARCH_PAGE_SIZE, ...(query.cursor ? { cursor: query.cursor } : {}) });
    }
  },

  getCardholder: ({ params }) => {
    const holder = store.cardholders.get(params.cardholderId);
    if (!holder) throw new ApiFailure('UNKNOWN_CARDHOLDER', 'No cardholder has this id.', 'cardholderId');
    return cardholderView(store, holder);
  },

  listCardTokens: ({ params }) => {
    if (!store.cards.has(params.issuerCardRefId)) throw new ApiFailure('UNKNOWN_CARD', 'No card has this issuerCardRefId.', 'issuerCardRefId');
    return { items: store.tokensOfCard(params.issuerCardRefId) };
  },
});
