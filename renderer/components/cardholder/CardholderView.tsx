import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { useDeskStore } from '../../store/store-context';
import { LookupErrorNotice } from '../common/LookupErrorNotice';
import { CardholderHeader } from './CardholderHeader';
import { CardSection } from './CardSection';
import { LiveAnnouncer } from './LiveAnnouncer';
import { TokenFilters } from './TokenFilters';

/** The open cardholder: who they are, then each card with its tokens. */
export const CardholderView = () => {
  const { t } = useTranslation();
  const { cardholder, status, error, focusPending } = useDeskStore(
    useShallow((s) => ({
      cardholder: cardholderSelectors.cardholder(s),
      status: cardholderSelectors.status(s),
      error: cardholderSelectors.error(s),
      focusPending: cardholderSelectors.focusPending(s),
    })),
  );
  const reloadCardholder = useDeskStore((s) => s.reloadCardholder);
  const acknowledgeFocus = useDeskStore((s) => s.acknowledgeCardholderFocus);
  const heading = useRef<HTMLHeadingElement>(null);

  // The agent chose this cardholder from the results: the keyboard follows, to the name, from where Tab reaches the tokens.
  useEffect(() => {
    if (!focusPending || heading.current === null) return;
    heading.current.focus();
    acknowledgeFocus();
  }, [focusPending, cardholder, acknowledgeFocus]);

  if (cardholder === null) {
    return (
      <section className="cardholder-view" data-testid="cardholder-view" aria-busy={status === 'loading'} aria-label={t('cardholder.regionLabel')}>
        {status === 'loading' ? (
          <p className="loading-state" role="status">
            {t('cardholder.loading')}
          </p>
        ) : null}
        {error !== null ? (
          <LookupErrorNotice error={error} title="errorsView.cardholder" notFound="errorsView.notFoundCardholder" onRetry={() => void reloadCardholder()} testId="cardholder-error" />
        ) : null}
      </section>
    );
  }

  return (
    <section className="cardholder-view" data-testid="cardholder-view" aria-labelledby="cardholder-heading" aria-busy={status === 'loading'}>
      <CardholderHeader cardholder={cardholder} headingRef={heading} />
      <section className="cards" aria-labelledby="cards-heading">
        <div className="cards-head">
          <h2 id="cards-heading">{t('cardholder.cards')}</h2>
          <TokenFilters />
        </div>
        {cardholder.cards.length === 0 ? <p className="hint">{t('cardholder.noCards')}</p> : null}
        {cardholder.cards.map((card) => (
          <CardSection key={card.issuerCardRefId} card={card} />
        ))}
      </section>
      <LiveAnnouncer />
    </section>
  );
};
