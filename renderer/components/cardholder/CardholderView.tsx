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

/** How long to wait for the first token row to render before the focus settles on the name instead. */
const FRAMES_FOR_ROWS = 10;

/** The open cardholder: who they are, then each card with its tokens. */
export const CardholderView = () => {
  const { t } = useTranslation();
  const { cardholder, status, error, focusPending, tokensSettled } = useDeskStore(
    useShallow((s) => ({
      cardholder: cardholderSelectors.cardholder(s),
      status: cardholderSelectors.status(s),
      error: cardholderSelectors.error(s),
      focusPending: cardholderSelectors.focusPending(s),
      tokensSettled: cardholderSelectors.tokensSettled(s),
    })),
  );
  const reloadCardholder = useDeskStore((s) => s.reloadCardholder);
  const acknowledgeFocus = useDeskStore((s) => s.acknowledgeCardholderFocus);
  const heading = useRef<HTMLHeadingElement>(null);

  // The agent chose this cardholder: the keyboard follows, to the first token (where the next key
  // acts: Enter for its history, Alt+S to suspend…) once the tokens are in, or to the name if there are none.
  useEffect(() => {
    const name = heading.current;
    if (!focusPending || name === null || !tokensSettled) return undefined;
    // The virtualized rows appear once their scroller has been measured, a frame or two after the data.
    let frames = 0;
    let request = 0;
    const land = (): void => {
      const firstRow = document.querySelector<HTMLElement>('.cards [data-testid="token-row"][tabindex="0"]');
      if (firstRow === null && frames < FRAMES_FOR_ROWS && name.isConnected) {
        frames += 1;
        request = requestAnimationFrame(land);
        return;
      }
      (firstRow ?? name).focus();
      acknowledgeFocus();
    };
    land();
    return () => cancelAnimationFrame(request);
  }, [focusPending, cardholder, tokensSettled, acknowledgeFocus]);

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
