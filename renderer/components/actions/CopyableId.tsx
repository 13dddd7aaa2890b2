import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * An action's correlation id, to quote to the backend team. Main's permission handler refuses the
 * clipboard, so "copy" selects the whole id and says Ctrl+C copies it: the selection is exact and
 * nothing asks for a permission that will be refused.
 */
export const CopyableId = ({ id }: { id: string }) => {
  const { t } = useTranslation();
  const textRef = useRef<HTMLElement>(null);
  const [selected, setSelected] = useState(false);
  const selectAll = (): void => {
    const text = textRef.current;
    const selection = window.getSelection();
    if (text === null || selection === null) return;
    selection.selectAllChildren(text);
    setSelected(true);
  };
  return (
    <span className="action-correlation">
      <span className="action-correlation-label">{t('actions.correlation.label')}</span>
      <code ref={textRef} className="action-correlation-id" data-testid="action-correlation-id" onClick={selectAll}>
        {id}
      </code>
      <button type="button" className="button-secondary action-small-button" aria-label={t('actions.correlation.selectLabel', { id })} onClick={selectAll} onBlur={() => setSelected(false)}>
        {t('actions.correlation.select')}
      </button>
      <span className="action-correlation-hint" role="status">
        {selected ? t('actions.correlation.selected') : ''}
      </span>
    </span>
  );
};
