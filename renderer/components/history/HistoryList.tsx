import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TokenEvent } from '../../../shared/api/model';
import { historySelectors } from '../../store/history/selectors';
import { useDeskStore } from '../../store/store-context';
import { HistoryRow } from './HistoryRow';
import { translator, uiLanguage } from './ui-language';
import { useNow } from './use-now';

/** Collapsed rows are 90–115 px in the side panel; the virtualizer measures each rendered row anyway. */
const ROW_ESTIMATE = 100;
const estimateSize = (): number => ROW_ESTIMATE;
/** Few: rows are cheap to measure but not free to render, and scrolling is smooth with a handful. */
const OVERSCAN = 4;
/** Start the next page this many rows before the end, so it is usually in before the agent gets there. */
const PREFETCH_ROWS = 60;
/** PageUp / PageDown step. */
const PAGE_ROWS = 10;
/** Relative times ("3 minutes ago") are renewed this often. */
const CLOCK_MS = 30_000;

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
  const now = useNow(CLOCK_MS);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  /** The row to focus once it is rendered, after a keyboard move scrolled it into view. */
  const focusPending = useRef<string | null>(null);

  const fresh = useMemo(() => new Set(freshIds), [freshIds]);
  const indexById = useMemo(() => new Map(events.map((event, index) => [event.eventId, index])), [events]);
  const activeIndex = activeId === null ? 0 : (indexById.get(activeId) ?? 0);

  // The active row stays rendered even when scrolled away, so keyboard focus is never dropped with it.
  const rangeExtractor = useCallback(
    (range: Range): number[] => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex < range.count && !indexes.includes(activeIndex)) return [...indexes, activeIndex].sort((a, b) => a - b);
      return indexes;
    },
    [activeIndex],
  );

  // Stable while the events are: the virtualizer recomputes every row's offset when it changes.
  const getItemKey = useCallback((index: number) => events[index]?.eventId ?? index, [events]);
  // No React Compiler here: the virtualizer is read afresh on every render, which is what this rule guards.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: OVERSCAN,
    getItemKey,
    rangeExtractor,
  });
  const rows = virtualizer.getVirtualItems();
  const lastRendered = rows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (canLoadOlder && lastRendered >= events.length - PREFETCH_ROWS) void loadOlder();
  }, [canLoadOlder, lastRendered, events.length, loadOlder]);

  // Events that arrive live go on top: keep what the agent is reading where it was, unless they are at the top.
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

  useLayoutEffect(() => {
    const id = focusPending.current;
    if (id === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-event-id="${id}"]`);
    if (row) {
      focusPending.current = null;
      row.focus({ preventScroll: true });
    }
  });

  // A new token starts at its newest event, with nothing opened.
  useEffect(() => {
    setActiveId(null);
    setExpanded(new Set());
  }, [virtualCardId]);

  const toggleRaw = useCallback((eventId: string) => {
    setExpanded((open) => {
      const next = new Set(open);
      if (next.has(eventId)) next.delete(eventId);
      else next.add(eventId);
      return next;
    });
  }, []);

  const moveTo = (index: number): void => {
    const target = events[Math.max(0, Math.min(events.length - 1, index))];
    if (target === undefined) return;
    setActiveId(target.eventId);
    focusPending.current = target.eventId;
    virtualizer.scrollToIndex(indexById.get(target.eventId) ?? 0, { align: 'auto' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const target = event.target as HTMLElement;
    const onRow = target.dataset.row === 'true';
    const inRow = target.closest('[data-row="true"]') !== null;
    if (!inRow) return;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(activeIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex - 1);
        break;
      case 'PageDown':
        moveTo(activeIndex + PAGE_ROWS);
        break;
      case 'PageUp':
        moveTo(activeIndex - PAGE_ROWS);
        break;
      // In the correlation id field, Home and End move the caret; on the row they move through the list.
      case 'Home':
        if (!onRow) return;
        moveTo(0);
        break;
      case 'End':
        if (!onRow) return;
        moveTo(events.length - 1);
        break;
      case 'Enter':
      case ' ': {
        if (!onRow) return;
        const current = events[activeIndex];
        if (current) toggleRaw(current.eventId);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>): void => {
    const id = (event.target as HTMLElement).closest<HTMLElement>('[data-row="true"]')?.dataset.eventId;
    if (id !== undefined && id !== activeId) setActiveId(id);
  };

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
