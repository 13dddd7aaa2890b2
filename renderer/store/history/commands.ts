import type { Result, TokenChanged, TypedError } from '../../../shared/contract';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import { initialHistoryView, type HistoryFilter, type HistoryLoad, type HistorySliceState, type HistoryView } from './initialState';
import { appendOlder, mergeNewest, type EventsPage } from './reducer';

/** Small, so the first rows show at once; the agent reads the newest events first. */
export const HISTORY_FIRST_PAGE = 50;
/** The backend's maximum: fewer round trips while scrolling through a long history. */
export const HISTORY_PAGE = 200;
/** A live change adds one event, rarely a few: a small page almost always reaches what is held. */
export const HISTORY_NEWEST_PAGE = 50;
/** Long enough to be seen when glancing back at the panel, short enough not to linger. */
export const FRESH_HIGHLIGHT_MS = 4_000;

export interface HistoryCommands {
  /** Opens a token's history at its newest page. The same token again keeps what is loaded and checks for newer events. */
  openHistory(virtualCardId: string): Promise<void>;
  /** Loads the next older page, once the first is in; does nothing at the end or while one is loading. */
  loadOlderHistory(): Promise<void>;
  /** Fetches the newest page and merges it on top; calls made meanwhile are folded into one more fetch. */
  refreshHistory(): Promise<void>;
  /** Repeats the load that failed. */
  retryHistory(): Promise<void>;
  setHistoryFilter(patch: Partial<HistoryFilter>): void;
  /** A token changed: if the history held is that token's and lacks the change's event, its newest page is read again. */
  internal_refreshHistoryFor(change: TokenChanged): void;
}

export const createHistoryCommands: SliceCreator<HistorySliceState & HistoryCommands & CallsMain, HistoryCommands> = () => (set, get) => {
  /**
   * Bumped whenever what is held stops being continuous with earlier requests (another token
   * opened, paging restarted): an answer to a request from an older epoch is dropped.
   */
  let epoch = 0;
  let refreshInFlight: Promise<void> | null = null;
  let refreshAgain = false;

  /** An answer still belongs on screen: same run of pages, same token (sign-out resets the view without a new epoch). */
  const current = (mine: number, virtualCardId: string): boolean => mine === epoch && get().history.virtualCardId === virtualCardId;

  const patch = (change: Partial<HistoryView>): void => set((s) => ({ history: { ...s.history, ...change } }));

  const fetchPage = (virtualCardId: string, limit: number, cursor: string | null): Promise<Result<EventsPage>> =>
    get().internal_call('tokens.events', cursor === null ? { virtualCardId, limit } : { virtualCardId, limit, cursor }, { showsOwnError: true });

  const failed = (load: HistoryLoad, error: TypedError): Partial<HistoryView> => ({ error: { load, error } });
  const clearedError = (load: HistoryLoad): Partial<HistoryView> => (get().history.error?.load === load ? { error: null } : {});

  const highlight = (ids: readonly string[]): void => {
    if (ids.length === 0) return;
    patch({ freshIds: [...ids, ...get().history.freshIds] });
    setTimeout(() => {
      const gone = new Set(ids);
      patch({ freshIds: get().history.freshIds.filter((id) => !gone.has(id)) });
    }, FRESH_HIGHLIGHT_MS);
  };

  const loadFirst = async (virtualCardId: string): Promise<void> => {
    epoch += 1;
    const mine = epoch;
    set((s) => ({ history: { ...initialHistoryView, filter: s.history.filter, virtualCardId, loading: 'first' } }));
    const page = await fetchPage(virtualCardId, HISTORY_FIRST_PAGE, null);
    if (!current(mine, virtualCardId)) return;
    if (!page.ok) {
      patch({ loading: null, ...failed('first', page.error) });
      return;
    }
    patch({ items: page.data.items, nextCursor: page.data.nextCursor, loaded: true, loading: null, error: null });
    // A change announced while the first page was on its way may not be in it.
    if (refreshAgain) void get().refreshHistory();
  };

  const refreshOnce = async (): Promise<void> => {
    const { virtualCardId } = get().history;
    if (virtualCardId === null) return;
    const mine = epoch;
    patch({ refreshing: true });
    const page = await fetchPage(virtualCardId, HISTORY_NEWEST_PAGE, null);
    if (!current(mine, virtualCardId)) return;
    if (!page.ok) {
      patch({ refreshing: false, stale: true, ...failed('newest', page.error) });
      return;
    }
    const merged = mergeNewest(get().history.items, page.data);
    if (merged.restarted) {
      // Paging starts again from this page; an older page still on its way belongs to the old run.
      epoch += 1;
      patch({ items: merged.items, nextCursor: page.data.nextCursor, loading: null, refreshing: false, stale: false, ...clearedError('newest') });
    } else {
      patch({ items: merged.items, refreshing: false, stale: false, ...clearedError('newest') });
    }
    highlight(merged.added.map((event) => event.eventId));
  };

  return {
    openHistory: async (virtualCardId) => {
      const { history } = get();
      if (history.virtualCardId === virtualCardId && (history.loaded || history.loading === 'first')) {
        if (history.loaded) await get().refreshHistory();
        return;
      }
      refreshAgain = false;
      await loadFirst(virtualCardId);
    },

    loadOlderHistory: async () => {
      const { virtualCardId, nextCursor, loaded, loading } = get().history;
      if (virtualCardId === null || !loaded || nextCursor === null || loading !== null) return;
      const mine = epoch;
      patch({ loading: 'more' });
      const page = await fetchPage(virtualCardId, HISTORY_PAGE, nextCursor);
      if (!current(mine, virtualCardId)) return;
      if (!page.ok) {
        patch({ loading: null, ...failed('more', page.error) });
        return;
      }
      patch({ items: appendOlder(get().history.items, page.data.items), nextCursor: page.data.nextCursor, loading: null, ...clearedError('more') });
    },

    refreshHistory: () => {
      if (!get().history.loaded) {
        // Nothing to merge into yet: the first load picks this up when it lands.
        refreshAgain = get().history.loading === 'first';
        return Promise.resolve();
      }
      if (refreshInFlight !== null) {
        refreshAgain = true;
        return refreshInFlight;
      }
      const run = async (): Promise<void> => {
        do {
          refreshAgain = false;
          await refreshOnce();
        } while (refreshAgain);
      };
      refreshInFlight = run().finally(() => {
        refreshInFlight = null;
      });
      return refreshInFlight;
    },

    retryHistory: async () => {
      const { error, virtualCardId } = get().history;
      if (error === null || virtualCardId === null) return;
      if (error.load === 'first') await loadFirst(virtualCardId);
      else if (error.load === 'more') await get().loadOlderHistory();
      else await get().refreshHistory();
    },

    setHistoryFilter: (change) => set((s) => ({ history: { ...s.history, filter: { ...s.history.filter, ...change } } })),

    internal_refreshHistoryFor: (change) => {
      const { virtualCardId, items } = get().history;
      if (virtualCardId === null || change.virtualCardId !== virtualCardId) return;
      // A change replayed after a reconnect may already be on screen.
      if (items.some((held) => held.eventId === change.event.eventId)) return;
      void get().refreshHistory();
    },
  };
};
