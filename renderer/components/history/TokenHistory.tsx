import { useEffect, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenEvent } from '../../../shared/api/model';
import type { MessageKey } from '../../../shared/i18n';
import type { HistoryLoad } from '../../store/history/initialState';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { filterEvents } from '../../store/history/reducer';
import { historySelectors } from '../../store/history/selectors';
import { useDeskStore } from '../../store/store-context';
import { CallErrorNotice } from '../CallErrorNotice';
import { DigitizationSummary } from './DigitizationSummary';
import { HistoryFilters } from './HistoryFilters';
import { HistoryList } from './HistoryList';
import { uiLanguage } from './ui-language';
import './history.css';

const NO_EVENTS: readonly TokenEvent[] = [];

const failureTitleKey = {
  first: 'history.loadFailed',
  more: 'history.moreFailed',
  newest: 'history.refreshFailed',
} as const satisfies Record<HistoryLoad, MessageKey>;

/**
 * A token's history: one merged timeline, newest first, paged from the backend as the agent
 * scrolls, filtered by kind and source, updated live when the token changes.
 */
export const TokenHistory = ({ virtualCardId }: { virtualCardId: string }) => {
  const { t, i18n } = useTranslation();
  const language = uiLanguage(i18n);
  const headingId = useId();
  const openHistory = useDeskStore((s) => s.openHistory);
  const retry = useDeskStore((s) => s.retryHistory);
  const loadOlder = useDeskStore((s) => s.loadOlderHistory);
  const isOpen = useDeskStore(historySelectors.isOpenFor(virtualCardId));
  const view = useDeskStore(historySelectors.view);
  const filtered = useDeskStore(historySelectors.isFiltered);
  const token = useDeskStore(cardholderSelectors.selectedToken);

  useEffect(() => {
    void openHistory(virtualCardId);
  }, [openHistory, virtualCardId]);

  // Until the store has switched to this token, what it holds belongs to the previous one.
  const items = isOpen ? view.items : NO_EVENTS;
  const events = useMemo(() => filterEvents(items, view.filter), [items, view.filter]);
  const firstLoading = !isOpen || view.loading === 'first';
  const complete = view.loaded && view.nextCursor === null;
  const number = (value: number): string => value.toLocaleString(language);

  let count = '';
  if (isOpen && view.loaded) {
    if (filtered) count = t(complete ? 'history.countFiltered' : 'history.countFilteredPartial', { shown: number(events.length), loaded: number(items.length) });
    else count = complete ? t('history.countComplete', { total: number(items.length) }) : t('history.countPartial', { loaded: number(items.length) });
  }

  return (
    <section className="token-history" aria-labelledby={headingId} data-testid="token-history" data-virtual-card-id={virtualCardId} data-complete={complete}>
      <header className="history-header">
        <h2 id={headingId} className="history-title">
          {t('history.title')}
        </h2>
        <p className="history-count" data-testid="history-count" aria-live="polite">
          {count}
        </p>
      </header>
      {token !== null && token.virtualCardId === virtualCardId ? <DigitizationSummary token={token} /> : null}
      <HistoryFilters />
      {isOpen && view.error !== null ? (
        <CallErrorNotice
          error={view.error.error}
          title={t(failureTitleKey[view.error.load])}
          testId="history-error"
          onRetry={() => void retry()}
          retryLabel={t('history.retry')}
        />
      ) : null}
      {isOpen && view.stale ? (
        <p className="history-stale-note" data-testid="history-stale">
          {t('history.stale')}
        </p>
      ) : null}
      {firstLoading ? (
        <p className="history-note" role="status" data-testid="history-loading">
          {t('history.loading')}
        </p>
      ) : null}
      {!firstLoading && view.loaded && items.length === 0 && !view.nextCursor ? (
        <p className="history-note" data-testid="history-empty">
          {t('history.empty')}
        </p>
      ) : null}
      {!firstLoading && items.length > 0 && events.length === 0 && view.loading === null ? (
        <p className="history-note" data-testid="history-no-match">
          {t('history.noMatch')}{' '}
          {view.nextCursor !== null ? (
            <button type="button" className="button-link" onClick={() => void loadOlder()}>
              {t('history.loadMore')}
            </button>
          ) : null}
        </p>
      ) : null}
      {items.length > 0 ? (
        <div className={`history-body${view.stale ? ' history-body-stale' : ''}`}>
          {/* Keyed by token: another token's history starts afresh, at its newest event with nothing opened. */}
          <HistoryList key={virtualCardId} virtualCardId={virtualCardId} events={events} />
        </div>
      ) : null}
      <p className="history-note history-more" role="status" data-testid="history-loading-more">
        {isOpen && view.loading === 'more' ? t('history.loadingMore') : ''}
      </p>
      <p className="visually-hidden">{t('history.keyboardHint')}</p>
    </section>
  );
};
