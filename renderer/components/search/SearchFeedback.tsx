import { useTranslation } from 'react-i18next';
import { searchSelectors } from '../../store/search/selectors';
import { useDeskStore } from '../../store/store-context';

/**
 * What the field cannot search: a full card number (refused, said at once as an alert) or a text
 * of no known kind (said politely, while the agent is still typing).
 */
export const SearchFeedback = () => {
  const { t } = useTranslation();
  const refusal = useDeskStore(searchSelectors.refusal);
  const kind = useDeskStore(searchSelectors.typedKind);
  return (
    <>
      {/* Present while empty, so the refusal is announced when it appears. */}
      <div role="alert" className="search-alert" data-testid="search-refusal">
        {refusal === 'FULL_CARD_NUMBER' ? <p className="notice notice-error search-refusal">{t('search.panRefused')}</p> : null}
      </div>
      {kind === 'UNRECOGNISED' ? (
        <p className="notice notice-warning search-unrecognised" role="status">
          {t('search.unrecognised')}
        </p>
      ) : null}
    </>
  );
};
