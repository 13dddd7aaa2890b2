import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenEvent } from '../../../shared/api/model';
import { useClock } from '../../hooks/use-clock';
import { useRovingVirtualList } from '../../hooks/use-roving-virtual-list';
import { historySelectors } from '../../store/history/selectors';
import { useDeskStore } from '../../store/store-context';
import { HistoryRow } from './HistoryRow';
import { translator, uiLanguage } from './ui-language';

/** Collapsed rows are 90–115 px in the side panel; the virtualizer measures each rendered row anyway. */
const ROW_ESTIMATE = 100;
/** Few: rows are cheap to measure but not free to render, and scrolling is smooth with a handful. */
const OVERSCAN = 4;
/** Start the next page this many rows before the end, so it is usually in before the agent gets there. */
const PREFETCH_ROWS = 60;
/** PageUp / PageDown step. */
const PAGE_ROWS = 10;
/** Relative times ("3 minutes ago") are renewed this often. */
const CLOCK_MS = 30_000;

const keyOf = (event: TokenEvent): string => event.eventId;

interface HistoryListProps {
  readonly virtualCardId: string;
  /** The loaded events the filter lets through, newest first. */
  readonly events: readonly TokenEvent[];
}

/**
 * The history rows, virtualized: only the rows in view (and a few around them) are in the DOM,
 * so the 10,000-event token opens and scrolls like a short one. The virtualizer lives here, in the
 * list body, so scrolling re-renders nothing above it. Keyboard: one row is in the Tab order
 * (roving tabindex); arrows, PageUp/PageDown, Home and End move; Enter or Space opens the raw event.
 */
export const HistoryList = ({ virtualCardId, events }: HistoryListProps) => {
  const { t: hookT, i18n } = useTranslation();
  const t = useMemo(() => translator(hookT), [hookT]);
  const language = uiLanguage(i18n);
  const canLoadOlder = useDeskStore(historySelectors.canLoadOlder);
  const hasOlder = useDeskStore(historySelectors.hasOlder);
  const freshIds = useDeskStore(historySelectors.freshIds);
  const loadOlder = useDeskStore((s) => s.loadOlderHistory);
  const now = useClock(CLOCK_MS);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());

  const fresh = useMemo(() => new Set(freshIds), [freshIds]);
  const toggleRaw = useCallback((eventId: string) => {
    setExpanded((open) => {
      const next = new Set(open);
      if (next.has(eventId)) next.delete(eventId);
      else next.add(eventId);
      return next;
    });
  }, []);

  const { scrollRef, virtualizer, activeIndex, onKeyDown, onFocus } = useRovingVirtualList({
    items: events,
    keyOf,
    estimateSize: ROW_ESTIMATE,
    overscan: OVERSCAN,
    pageRows: PAGE_ROWS,
    onActivate: (event) => toggleRaw(event.eventId),
  });
  const rows = virtualizer.getVirtualItems();
  const lastRendered = rows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (canLoadOlder && lastRendered >= events.length - PREFETCH_ROWS) void loadOlder();
  }, [canLoadOlder, lastRendered, events.length, loadOlder]);

  // Events that arrive live go on top: keep what the agent is reading where it was, unless they are at the top.
  const indexById = useMemo(() => new Map(events.map((event, index) => [event.eventId, index])), [events]);
  const firstId = events[0]?.eventId;
  const previousFirst = useRef(firstId);
  useLayoutEffect(() => {
    const before = previousFirst.current;
    previousFirst.current = firstId;
    if (before === undefined || before === firstId) return;
    const shifted = indexById.get(before);
    const offset = virtualizer.scrollOffset ?? 0;
    if (shifted !== undefined && shifted > 0 && offset > 0) virtualizer.scrollToOffset(offset + shifted * ROW_ESTIMATE);
  }, [firstId, indexById, virtualizer]);

  const setSize = hasOlder ? -1 : events.length;
  return (
    <div className="history-scroll" ref={scrollRef} onKeyDown={onKeyDown} onFocus={onFocus} data-testid="history-scroll">
      <ol className="history-list" aria-label={hookT('history.listLabel', { id: virtualCardId })} style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const event = events[row.index];
          if (event === undefined) return null;
          return (
            <HistoryRow
              key={row.key}
              rowRef={virtualizer.measureElement}
              start={row.start}
              event={event}
              index={row.index}
              setSize={setSize}
              now={now}
              active={row.index === activeIndex}
              expanded={expanded.has(event.eventId)}
              fresh={fresh.has(event.eventId)}
              onToggleRaw={toggleRaw}
              t={t}
              language={language}
            />
          );
        })}
      </ol>
    </div>
  );
};
