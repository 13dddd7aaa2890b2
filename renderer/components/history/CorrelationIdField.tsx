import { useRef, useState } from 'react';
import type { Translate } from './describe-event';

interface CorrelationIdFieldProps {
  readonly id: string;
  /** Only the active row's controls are in the Tab order (roving tabindex). */
  readonly tabbable: boolean;
  readonly t: Translate;
}

/**
 * The event's correlation id, to quote to the token service or the backend team. Main's permission
 * handler denies clipboard access, so "copy" selects the whole id (a click on the id does too) and
 * tells the agent to press Ctrl+C: the selection is exact, and nothing asks for a permission that
 * will be refused. Plain text rather than an input: a long history mounts rows as fast as the agent
 * scrolls, and a form control per row is the costliest part of one.
 */
export const CorrelationIdField = ({ id, tabbable, t }: CorrelationIdFieldProps) => {
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
    <span className="history-correlation">
      <span className="history-correlation-label">{t('history.correlation.label')}</span>
      <code ref={textRef} className="history-correlation-id" data-testid="history-correlation-id">
        {id}
      </code>
      <button
        type="button"
        className="button-secondary history-small-button"
        tabIndex={tabbable ? 0 : -1}
        aria-label={t('history.correlation.selectLabel', { id })}
        onClick={selectAll}
        onBlur={() => setSelected(false)}
      >
        {t('history.correlation.select')}
      </button>
      <span className="history-correlation-hint" role="status">
        {selected ? t('history.correlation.selected') : ''}
      </span>
    </span>
  );
};
