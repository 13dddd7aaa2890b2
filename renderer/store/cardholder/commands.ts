import type { TokenState, WalletProviderId } from '../../../shared/api/model';
import type { TokenChanged } from '../../../shared/contract';
import { DEFAULT_TOKEN_VIEW, nextSort, type TokenSortKey } from '../../tokens/token-view';
import type { PhoneCallCommands } from '../phone-call/commands';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import { initialCardholderState, type CardholderSliceState, type CardTokensState } from './initialState';

/** Changes come in bursts (a wallet suspends every token of a lost phone): one re-fetch per card per burst. */
export const TOKEN_REFRESH_DEBOUNCE_MS = 300;
/** How long a changed row stays highlighted; the CSS animation is a little shorter. */
export const FLASH_MS = 2_500;
/** Enough of the newest events to see a deletion from the wallet app followed by the TSP's delete. */
const EXPLANATION_EVENTS = 3;

export interface CardholderCommands {
  /** Shows a cardholder: their record, then every card's tokens. `focus` moves the keyboard to it once shown. */
  openCardholder(cardholderId: string, options?: { focus?: boolean }): Promise<void>;
  /** Loads the open cardholder and all their tokens again; what is on screen stays until the answers come. */
  reloadCardholder(): Promise<void>;
  reloadCardTokens(issuerCardRefId: string): Promise<void>;
  setTokenSort(key: TokenSortKey): void;
  setTokenStateFilter(state: TokenState | null): void;
  setTokenWalletFilter(wallet: WalletProviderId | null): void;
  setShowDeletedTokens(show: boolean): void;
  clearTokenFilters(): void;
  /** Opens a token's history beside the tables (the history panel renders for `selectedVirtualCardId`). */
  selectToken(virtualCardId: string): void;
  closeTokenHistory(): void;
  /** The view has moved the focus to the cardholder. */
  acknowledgeCardholderFocus(): void;
  /** Lists the open cardholder's devices with their tokens, across all cards, to choose a lost one. */
  openDeviceChooser(): void;
  closeDeviceChooser(): void;
  internal_loadCardholder(cardholderId: string): Promise<void>;
  internal_loadCardTokens(issuerCardRefId: string): Promise<boolean>;
  internal_loadSelectedTokenEvents(): Promise<void>;
  /** A token changed at the backend: re-fetch its card if it is on screen, then highlight the row. */
  internal_onTokenChanged(change: TokenChanged): void;
  /** The live stream could not resume: everything on screen may have missed changes. */
  internal_onLiveReset(): void;
}

export const createCardholderCommands: SliceCreator<CardholderSliceState & CardholderCommands & CallsMain & Pick<PhoneCallCommands, 'internal_identifyCaller'>, CardholderCommands> =
  (deps) =>
  (set, get) => {
    // Each load gets a number; an answer that is not the newest for its target is dropped, so a slow
    // answer for a cardholder the agent has left never overwrites the one on screen.
    let cardholderLoads = 0;
    const tokenLoads = new Map<string, number>();

    let flashCount = 0;
    const pendingCards = new Set<string>();
    const pendingFlashes = new Set<string>();
    /** The cardholder the pending changes belong to: they are dropped if the agent has moved on. */
    let pendingFor: string | null = null;
    let refreshTimer: ReturnType<typeof setTimeout> | null = null;
    let stopWaitingForVisible: (() => void) | null = null;

    const now = (): string => new Date().toISOString();

    const patchCard = (issuerCardRefId: string, change: Partial<CardTokensState>): void =>
      set((s) => {
        const current: CardTokensState = s.cardTokens[issuerCardRefId] ?? { items: null, status: 'loading', error: null, loadedAt: null };
        return { cardTokens: { ...s.cardTokens, [issuerCardRefId]: { ...current, ...change } } };
      });

    const flash = (virtualCardIds: readonly string[]): void => {
      if (virtualCardIds.length === 0) return;
      flashCount += 1;
      const mark = flashCount;
      set((s) => ({ flashedTokens: { ...s.flashedTokens, ...Object.fromEntries(virtualCardIds.map((id) => [id, mark])) } }));
      setTimeout(() => {
        set((s) => ({
          // Only this change's marks: a newer change to the same row keeps its own highlight.
          flashedTokens: Object.fromEntries(Object.entries(s.flashedTokens).filter(([, value]) => value !== mark)),
        }));
      }, FLASH_MS);
    };

    const flushLiveChanges = async (): Promise<void> => {
      refreshTimer = null;
      const cards = [...pendingCards];
      const changed = [...pendingFlashes];
      pendingCards.clear();
      pendingFlashes.clear();
      const holder = get().cardholder;
      // Not loaded yet (its load will bring the change), or another cardholder by now.
      if (holder === null || holder.cardholderId !== pendingFor) return;
      const known = new Set(holder.cards.map((card) => card.issuerCardRefId));
      if (cards.some((card) => !known.has(card))) {
        // A card the screen does not know yet: the cardholder record itself has changed.
        await get().reloadCardholder();
      } else {
        const loaded = await Promise.all(cards.map((card) => get().internal_loadCardTokens(card)));
        if (loaded.some(Boolean)) flash(changed);
      }
      const selected = get().selectedVirtualCardId;
      if (selected !== null && changed.includes(selected)) void get().internal_loadSelectedTokenEvents();
    };

    const scheduleFlush = (): void => {
      const visibility = deps.visibility;
      // A hidden window catches up when it is shown again, instead of re-fetching for nobody.
      if (visibility?.isHidden()) {
        stopWaitingForVisible ??= visibility.onVisible(() => {
          stopWaitingForVisible?.();
          stopWaitingForVisible = null;
          scheduleFlush();
        });
        return;
      }
      if (refreshTimer !== null) clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void flushLiveChanges(), TOKEN_REFRESH_DEBOUNCE_MS);
    };

    return {
      openCardholder: async (cardholderId, options) => {
        if (get().openCardholderId !== cardholderId) {
          set({
            ...initialCardholderState,
            // The sort is the agent's habit; the filters were about the previous caller.
            tokenView: { ...DEFAULT_TOKEN_VIEW, sort: get().tokenView.sort },
            openCardholderId: cardholderId,
            cardholderStatus: 'loading',
          });
        }
        set({ cardholderFocusPending: options?.focus ?? false });
        // The cardholder opened is the caller on the phone, as main records it.
        get().internal_identifyCaller(cardholderId);
        await get().internal_loadCardholder(cardholderId);
      },

      reloadCardholder: async () => {
        const id = get().openCardholderId;
        if (id === null) return;
        await get().internal_loadCardholder(id);
        if (get().selectedVirtualCardId !== null) void get().internal_loadSelectedTokenEvents();
      },

      reloadCardTokens: async (issuerCardRefId) => {
        await get().internal_loadCardTokens(issuerCardRefId);
      },

      setTokenSort: (key) => set((s) => ({ tokenView: { ...s.tokenView, sort: nextSort(s.tokenView.sort, key) } })),
      setTokenStateFilter: (state) => set((s) => ({ tokenView: { ...s.tokenView, state } })),
      setTokenWalletFilter: (wallet) => set((s) => ({ tokenView: { ...s.tokenView, wallet } })),
      setShowDeletedTokens: (showDeleted) => set((s) => ({ tokenView: { ...s.tokenView, showDeleted } })),
      clearTokenFilters: () => set((s) => ({ tokenView: { ...DEFAULT_TOKEN_VIEW, sort: s.tokenView.sort } })),

      selectToken: (virtualCardId) => {
        if (get().selectedVirtualCardId === virtualCardId) return;
        set({ selectedVirtualCardId: virtualCardId, selectedTokenEvents: [] });
        void get().internal_loadSelectedTokenEvents();
      },

      closeTokenHistory: () => set({ selectedVirtualCardId: null, selectedTokenEvents: [] }),

      acknowledgeCardholderFocus: () => set({ cardholderFocusPending: false }),

      openDeviceChooser: () => {
        if (get().cardholder !== null) set({ deviceChooserOpen: true });
      },
      closeDeviceChooser: () => set({ deviceChooserOpen: false }),

      internal_loadCardholder: async (cardholderId) => {
        cardholderLoads += 1;
        const mine = cardholderLoads;
        set({ cardholderStatus: 'loading' });
        const result = await get().internal_call('cardholders.get', { cardholderId }, { showsOwnError: true });
        if (mine !== cardholderLoads || get().openCardholderId !== cardholderId) return;
        if (!result.ok) {
          if (result.error.code === 'CANCELLED') {
            set({ cardholderStatus: get().cardholder === null ? 'failed' : 'ready' });
            return;
          }
          set({ cardholderStatus: 'failed', cardholderError: result.error });
          return;
        }
        const cardholder = result.data;
        const cards = new Set(cardholder.cards.map((card) => card.issuerCardRefId));
        set((s) => ({
          cardholder,
          cardholderStatus: 'ready',
          cardholderError: null,
          cardholderLoadedAt: now(),
          // Tokens of a card that is no longer listed would otherwise linger.
          cardTokens: Object.fromEntries(Object.entries(s.cardTokens).filter(([card]) => cards.has(card))),
        }));
        await Promise.all(cardholder.cards.map((card) => get().internal_loadCardTokens(card.issuerCardRefId)));
      },

      internal_loadCardTokens: async (issuerCardRefId) => {
        const mine = (tokenLoads.get(issuerCardRefId) ?? 0) + 1;
        tokenLoads.set(issuerCardRefId, mine);
        const cardholderId = get().openCardholderId;
        patchCard(issuerCardRefId, { status: 'loading' });
        const result = await get().internal_call('cards.tokens', { issuerCardRefId }, { showsOwnError: true });
        if (tokenLoads.get(issuerCardRefId) !== mine || get().openCardholderId !== cardholderId) return false;
        if (!result.ok) {
          if (result.error.code === 'CANCELLED') {
            patchCard(issuerCardRefId, { status: get().cardTokens[issuerCardRefId]?.items ? 'ready' : 'failed' });
            return false;
          }
          patchCard(issuerCardRefId, { status: 'failed', error: result.error });
          return false;
        }
        patchCard(issuerCardRefId, { items: result.data.items, status: 'ready', error: null, loadedAt: now() });
        return true;
      },

      internal_loadSelectedTokenEvents: async () => {
        const virtualCardId = get().selectedVirtualCardId;
        if (virtualCardId === null) return;
        const result = await get().internal_call('tokens.events', { virtualCardId, limit: EXPLANATION_EVENTS }, { showsOwnError: true });
        // Without them the explanation falls back to the state alone; the history panel reports its own failures.
        if (!result.ok || get().selectedVirtualCardId !== virtualCardId) return;
        set({ selectedTokenEvents: result.data.items });
      },

      internal_onTokenChanged: (change) => {
        if (change.cardholderId !== get().openCardholderId) return;
        if (pendingFor !== change.cardholderId) {
          pendingCards.clear();
          pendingFlashes.clear();
          pendingFor = change.cardholderId;
        }
        pendingCards.add(change.issuerCardRefId);
        pendingFlashes.add(change.virtualCardId);
        scheduleFlush();
      },

      internal_onLiveReset: () => {
        if (get().openCardholderId === null) return;
        void get().reloadCardholder();
      },
    };
  };
