import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { failure } from '../../../../shared/contract';
import { FLASH_MS, TOKEN_REFRESH_DEBOUNCE_MS } from '../../../../renderer/store/cardholder/commands';
import { buildCard, buildCardholder, buildEvent, buildToken, buildTokenChanged, deferred, lookupStore, ok } from './builders';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const twoCards = buildCardholder({
  cards: [buildCard({ issuerCardRefId: 'CR000001GOLD' }), buildCard({ issuerCardRefId: 'CR000001CLSC', lastFour: '1234' })],
});
const tokensOf = (issuerCardRefId: string, state: 'ACTIVE' | 'SUSPENDED' = 'ACTIVE') => ({
  items: [buildToken({ virtualCardId: `VC${issuerCardRefId}`, issuerCardRefId, state })],
});

describe('opening a cardholder', () => {
  it('loads the record, then every card’s tokens', async () => {
    const { store, calls } = lookupStore({
      'cardholders.get': () => ok(twoCards),
      'cards.tokens': (input) => ok(tokensOf((input as { issuerCardRefId: string }).issuerCardRefId)),
    });
    await store.getState().openCardholder('C0000001', { focus: true });
    expect(calls('cards.tokens')).toEqual([{ issuerCardRefId: 'CR000001GOLD' }, { issuerCardRefId: 'CR000001CLSC' }]);
    const state = store.getState();
    expect(state.cardholderStatus).toBe('ready');
    expect(state.cardTokens.CR000001CLSC?.items?.[0]?.virtualCardId).toBe('VCCR000001CLSC');
    expect(state.cardholderFocusPending).toBe(true);
    state.acknowledgeCardholderFocus();
    expect(store.getState().cardholderFocusPending).toBe(false);
  });

  it('says NOT_FOUND for an unknown id, without a record on screen', async () => {
    const { store } = lookupStore({ 'cardholders.get': () => failure('NOT_FOUND', 'corr-404') });
    await store.getState().openCardholder('C9999999');
    expect(store.getState().cardholder).toBeNull();
    expect(store.getState().cardholderError?.code).toBe('NOT_FOUND');
    // The view shows the failure itself; the status bar does not repeat it.
    expect(store.getState().lastFailure).toBeNull();
  });

  it('drops the late answer for a cardholder the agent has already left', async () => {
    const slow = deferred<unknown>();
    const answers = [slow.promise, Promise.resolve(ok(buildCardholder({ cardholderId: 'C0000002', cards: [] })))];
    const { store } = lookupStore({ 'cardholders.get': () => answers.shift() });
    const first = store.getState().openCardholder('C0000001');
    await store.getState().openCardholder('C0000002');
    slow.resolve(ok(buildCardholder({ cards: [] })));
    await first;
    expect(store.getState().cardholder?.cardholderId).toBe('C0000002');
  });

  it('keeps the sort but forgets the filters when another cardholder opens', async () => {
    const { store } = lookupStore({ 'cardholders.get': (input) => ok(buildCardholder({ cardholderId: (input as { cardholderId: string }).cardholderId, cards: [] })) });
    await store.getState().openCardholder('C0000001');
    store.getState().setTokenSort('wallet');
    store.getState().setTokenStateFilter('SUSPENDED');
    store.getState().setShowDeletedTokens(true);
    await store.getState().openCardholder('C0000002');
    expect(store.getState().tokenView).toEqual({ sort: { key: 'wallet', direction: 'ascending' }, state: null, wallet: null, showDeleted: false });
  });
});

describe('a failed reload', () => {
  it('keeps the cardholder on screen with the error and its correlation id (stale)', async () => {
    const answers = [ok(twoCards), failure('BACKEND_UNAVAILABLE', 'corr-503')];
    const { store } = lookupStore({ 'cardholders.get': () => answers.shift(), 'cards.tokens': (input) => ok(tokensOf((input as { issuerCardRefId: string }).issuerCardRefId)) });
    await store.getState().openCardholder('C0000001');
    const loadedAt = store.getState().cardholderLoadedAt;
    await store.getState().reloadCardholder();
    const state = store.getState();
    expect(state.cardholder).toEqual(twoCards);
    expect(state.cardholderError).toMatchObject({ code: 'BACKEND_UNAVAILABLE', correlationId: 'corr-503' });
    expect(state.cardholderLoadedAt).toBe(loadedAt);
    expect(state.cardTokens.CR000001GOLD?.items).toHaveLength(1);
  });

  it('of one card keeps its tokens, marked with the error; the next success clears it', async () => {
    const answers = [ok(tokensOf('CR000001GOLD')), failure('BACKEND_INVALID_RESPONSE', 'corr-bad'), ok(tokensOf('CR000001GOLD', 'SUSPENDED'))];
    const { store } = lookupStore({ 'cardholders.get': () => ok(buildCardholder()), 'cards.tokens': () => answers.shift() });
    await store.getState().openCardholder('C0000001');
    await store.getState().reloadCardTokens('CR000001GOLD');
    expect(store.getState().cardTokens.CR000001GOLD).toMatchObject({ status: 'failed', error: { code: 'BACKEND_INVALID_RESPONSE' } });
    expect(store.getState().cardTokens.CR000001GOLD?.items).toHaveLength(1);
    await store.getState().reloadCardTokens('CR000001GOLD');
    expect(store.getState().cardTokens.CR000001GOLD).toMatchObject({ status: 'ready', error: null });
    expect(store.getState().cardTokens.CR000001GOLD?.items?.[0]?.state).toBe('SUSPENDED');
  });
});

describe('selecting a token', () => {
  it('opens its history and loads its newest events for the explanation', async () => {
    const { store, calls } = lookupStore({ 'tokens.events': () => ok({ items: [buildEvent()], nextCursor: null }) });
    store.getState().selectToken('VCTEST000001');
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getState().selectedVirtualCardId).toBe('VCTEST000001');
    expect(calls('tokens.events')).toEqual([{ virtualCardId: 'VCTEST000001', limit: 3 }]);
    expect(store.getState().selectedTokenEvents).toHaveLength(1);
    store.getState().closeTokenHistory();
    expect(store.getState().selectedVirtualCardId).toBeNull();
  });
});

describe('live changes', () => {
  const liveSetup = (visibility?: Parameters<typeof lookupStore>[1]) => {
    let state: 'ACTIVE' | 'SUSPENDED' = 'ACTIVE';
    const setup = lookupStore(
      {
        'cardholders.get': () => ok(twoCards),
        'cards.tokens': (input) => ok(tokensOf((input as { issuerCardRefId: string }).issuerCardRefId, state)),
      },
      visibility,
    );
    return { ...setup, suspend: () => (state = 'SUSPENDED') };
  };

  it('re-fetch only the changed card, once per burst, then highlight the row briefly', async () => {
    const { store, calls, fake, suspend, followEvents } = liveSetup();
    followEvents();
    await store.getState().openCardholder('C0000001');
    suspend();
    const change = buildTokenChanged({ virtualCardId: 'VCCR000001GOLD', issuerCardRefId: 'CR000001GOLD' });
    fake.emit({ name: 'token.changed', payload: change });
    fake.emit({ name: 'token.changed', payload: { ...change, sequence: 2 } });
    expect(store.getState().lastTokenChange).toEqual({ ...change, sequence: 2 });
    await vi.advanceTimersByTimeAsync(TOKEN_REFRESH_DEBOUNCE_MS + 1);
    expect(calls('cards.tokens').slice(2)).toEqual([{ issuerCardRefId: 'CR000001GOLD' }]);
    expect(store.getState().cardTokens.CR000001GOLD?.items?.[0]?.state).toBe('SUSPENDED');
    expect(store.getState().flashedTokens.VCCR000001GOLD).toBeTypeOf('number');
    await vi.advanceTimersByTimeAsync(FLASH_MS);
    expect(store.getState().flashedTokens).toEqual({});
  });

  it('of another cardholder change nothing on screen', async () => {
    const { store, calls, fake, followEvents } = liveSetup();
    followEvents();
    await store.getState().openCardholder('C0000001');
    fake.emit({ name: 'token.changed', payload: buildTokenChanged({ cardholderId: 'C0000099' }) });
    await vi.advanceTimersByTimeAsync(TOKEN_REFRESH_DEBOUNCE_MS + 1);
    expect(calls('cards.tokens')).toHaveLength(2);
  });

  it('wait while the window is hidden and catch up when it is shown', async () => {
    let hidden = true;
    let shown: (() => void) | null = null;
    const { store, calls, fake, followEvents } = liveSetup({
      isHidden: () => hidden,
      onVisible: (listener) => {
        shown = listener;
        return () => {
          shown = null;
        };
      },
    });
    followEvents();
    await store.getState().openCardholder('C0000001');
    fake.emit({ name: 'token.changed', payload: buildTokenChanged() });
    await vi.advanceTimersByTimeAsync(TOKEN_REFRESH_DEBOUNCE_MS * 3);
    expect(calls('cards.tokens')).toHaveLength(2);
    hidden = false;
    (shown as (() => void) | null)?.();
    await vi.advanceTimersByTimeAsync(TOKEN_REFRESH_DEBOUNCE_MS + 1);
    expect(calls('cards.tokens')).toHaveLength(3);
  });

  it('a stream reset re-fetches everything shown, and is counted for other views', async () => {
    const { store, calls, fake, followEvents } = liveSetup();
    followEvents();
    await store.getState().openCardholder('C0000001');
    fake.emit({ name: 'live.reset', payload: { reason: 'RECONNECTED' } });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls('cardholders.get')).toHaveLength(2);
    expect(calls('cards.tokens')).toHaveLength(4);
    expect(store.getState().liveResetCount).toBe(1);
  });

  it('status events keep the status bar current; an older answer does not undo a newer event', async () => {
    const answer = deferred<unknown>();
    const { store, fake, followEvents } = lookupStore({ 'live.status': () => answer.promise });
    followEvents();
    const loading = store.getState().loadLiveStatus();
    fake.emit({ name: 'live.status', payload: { state: 'reconnecting', since: '2026-11-23T05:00:02.000Z', attempt: 2, retryAt: '2026-11-23T05:00:04.000Z' } });
    answer.resolve(ok({ state: 'connected', since: '2026-11-23T05:00:00.000Z', attempt: 0, retryAt: null }));
    await loading;
    expect(store.getState().liveStatus?.state).toBe('reconnecting');
  });
});
