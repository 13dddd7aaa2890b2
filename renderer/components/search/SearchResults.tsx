import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { searchKindLabelKey } from '../../i18n/lookup-label-keys';
import { searchSelectors } from '../../store/search/selectors';
import { useDeskStore } from '../../store/store-context';
import { LookupErrorNotice } from '../common/LookupErrorNotice';
import { StaleMarker } from '../common/StaleMarker';
import { SEARCH_LIST_ID } from './SearchField';
import { SearchResultOption } from './SearchResultOption';

/** The results under the field: a listbox the field's arrow keys move through, paged by "show more". */
export const SearchResults = () => {
  const { t } = useTranslation();
  const state = useDeskStore(
    useShallow((s) => ({
      shown: searchSelectors.showList(s),
      results: searchSelectors.results(s),
      activeIndex: searchSelectors.activeIndex(s),
      status: searchSelectors.status(s),
      busy: searchSelectors.busy(s),
      error: searchSelectors.error(s),
      stale: searchSelectors.resultsStale(s),
      noResults: searchSelectors.noResults(s),
      hasMore: searchSelectors.hasMore(s),
      loadingMore: searchSelectors.loadingMore(s),
      query: searchSelectors.query(s),
      answeredAt: searchSelectors.answeredAt(s),
      kind: s.searchKind,
    })),
  );
  const openSearchResult = useDeskStore((s) => s.openSearchResult);
  const searchMore = useDeskStore((s) => s.searchMore);
  const retry = useDeskStore((s) => s.submitSearch);
  const list = useRef<HTMLUListElement>(null);

  // The option the arrows are on stays in view; the list scrolls rather than the page.
  useEffect(() => {
    if (!state.shown || state.activeIndex < 0) return;
    list.current?.querySelector<HTMLElement>(`[data-index="${state.activeIndex}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [state.shown, state.activeIndex]);

  const count = state.results.length;
  return (
    <div className="search-results" hidden={!state.shown} data-testid="search-results" aria-busy={state.busy}>
      <div className="search-results-head">
        <span className="search-results-status" role="status">
          {state.busy ? t('search.searching') : null}
          {!state.busy && state.status === 'done' && count > 0
            ? t(state.hasMore ? 'search.resultCountMore' : 'search.resultCount', { count })
            : null}
        </span>
        {state.kind !== null && !state.busy && state.status === 'done' ? (
          <span className="search-results-kind">{t(searchKindLabelKey[state.kind])}</span>
        ) : null}
        {count > 0 ? <span className="search-results-keys">{t('search.keyboardHint')}</span> : null}
      </div>
      {state.error !== null ? (
        <LookupErrorNotice error={state.error} title="errorsView.search" onRetry={retry} testId="search-error" />
      ) : null}
      {state.stale && count > 0 ? <StaleMarker asOf={state.answeredAt} testId="search-stale" /> : null}
      {state.noResults && state.query !== null ? (
        <div className="search-empty" data-testid="search-no-results">
          <p>{t('search.noResults', { query: state.query })}</p>
          <p className="hint">{t('search.noResultsHint')}</p>
        </div>
      ) : null}
      <ul id={SEARCH_LIST_ID} ref={list} className="search-result-list" role="listbox" aria-label={t('search.resultsLabel')}>
        {state.results.map((item, index) => (
          <SearchResultOption
            key={item.cardholderId}
            item={item}
            index={index}
            active={index === state.activeIndex}
            onOpen={() => openSearchResult(index, { focus: true })}
          />
        ))}
      </ul>
      {state.hasMore ? (
        <button type="button" className="button-secondary search-more" onClick={() => void searchMore()} disabled={state.loadingMore}>
          {state.loadingMore ? t('search.loadingMore') : t('search.more')}
        </button>
      ) : null}
    </div>
  );
};
