import type { CardholderSummary } from '../../../shared/api/model';
import type { TypedError } from '../../../shared/contract';
import type { SearchQueryKind } from '../../../shared/domain/search-query';

/**
 * - idle: nothing to show (empty field, or a text that is not sent);
 * - waiting: typed, the debounce has not fired yet;
 * - loading: a first page is on its way;
 * - done: `searchResults` answer `searchQuery`;
 * - failed: the last search failed; earlier results, if any, stay on screen marked stale.
 */
export type SearchStatus = 'idle' | 'waiting' | 'loading' | 'done' | 'failed';

export interface SearchSliceState {
  /** What is in the search field. */
  readonly searchText: string;
  /** The query the results on screen answer (as sent), null before any answer. */
  readonly searchQuery: string | null;
  /** What the backend took that query for. */
  readonly searchKind: SearchQueryKind | null;
  readonly searchResults: readonly CardholderSummary[];
  readonly searchNextCursor: string | null;
  readonly searchStatus: SearchStatus;
  /** The call in flight; an answer under any other id is late and dropped. */
  readonly searchRequestId: string | null;
  readonly searchLoadingMore: boolean;
  readonly searchError: TypedError | null;
  /** Why the last text was refused before sending: a full card number. Cleared by the next keystroke. */
  readonly searchRefusal: 'FULL_CARD_NUMBER' | null;
  /** The result the arrow keys are on; -1 for none. */
  readonly searchActiveIndex: number;
  /** The results list is shown (it closes when a cardholder is opened or on Escape). */
  readonly searchListOpen: boolean;
  /** When the results on screen were answered, for the stale marker. */
  readonly searchAnsweredAt: string | null;
  /**
   * The agent pressed Enter for the search on its way: a single match opens with the keyboard on
   * its first token, since the agent asked for it rather than merely typing.
   */
  readonly searchSubmitted: boolean;
}

export const initialSearchState: SearchSliceState = {
  searchText: '',
  searchQuery: null,
  searchKind: null,
  searchResults: [],
  searchNextCursor: null,
  searchStatus: 'idle',
  searchRequestId: null,
  searchLoadingMore: false,
  searchError: null,
  searchRefusal: null,
  searchActiveIndex: -1,
  searchListOpen: false,
  searchAnsweredAt: null,
  searchSubmitted: false,
};
