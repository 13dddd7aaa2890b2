import { memo, type Ref } from 'react';
import type { TokenEvent } from '../../../shared/api/model';
import type { Language } from '../../../shared/contract';
import { sourceOf } from '../../store/history/reducer';
import { CorrelationIdField } from './CorrelationIdField';
import { describeEvent, sourceText, type Translate } from './describe-event';
import { formatEventTime, formatEventUtc, formatRelative } from '../../format/date-time';
import { kindLabelKey } from '../../i18n/lookup-label-keys';

export interface HistoryRowProps {
  readonly event: TokenEvent;
  /** Position in the list shown (0-based), for aria-posinset and the virtualizer's measurement. */
  readonly index: number;
  /** How many rows the list has, or -1 while older pages may still come (aria-setsize). */
  readonly setSize: number;
  /** Epoch milliseconds the relative time is counted from. */
  readonly now: number;
  /** The row that holds the keyboard: it and its controls are in the Tab order, no other row is. */
  readonly active: boolean;
  readonly expanded: boolean;
  /** Arrived live a moment ago. */
  readonly fresh: boolean;
  readonly onToggleRaw: (eventId: string) => void;
  /**
   * The UI text and language, from the list: one translation hook per list instead of one per
   * row, since rows mount and unmount with every frame of a fast scroll.
   */
  readonly t: Translate;
  readonly language: Language;
  /** Set by the virtualized list: the row's offset from the top (a number, so memo holds), and how it is measured. */
  readonly start?: number;
  readonly rowRef?: Ref<HTMLLIElement>;
}

/**
 * One event of a token's history: when (local, relative, UTC for assistive technology and on
 * hover), who, what in a sentence, the correlation id, and the raw record on demand. Shared by the
 * virtualized list and the bench's unvirtualized baseline, so both measure the same row.
 */
export const HistoryRow = memo(function HistoryRow({ event, index, setSize, now, active, expanded, fresh, onToggleRaw, t, language, start, rowRef }: HistoryRowProps) {
  const utc = t('history.time.utc', { utc: formatEventUtc(event.occurredAt) });
  const rawId = `history-raw-${event.eventId}`;
  const source = sourceOf(event.actor);
  return (
    <li
      ref={rowRef}
      // Set through the DOM (CSSOM), which the CSP allows; the position is the virtualizer's.
      style={start === undefined ? undefined : { transform: `translateY(${start}px)` }}
      className={`history-row${start === undefined ? '' : ' history-row-virtual'}${fresh ? ' history-row-fresh' : ''}`}
      data-index={index}
      data-event-id={event.eventId}
      data-kind={event.kind}
      data-source={source}
      data-testid="history-row"
      data-row="true"
      tabIndex={active ? 0 : -1}
      aria-posinset={index + 1}
      aria-setsize={setSize}
    >
      <div className="history-row-head">
        <span className={`history-kind history-kind-${event.kind.toLowerCase().replace(/_/g, '-')}`}>{t(kindLabelKey[event.kind])}</span>
        <time className="history-time" dateTime={event.occurredAt} title={utc}>
          {formatEventTime(event.occurredAt, language)}
        </time>
        <span className="visually-hidden">{utc}</span>
        <span className="history-relative">{formatRelative(event.occurredAt, now, language)}</span>
        <span className={`history-source history-source-${source.toLowerCase()}`} data-testid="history-source">
          {sourceText(event.actor, t, event.detail)}
        </span>
        {fresh ? <span className="history-fresh-badge">{t('history.fresh')}</span> : null}
      </div>
      <p className="history-sentence" data-testid="history-sentence">
        {describeEvent(event, t, language)}
      </p>
      <div className="history-row-foot">
        <button
          type="button"
          className="button-secondary history-small-button history-raw-toggle"
          tabIndex={active ? 0 : -1}
          aria-expanded={expanded}
          aria-controls={expanded ? rawId : undefined}
          onClick={() => onToggleRaw(event.eventId)}
        >
          {t('history.raw.show')}
        </button>
        {/* Last on the line: its "selected" hint comes and goes without moving the raw toggle under a click. */}
        <CorrelationIdField id={event.correlationId} tabbable={active} t={t} />
      </div>
      {expanded ? (
        <pre id={rawId} className="history-raw" data-testid="history-raw" aria-label={t('history.raw.label')}>
          {JSON.stringify(event.detail, null, 2)}
        </pre>
      ) : null}
    </li>
  );
});
