import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Card } from '../../../shared/api/model';
import { cardStateLabelKey } from '../../i18n/lookup-label-keys';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { useDeskStore } from '../../store/store-context';
import { visibleTokens } from '../../tokens/token-view';
import { LookupErrorNotice } from '../common/LookupErrorNotice';
import { StaleMarker } from '../common/StaleMarker';
import { CardBulkButton } from '../actions/CardBulkButton';
import { TokenTable } from '../tokens/TokenTable';

/** One card: product, last four, expiry, state; under it, its tokens as the view filters and sorts them. */
export const CardSection = ({ card }: { card: Card }) => {
  const { t } = useTranslation();
  const ref = card.issuerCardRefId;
  const { tokens, stale, view, selected, selectedEvents } = useDeskStore(
    useShallow((s) => ({
      tokens: cardholderSelectors.cardTokens(ref)(s),
      stale: cardholderSelectors.cardTokensStale(ref)(s),
      view: cardholderSelectors.tokenView(s),
      selected: cardholderSelectors.selectedVirtualCardId(s),
      selectedEvents: cardholderSelectors.selectedTokenEvents(s),
    })),
  );
  const setTokenSort = useDeskStore((s) => s.setTokenSort);
  const selectToken = useDeskStore((s) => s.selectToken);
  const reloadCardTokens = useDeskStore((s) => s.reloadCardTokens);
  const shown = useMemo(() => (tokens.items === null ? [] : visibleTokens(tokens.items, view)), [tokens.items, view]);

  const title = t('cardholder.cardTitle', { product: card.productName, lastFour: card.lastFour });
  const titleId = `card-${ref}-title`;
  const total = tokens.items?.length ?? 0;
  return (
    <section className="card-section" aria-labelledby={titleId} data-testid="card-section" data-card={ref}>
      <header className="card-header">
        <h3 id={titleId}>{title}</h3>
        <span className="card-expiry">{t('cardholder.expiry', { expiry: card.expiry })}</span>
        <span className="card-state" data-state={card.state}>
          {t(cardStateLabelKey[card.state])}
        </span>
        {tokens.items !== null ? (
          <span className="card-count" data-testid="card-token-count">
            {t('tokens.shown', { shown: shown.length, total })}
          </span>
        ) : null}
        <CardBulkButton card={card} tokens={tokens.items} />
      </header>
      {tokens.error !== null ? (
        <LookupErrorNotice
          error={tokens.error}
          title={tokens.items === null ? 'errorsView.tokens' : 'errorsView.tokensRefresh'}
          notFound="errorsView.notFoundCard"
          onRetry={() => void reloadCardTokens(ref)}
          testId="tokens-error"
        />
      ) : null}
      {stale ? <StaleMarker asOf={tokens.loadedAt} testId="tokens-stale" /> : null}
      {tokens.items === null && tokens.status === 'loading' ? (
        <p className="loading-state" role="status">
          {t('tokens.loading')}
        </p>
      ) : null}
      {tokens.items !== null && shown.length === 0 ? <p className="hint token-empty">{t(total === 0 ? 'tokens.none' : 'tokens.noneMatch')}</p> : null}
      {shown.length > 0 ? (
        <TokenTable
          label={t('tokens.tableLabel', { card: title })}
          tokens={shown}
          sort={view.sort}
          onSort={setTokenSort}
          selectedVirtualCardId={selected}
          selectedEvents={selectedEvents}
          onSelect={selectToken}
        />
      ) : null}
    </section>
  );
};
