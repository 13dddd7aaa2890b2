import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface CorrelationIdFieldProps {
  readonly id: string;
  /** Only the active row's controls are in the Tab order (roving tabindex). */
  readonly tabbable: boolean;
}

/**
 * The event's correlation id, to quote to the token service or the backend team. Main's permission
 * handler denies clipboard access, so "copy" selects the whole id and tells the agent to press
 * Ctrl+C: the selection is exact, and nothing asks for a permission that will be refused.
 */
export const CorrelationIdField = ({ id, tabbable }: CorrelationIdFieldProps) => {
  const { t } = useTranslation();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState(false);
  const selectAll = (): void => {
    inputRef.current?.focus();
    inputRef.current?.select();
    setSelected(true);
  };
  return (
    <span className="history-correlation">
      <label className="history-correlation-label" htmlFor={inputId}>
        {t('history.correlation.label')}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        className="history-correlation-id"
        data-testid="history-correlation-id"
        readOnly
        value={id}
        size={Math.min(Math.max(id.length, 8), 40)}
        spellCheck={false}
        tabIndex={tabbable ? 0 : -1}
        onFocus={(event) => event.currentTarget.select()}
        onClick={(event) => event.currentTarget.select()}
        onBlur={() => setSelected(false)}
      />
      <button
        type="button"
        className="button-secondary history-small-button"
        tabIndex={tabbable ? 0 : -1}
        aria-label={t('history.correlation.selectLabel', { id })}
        // Keeps focus (and so the selection) from moving to the button on mouse down.
        onMouseDown={(event) => event.preventDefault()}
        onClick={selectAll}
      >
        {t('history.correlation.select')}
      </button>
      <span className="history-correlation-hint" role="status">
        {selected ? t('history.correlation.selected') : ''}
      </span>
    </span>
  );
};
