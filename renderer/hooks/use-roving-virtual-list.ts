import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';

interface RovingVirtualListOptions<T> {
  readonly items: readonly T[];
  /** A stable id per item: the keyboard stays on the same item when the list changes around it. Stable itself (module level). */
  readonly keyOf: (item: T) => string;
  /** A row's height before it is measured; rows are measured once rendered. */
  readonly estimateSize: number;
  readonly overscan: number;
  /** How far PageUp / PageDown move; by default as many rows as fit in the scroller, less one. */
  readonly pageRows?: number;
  /** Enter or Space on a row. */
  readonly onActivate: (item: T) => void;
  /**
   * Focusing a row may scroll the page too (a table lower down the page); otherwise only the
   * scroller moves, which the virtualizer has done already.
   */
  readonly focusScrollsPage?: boolean;
}

/** The row element an event came from, if it came from inside one (the virtualizer marks each with data-index). */
const rowOf = (target: EventTarget): HTMLElement | null => (target instanceof Element ? target.closest<HTMLElement>('[data-index]') : null);

/**
 * A long list rendered virtualized (only the rows in view, and a few around, are in the DOM) with
 * one row in the Tab order (roving focus): arrows, PageUp / PageDown, Home and End move it, Enter
 * or Space activates it. The focused row always stays rendered, so focus is never lost to
 * virtualization. Home, End, Enter and Space belong to a control inside a row (a text field's
 * caret, a button's click) and act on the list only on the row itself.
 *
 * Attach `scrollRef`, `onKeyDown` and `onFocus` to the scroller; give each row `data-index`, the
 * virtualizer's `measureElement`, and `tabIndex` 0 for `activeIndex`, -1 otherwise. Key the list's
 * component by what it lists, so another list starts afresh at its first row.
 */
export const useRovingVirtualList = <T>({ items, keyOf, estimateSize, overscan, pageRows, onActivate, focusScrollsPage = false }: RovingVirtualListOptions<T>) => {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  /** The row to focus once it is rendered, after a keyboard move scrolled it into view. */
  const focusPending = useRef<string | null>(null);

  const indexByKey = useMemo(() => new Map(items.map((item, index) => [keyOf(item), index])), [items, keyOf]);
  const activeIndex = activeKey === null ? 0 : (indexByKey.get(activeKey) ?? 0);

  const rangeExtractor = useCallback(
    (range: Range): number[] => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex < range.count && !indexes.includes(activeIndex)) return [...indexes, activeIndex].sort((a, b) => a - b);
      return indexes;
    },
    [activeIndex],
  );
  // Ids from the domain: a re-sorted or re-fetched list keeps each row's measured height. The
  // function is stable while the items are: the virtualizer recomputes every row's offset when it changes.
  const getItemKey = useCallback(
    (index: number) => {
      const item = items[index];
      return item === undefined ? index : keyOf(item);
    },
    [items, keyOf],
  );
  const estimate = useCallback(() => estimateSize, [estimateSize]);

  // No React Compiler in this build: the virtualizer is read afresh on every render, which is what this rule guards.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimate,
    overscan,
    getItemKey,
    rangeExtractor,
  });

  useLayoutEffect(() => {
    const key = focusPending.current;
    if (key === null) return;
    const index = indexByKey.get(key);
    const row = index === undefined ? null : scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (row) {
      focusPending.current = null;
      row.focus({ preventScroll: !focusScrollsPage });
    }
  });

  const moveTo = (index: number): void => {
    const clamped = Math.max(0, Math.min(items.length - 1, index));
    const target = items[clamped];
    if (target === undefined) return;
    const key = keyOf(target);
    setActiveKey(key);
    focusPending.current = key;
    virtualizer.scrollToIndex(clamped, { align: 'auto' });
  };

  const page = (): number => pageRows ?? Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? estimateSize) / estimateSize) - 1);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    const row = rowOf(event.target);
    if (row === null) return;
    const onRow = row === event.target;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(activeIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(activeIndex - 1);
        break;
      case 'PageDown':
        moveTo(activeIndex + page());
        break;
      case 'PageUp':
        moveTo(activeIndex - page());
        break;
      case 'Home':
        if (!onRow) return;
        moveTo(0);
        break;
      case 'End':
        if (!onRow) return;
        moveTo(items.length - 1);
        break;
      case 'Enter':
      case ' ': {
        const current = items[activeIndex];
        if (!onRow || current === undefined) return;
        onActivate(current);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const onFocus = (event: FocusEvent<HTMLElement>): void => {
    const index = Number(rowOf(event.target)?.dataset.index);
    const item = Number.isInteger(index) ? items[index] : undefined;
    if (item !== undefined && keyOf(item) !== activeKey) setActiveKey(keyOf(item));
  };

  return { scrollRef, virtualizer, activeIndex, onKeyDown, onFocus };
};
