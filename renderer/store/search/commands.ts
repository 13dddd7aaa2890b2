import { classifyQuery } from '../../../shared/domain/search-query';
import type { CardholderCommands } from '../cardholder/commands';
import type { PhoneCallCommands } from '../phone-call/commands';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import type { SearchSliceState } from './initialState';

/** Long enough that a typist's next key lands first, short enough to feel immediate. */
export const SEARCH_DEBOUNCE_MS = 250;

export type SearchMove = 'next' | 'previous' | 'first' | 'last';

export interface SearchCommands {
  /**
   * The field changed. A full card number is refused here, before anything leaves the renderer:
   * the field is cleared and nothing is sent. While an IME composes, the text is kept but not
   * searched; the composition's end calls this again without `composing`.
   */
  setSearchText(text: string, options?: { composing?: boolean }): void;
  /** Enter in the field: opens the chosen result, or searches at once instead of after the pause. */
  submitSearch(): void;
  /** The next page of the results on screen. */
  searchMore(): Promise<void>;
  moveSearchActive(move: SearchMove): void;
  /** Opens a result; `focus` moves the keyboard to the cardholder (the agent chose it, rather than it opening by itself). */
  openSearchResult(index: number, options?: { focus?: boolean }): void;
  closeSearchList(): void;
  internal_runSearch(query: string, cursor: string | null): Promise<void>;
}

/** What is sent: the text as typed, without the spaces at either end or doubled inside. */
const queryOf = (text: string): string => text.trim().replace(/\s+/g, ' ');

const isSearchable = (text: string): boolean => {
  const { kind } = classifyQuery(text);
  return kind !== 'EMPTY' && kind !== 'UNRECOGNISED' && kind !== 'FULL_CARD_NUMBER';
};

type Needs = SearchSliceState & SearchCommands & CallsMain & Pick<CardholderCommands, 'openCardholder'> & Pick<PhoneCallCommands, 'internal_ensurePhoneCall'>;

export const createSearchCommands: SliceCreator<Needs, SearchCommands> =
  (deps) =>
  (set, get) => {
    let debounce: ReturnType<typeof setTimeout> | null = null;

    const clearDebounce = (): void => {
      if (debounce !== null) clearTimeout(debounce);
      debounce = null;
    };

    /**
     * Forgets the call in flight and asks main to abort its backend request. Its answer may still
     * arrive; it no longer matches `searchRequestId` and is dropped.
     */
    const cancelInFlight = (): void => {
      const requestId = get().searchRequestId;
      if (requestId === null) return;
      set({ searchRequestId: null, searchLoadingMore: false });
      void get().internal_call('calls.cancel', { requestId }, { showsOwnError: true });
    };

    const runNow = (text: string): void => {
      clearDebounce();
      set({ searchSubmitted: true });
      void get().internal_runSearch(queryOf(text), null);
    };

    return {
      setSearchText: (text, options) => {
        clearDebounce();
        const { kind } = classifyQuery(text);
        if (kind === 'FULL_CARD_NUMBER') {
          cancelInFlight();
          set({ searchText: '', searchRefusal: 'FULL_CARD_NUMBER', searchStatus: 'idle', searchListOpen: false, searchError: null });
          return;
        }
        set({ searchText: text, searchRefusal: null, searchSubmitted: false });
        if (kind === 'EMPTY' || kind === 'UNRECOGNISED') {
          cancelInFlight();
          set({ searchStatus: 'idle', searchListOpen: false, searchError: null });
          return;
        }
        // Looking someone up is the start of a phone call: with none open, one starts.
        get().internal_ensurePhoneCall();
        if (options?.composing) return;
        const { searchQuery, searchStatus } = get();
        if (queryOf(text) === searchQuery && (searchStatus === 'done' || searchStatus === 'loading')) {
          // Only spacing changed: the results on screen already answer it.
          set({ searchListOpen: true });
          return;
        }
        set({ searchStatus: 'waiting' });
        debounce = setTimeout(() => {
          debounce = null;
          // The timer may outlive the text it was for (sign-out clears the field).
          if (get().searchText === text) void get().internal_runSearch(queryOf(text), null);
        }, SEARCH_DEBOUNCE_MS);
      },

      submitSearch: () => {
        const { searchText, searchQuery, searchStatus, searchActiveIndex, searchResults } = get();
        if (!isSearchable(searchText)) return;
        const answered = searchStatus === 'done' && queryOf(searchText) === searchQuery;
        if (answered && searchActiveIndex >= 0 && searchActiveIndex < searchResults.length) {
          get().openSearchResult(searchActiveIndex, { focus: true });
          return;
        }
        if (!answered) runNow(searchText);
      },

      searchMore: async () => {
        const { searchQuery, searchNextCursor, searchRequestId } = get();
        if (searchQuery === null || searchNextCursor === null || searchRequestId !== null) return;
        await get().internal_runSearch(searchQuery, searchNextCursor);
      },

      moveSearchActive: (move) => {
        const { searchResults, searchActiveIndex, searchListOpen } = get();
        if (searchResults.length === 0) return;
        const last = searchResults.length - 1;
        // The first arrow press on a closed list only opens it, on the result that was chosen.
        if (!searchListOpen) {
          set({ searchListOpen: true, searchActiveIndex: Math.max(0, Math.min(searchActiveIndex, last)) });
          return;
        }
        const next = {
          next: Math.min(searchActiveIndex + 1, last),
          previous: Math.max(searchActiveIndex - 1, 0),
          first: 0,
          last,
        }[move];
        set({ searchActiveIndex: next });
      },

      openSearchResult: (index, options) => {
        const item = get().searchResults[index];
        if (item === undefined) return;
        set({ searchListOpen: false, searchActiveIndex: index });
        void get().openCardholder(item.cardholderId, { focus: options?.focus ?? false });
      },

      closeSearchList: () => set({ searchListOpen: false }),

      internal_runSearch: async (query, cursor) => {
        if (cursor === null) cancelInFlight();
        else if (get().searchRequestId !== null) return;
        const requestId = deps.newCorrelationId();
        set(
          cursor === null
            ? { searchRequestId: requestId, searchStatus: 'loading', searchError: null, searchListOpen: true }
            : { searchRequestId: requestId, searchLoadingMore: true, searchError: null },
        );
        const input = cursor === null ? { q: query, requestId } : { q: query, requestId, cursor };
        const result = await get().internal_call('cardholders.search', input, { showsOwnError: true });
        // Superseded by newer typing, cancelled, or the agent signed out: a late answer changes nothing.
        if (get().searchRequestId !== requestId) return;
        if (!result.ok) {
          if (result.error.code === 'CANCELLED') {
            set({ searchRequestId: null, searchLoadingMore: false });
            return;
          }
          // A failed first page leaves the earlier results on screen, marked stale; a failed next page leaves the list as it was.
          set({ searchRequestId: null, searchLoadingMore: false, searchError: result.error, ...(cursor === null ? { searchStatus: 'failed' } : {}) });
          return;
        }
        const { items, nextCursor, queryKind } = result.data;
        const answeredAt = new Date().toISOString();
        if (cursor !== null) {
          const held = new Set(get().searchResults.map((item) => item.cardholderId));
          set({
            searchRequestId: null,
            searchLoadingMore: false,
            searchResults: [...get().searchResults, ...items.filter((item) => !held.has(item.cardholderId))],
            searchNextCursor: nextCursor,
            searchAnsweredAt: answeredAt,
          });
          return;
        }
        set({
          searchRequestId: null,
          searchStatus: 'done',
          searchQuery: query,
          searchKind: queryKind,
          searchResults: items,
          searchNextCursor: nextCursor,
          searchActiveIndex: items.length > 0 ? 0 : -1,
          searchListOpen: true,
          searchAnsweredAt: answeredAt,
        });
        // One match is the cardholder: open it. Focus stays in the field while the agent is typing;
        // after Enter it goes to the cardholder's first token, where the next key acts.
        const [only] = items;
        if (only !== undefined && items.length === 1 && nextCursor === null) get().openSearchResult(0, { focus: get().searchSubmitted });
        set({ searchSubmitted: false });
      },
    };
  };
