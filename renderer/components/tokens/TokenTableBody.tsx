import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Token, TokenEvent } from '../../../shared/api/model';
import { TokenRow } from './TokenRow';

interface TokenTableBodyProps {
  readonly tokens: readonly Token[];
  readonly selectedVirtualCardId: string | null;
  readonly selectedEvents: readonly TokenEvent[];
  readonly onSelect: (virtualCardId: string) => void;
}

/** A row with its explanation line; rows are measured, this only places them before they are. */
const ESTIMATED_ROW_PX = 54;
const OVERSCAN = 6;

/**
 * The rows, virtualized: only those in view (and a few around) are in the DOM, so a card with 120
 * tokens renders as fast as one with five. The virtualizer lives here, the lowest component, so a
 * scroll re-renders the body and nothing above it. The keyboard moves a roving focus over the rows;
 * the focused row is always rendered (range extractor) so focus is never lost to virtualization.
 */
export const TokenTableBody = ({ tokens, selectedVirtualCardId, selectedEvents, onSelect }: TokenTableBodyProps) => {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const activeIndex = Math.max(0, Math.min(active, tokens.length - 1));
  // Set by a key press; the effect below moves DOM focus once the row is rendered.
  const focusPending = useRef(false);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      return indexes.includes(activeIndex) || activeIndex >= range.count ? indexes : [...indexes, activeIndex].sort((a, b) => a - b);
    },
    [activeIndex],
  );

  // The React Compiler is not used in this build; the warning is about memoization it would skip.
  // eslint-disable-next-line react-hooks/incompatible-library -- @tanstack/react-virtual keeps a 200-token table fast; the compiler cannot memoize its API, and need not
  const virtualizer = useVirtualizer({
    count: tokens.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: OVERSCAN,
    // Stable ids from the domain: a re-sorted or re-fetched list keeps each row's measured height.
    getItemKey: (index) => tokens[index]?.virtualCardId ?? index,
    rangeExtractor,
  });

  useEffect(() => {
    if (!focusPending.current) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${activeIndex}"]`);
    if (row) {
      focusPending.current = false;
      // The virtualizer has scrolled the body; the page scrolls too if the table itself is out of view.
      row.focus();
    }
  });

  const moveTo = (index: number): void => {
    const next = Math.max(0, Math.min(index, tokens.length - 1));
    focusPending.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const pageSize = (): number => Math.max(1, Math.floor((scroller.current?.clientHeight ?? ESTIMATED_ROW_PX) / ESTIMATED_ROW_PX) - 1);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const token = tokens[activeIndex];
    const moves: Partial<Record<string, number>> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      Home: 0,
      End: tokens.length - 1,
      PageDown: activeIndex + pageSize(),
      PageUp: activeIndex - pageSize(),
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
    } else if ((event.key === 'Enter' || event.key === ' ') && token !== undefined) {
      event.preventDefault();
      onSelect(token.virtualCardId);
    }
  };

  return (
    <div ref={scroller} className="token-grid-body" onKeyDown={onKeyDown}>
      <div role="rowgroup" className="token-grid-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const token = tokens[item.index];
          if (token === undefined) return null;
          const selected = token.virtualCardId === selectedVirtualCardId;
          return (
            <TokenRow
              key={item.key}
              token={token}
              index={item.index}
              start={item.start}
              tabbable={item.index === activeIndex}
              selected={selected}
              events={selected ? selectedEvents : undefined}
              measureRef={virtualizer.measureElement}
              onSelect={onSelect}
              onFocusIndex={setActive}
            />
          );
        })}
      </div>
    </div>
  );
};
