import { useTranslation } from 'react-i18next';
import { useSelectAll } from '../../hooks/use-select-all';

/** An action's correlation id, to quote to the backend team (selected whole; see useSelectAll). */
export const CopyableId = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const { ref: textRef, selected, selectAll, clear } = useSelectAll<HTMLElement>();
  return (
    <span className="action-correlation">
      <span className="action-correlation-label">{t('actions.correlation.label')}</span>
      <code ref={textRef} className="action-correlation-id" data-testid="action-correlation-id" onClick={selectAll}>
        {id}
      </code>
      <button type="button" className="button-secondary action-small-button" aria-label={t('actions.correlation.selectLabel', { id })} onClick={selectAll} onBlur={clear}>
        {t('actions.correlation.select')}
      </button>
      <span className="action-correlation-hint" role="status">
        {selected ? t('actions.correlation.selected') : ''}
      </span>
    </span>
  );
};
