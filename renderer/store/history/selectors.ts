import type { HistorySliceState } from './initialState';
import { isFiltered } from './reducer';

export const historySelectors = {
  view: (s: HistorySliceState) => s.history,
  items: (s: HistorySliceState) => s.history.items,
  filter: (s: HistorySliceState) => s.history.filter,
  isFiltered: (s: HistorySliceState) => isFiltered(s.history.filter),
  /** Older pages exist and none is loading: scrolling near the end should fetch the next. */
  canLoadOlder: (s: HistorySliceState) => s.history.loaded && s.history.nextCursor !== null && s.history.loading === null,
  hasOlder: (s: HistorySliceState) => s.history.nextCursor !== null,
  isComplete: (s: HistorySliceState) => s.history.loaded && s.history.nextCursor === null,
  /** The first page is on its way and nothing is on screen yet. */
  isFirstLoading: (s: HistorySliceState) => s.history.loading === 'first',
  isEmpty: (s: HistorySliceState) => s.history.loaded && s.history.items.length === 0 && s.history.nextCursor === null,
  loadedCount: (s: HistorySliceState) => s.history.items.length,
  error: (s: HistorySliceState) => s.history.error,
  isStale: (s: HistorySliceState) => s.history.stale,
  freshIds: (s: HistorySliceState) => s.history.freshIds,
  /** The history shown belongs to this token (and not the one selected before). */
  isOpenFor:
    (virtualCardId: string) =>
    (s: HistorySliceState): boolean =>
      s.history.virtualCardId === virtualCardId,
};
