import { useTranslation } from 'react-i18next';
import type { Card, Token } from '../../../shared/api/model';
import { useDeskStore } from '../../store/store-context';

/** "All tokens of this card…" on the card's header: there only while the card has tokens that are not deleted. */
export const CardBulkButton = ({ card, tokens }: { card: Card; tokens: readonly Token[] | null }) => {
  const { t } = useTranslation();
  const openBulk = useDeskStore((s) => s.openBulkAction);
  if (tokens === null || !tokens.some((token) => token.state !== 'DELETED')) return null;
  return (
    <button
      type="button"
      className="button-secondary card-bulk-button"
      data-testid="bulk-card"
      onClick={() => openBulk({ scope: { kind: 'CARD', issuerCardRefId: card.issuerCardRefId }, cardLabel: t('cardholder.cardTitle', { product: card.productName, lastFour: card.lastFour }), deviceName: null })}
    >
      {t('actions.open.bulkCard')}
    </button>
  );
};
