import { classifyQuery, type SearchQueryKind } from '../../../shared/domain/search-query';
import type { SearchSliceState } from './initialState';

type S = SearchSliceState;

/** The query as the agent typed it, worked out live: what the field says it will search by. */
const typedKind = (s: Pick<S, 'searchText'>): SearchQueryKind | 'UNRECOGNISED' | null => {
  const { kind } = classifyQuery(s.searchText);
  if (kind === 'EMPTY') return null;
  // A full card number never stays in the field; refusing it is setSearchText's job.
  if (kind === 'FULL_CARD_NUMBER') return null;
  return kind;
};

export const searchSelectors = {
  text: (s: S) => s.searchText,
  typedKind,
  status: (s: S) => s.searchStatus,
  results: (s: S) => s.searchResults,
  activeIndex: (s: S) => s.searchActiveIndex,
  listOpen: (s: S) => s.searchListOpen,
  refusal: (s: S) => s.searchRefusal,
  error: (s: S) => s.searchError,
  loadingMore: (s: S) => s.searchLoadingMore,
  hasMore: (s: S) => s.searchNextCursor !== null,
  query: (s: S) => s.searchQuery,
  answeredAt: (s: S) => s.searchAnsweredAt,
  busy: (s: S) => s.searchStatus === 'loading' || s.searchStatus === 'waiting',
  /** The results on screen answer an earlier query than the one that just failed. */
  resultsStale: (s: S) => s.searchStatus === 'failed' && s.searchQuery !== null,
  /** Nothing matched the query that was answered. */
  noResults: (s: S) => s.searchStatus === 'done' && s.searchResults.length === 0,
  /** Whether the list region is worth showing at all. */
  showList: (s: S) => s.searchListOpen && (s.searchStatus !== 'idle' || s.searchResults.length > 0),
  activeOptionId: (s: S) => {
    const item = s.searchResults[s.searchActiveIndex];
    return item === undefined ? undefined : `search-result-${item.cardholderId}`;
  },
};
