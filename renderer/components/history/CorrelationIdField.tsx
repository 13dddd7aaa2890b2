import { useSelectAll } from '../../hooks/use-select-all';
import type { Translate } from './describe-event';

interface CorrelationIdFieldProps {
  readonly id: string;
  /** Only the active row's controls are in the Tab order (roving tabindex). */
  readonly tabbable: boolean;
  readonly t: Translate;
}

/**
 * The event's correlation id, to quote to the token service or the backend team, selected whole
 * (see useSelectAll). Plain text rather than an input: a long history mounts rows as fast as the agent
 * scrolls, and a form control per row is the costliest part of one.
 */
export const CorrelationIdField = ({ id, tabbable, t }: CorrelationIdFieldProps) => {
  const { ref: textRef, selected, selectAll, clear } = useSelectAll<HTMLElement>();
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
        onBlur={clear}
      >
        {t('history.correlation.select')}
      </button>
      <span className="history-correlation-hint" role="status">
        {selected ? t('history.correlation.selected') : ''}
      </span>
    </span>
  );
};
