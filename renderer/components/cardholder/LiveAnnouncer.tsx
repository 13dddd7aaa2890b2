import { useTranslation } from 'react-i18next';
import { tokenStateLabelKey, walletLabelKey } from '../../i18n/lookup-label-keys';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { liveSelectors } from '../../store/live/selectors';
import { useDeskStore } from '../../store/store-context';

/**
 * Says a live change to the open cardholder's tokens out loud: the row's highlight is visual only,
 * and an agent using a screen reader must learn of it too.
 */
export const LiveAnnouncer = () => {
  const { t } = useTranslation();
  const change = useDeskStore(liveSelectors.lastTokenChange);
  const openId = useDeskStore(cardholderSelectors.openId);
  const token = useDeskStore((s) =>
    change === null ? undefined : s.cardTokens[change.issuerCardRefId]?.items?.find((item) => item.virtualCardId === change.virtualCardId),
  );
  const relevant = change !== null && change.cardholderId === openId && change.state !== change.previousState && token !== undefined;
  return (
    <p className="visually-hidden" aria-live="polite" data-testid="live-announcement">
      {relevant
        ? t('cardholder.liveChanged', {
            lastFour: token.tokenLastFour,
            wallet: t(walletLabelKey[token.tokenRequestor.walletProviderId]),
            state: t(tokenStateLabelKey[change.state]),
          })
        : null}
    </p>
  );
};
