import { useTranslation } from 'react-i18next';
import type { CardholderSummary } from '../../../shared/api/model';
import { cardStateLabelKey } from '../../i18n/lookup-label-keys';
import { PersonNameView } from '../common/PersonNameView';

interface SearchResultOptionProps {
  readonly item: CardholderSummary;
  readonly index: number;
  readonly active: boolean;
  readonly onOpen: () => void;
}

/** One cardholder found: name in its forms, customer id, cards by product and last four, token count. */
export const SearchResultOption = ({ item, index, active, onOpen }: SearchResultOptionProps) => {
  const { t } = useTranslation();
  return (
    <li
      id={`search-result-${item.cardholderId}`}
      role="option"
      aria-selected={active}
      data-index={index}
      data-testid="search-result"
      className="search-result"
      // The field keeps the focus (it is the combobox); a click only chooses.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onOpen}
    >
      <PersonNameView name={item.name} />
      <span className="search-result-id">{t('search.customerId', { id: item.cardholderId })}</span>
      <span className="search-result-cards">
        {item.cards.map((card) => (
          <span key={card.issuerCardRefId} className="masked-card" data-card-state={card.state}>
            {t('cardholder.cardTitle', { product: card.productName, lastFour: card.lastFour })}
            {card.state !== 'ACTIVE' ? <span className="masked-card-state">{t(cardStateLabelKey[card.state])}</span> : null}
          </span>
        ))}
      </span>
      <span className="search-result-tokens">{t('search.tokenCount', { count: item.tokenCount })}</span>
    </li>
  );
};
