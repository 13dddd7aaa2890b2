import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { failure } from '../../../../shared/contract';
import { SEARCH_DEBOUNCE_MS } from '../../../../renderer/store/search/commands';
import { buildCardholder, buildSearchResult, buildSummary, deferred, lookupStore, ok } from './builders';

// Built at run time so that no Luhn-valid card number stands in the source tree.
const TEST_PAN = ['4000', '0012', '3456', '7899'].join('');

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets the debounce fire and every answer already given settle. */
const settle = async (): Promise<void> => {
  await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS + 1);
};

const twoResults = buildSearchResult({
  items: [buildSummary({ cardholderId: 'C0000010' }), buildSummary({ cardholderId: 'C0000011' })],
});

describe('a full card number in the search field', () => {
  it.each([
    [TEST_PAN],
    [TEST_PAN.replace(/(\d{4})(?=\d)/g, '$1 ')],
    [TEST_PAN.replace(/(\d{4})(?=\d)/g, '$1-')],
    ['４０００００１２３４５６７８９９'],
    [`高橋 ${TEST_PAN.replace(/(\d{4})(?=\d)/g, '$1 ')}`],
  ])('%s is refused before sending: the field is cleared and nothing is sent', async (text) => {
    const { store, fake } = lookupStore({ 'cardholders.search': () => ok(buildSearchResult()) });
    store.getState().setSearchText(text);
    await settle();
    expect(store.getState().searchText).toBe('');
    expect(store.getState().searchRefusal).toBe('FULL_CARD_NUMBER');
    expect(fake.invocations).toEqual([]);
  });

  it('cancels a search already on its way, and the refusal goes with the next keystroke', async () => {
    const pending = deferred<unknown>();
    const { store, calls } = lookupStore({ 'cardholders.search': () => pending.promise, 'calls.cancel': () => ok({ cancelled: true }) });
    store.getState().setSearchText('高橋');
    await settle();
    store.getState().setSearchText(TEST_PAN);
    expect(calls('calls.cancel')).toEqual([{ requestId: 'request-id-1' }]);
    pending.resolve(ok(twoResults));
    await settle();
    expect(store.getState().searchResults).toEqual([]);
    store.getState().setSearchText('高');
    expect(store.getState().searchRefusal).toBeNull();
  });
});

describe('typing', () => {
  it('searches once, after the pause, with the text as typed (trimmed)', async () => {
    const { store, calls } = lookupStore({ 'cardholders.search': () => ok(twoResults) });
    for (const text of ['ﾀ', 'ﾀｶ', 'ﾀｶﾊｼ', 'ﾀｶﾊｼ 3056 ']) store.getState().setSearchText(text);
    expect(store.getState().searchStatus).toBe('waiting');
    await settle();
    expect(calls('cardholders.search')).toEqual([{ q: 'ﾀｶﾊｼ 3056', requestId: 'request-id-1' }]);
    expect(store.getState().searchStatus).toBe('done');
    expect(store.getState().searchResults).toHaveLength(2);
    expect(store.getState().searchActiveIndex).toBe(0);
  });

  it('does not search what cannot be searched: empty, or of no known kind', async () => {
    const { store, fake } = lookupStore({});
    store.getState().setSearchText('12345');
    store.getState().setSearchText('   ');
    await settle();
    expect(fake.invocations).toEqual([]);
    expect(store.getState().searchStatus).toBe('idle');
  });

  it('waits while an IME composes, and searches what the composition ends with', async () => {
    const { store, calls } = lookupStore({ 'cardholders.search': () => ok(twoResults) });
    store.getState().setSearchText('たか', { composing: true });
    await settle();
    expect(calls('cardholders.search')).toEqual([]);
    store.getState().setSearchText('高橋');
    await settle();
    expect(calls('cardholders.search')).toEqual([{ q: '高橋', requestId: 'request-id-1' }]);
  });

  it('cancels the previous request by its id and drops its late answer', async () => {
    const first = deferred<unknown>();
    const answers = [first.promise, Promise.resolve(ok(buildSearchResult({ queryKind: 'CUSTOMER_ID', items: [buildSummary({ cardholderId: 'C0000002' })] })))];
    const { store, calls } = lookupStore({
      'cardholders.search': () => answers.shift(),
      'calls.cancel': () => ok({ cancelled: true }),
      'cardholders.get': () => ok(buildCardholder({ cardholderId: 'C0000002', cards: [] })),
    });
    store.getState().setSearchText('佐藤');
    await settle();
    store.getState().setSearchText('C0000002');
    await settle();
    expect(calls('calls.cancel')).toEqual([{ requestId: 'request-id-1' }]);
    // The first search answers after all: too late, it changes nothing.
    first.resolve(ok(twoResults));
    await settle();
    expect(store.getState().searchQuery).toBe('C0000002');
    expect(store.getState().searchKind).toBe('CUSTOMER_ID');
    expect(store.getState().searchResults.map((item) => item.cardholderId)).toEqual(['C0000002']);
  });

  it('says nothing about a search that was cancelled', async () => {
    const { store } = lookupStore({ 'cardholders.search': () => failure('CANCELLED', 'corr-1') });
    store.getState().setSearchText('佐藤');
    await settle();
    expect(store.getState().searchError).toBeNull();
    expect(store.getState().lastFailure).toBeNull();
  });
});

describe('results', () => {
  it('open the only match directly, without taking the focus from the field', async () => {
    const { store, calls } = lookupStore({
      'cardholders.search': () => ok(buildSearchResult({ items: [buildSummary({ cardholderId: 'C0000002' })] })),
      'cardholders.get': () => ok(buildCardholder({ cardholderId: 'C0000002', cards: [] })),
    });
    store.getState().setSearchText('高橋');
    await settle();
    expect(calls('cardholders.get')).toEqual([{ cardholderId: 'C0000002' }]);
    expect(store.getState().openCardholderId).toBe('C0000002');
    expect(store.getState().searchListOpen).toBe(false);
    expect(store.getState().cardholderFocusPending).toBe(false);
  });

  it('move with the arrows within bounds, and Enter opens the chosen one with the focus', async () => {
    const { store, calls } = lookupStore({
      'cardholders.search': () => ok(twoResults),
      'cardholders.get': () => ok(buildCardholder({ cardholderId: 'C0000011', cards: [] })),
    });
    store.getState().setSearchText('佐藤');
    await settle();
    const { moveSearchActive } = store.getState();
    moveSearchActive('previous');
    expect(store.getState().searchActiveIndex).toBe(0);
    moveSearchActive('next');
    moveSearchActive('next');
    expect(store.getState().searchActiveIndex).toBe(1);
    store.getState().submitSearch();
    await settle();
    expect(calls('cardholders.get')).toEqual([{ cardholderId: 'C0000011' }]);
    expect(store.getState().cardholderFocusPending).toBe(true);
  });

  it('Enter before the pause is over searches at once', async () => {
    const { store, calls } = lookupStore({ 'cardholders.search': () => ok(twoResults) });
    store.getState().setSearchText('佐藤');
    store.getState().submitSearch();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls('cardholders.search')).toHaveLength(1);
    await settle();
    expect(calls('cardholders.search')).toHaveLength(1);
  });

  it('page by cursor: "more" appends the next page of the same query', async () => {
    const pages = [
      ok(buildSearchResult({ items: [buildSummary({ cardholderId: 'C0000010' }), buildSummary({ cardholderId: 'C0000011' })], nextCursor: 'next-1' })),
      ok(buildSearchResult({ items: [buildSummary({ cardholderId: 'C0000012' })], nextCursor: null })),
    ];
    const { store, calls } = lookupStore({ 'cardholders.search': () => pages.shift() });
    store.getState().setSearchText('佐藤');
    await settle();
    expect(store.getState().searchNextCursor).toBe('next-1');
    await store.getState().searchMore();
    expect(calls('cardholders.search')[1]).toEqual({ q: '佐藤', requestId: 'request-id-2', cursor: 'next-1' });
    expect(store.getState().searchResults.map((item) => item.cardholderId)).toEqual(['C0000010', 'C0000011', 'C0000012']);
    expect(store.getState().searchNextCursor).toBeNull();
  });

  it('a failed search keeps the earlier results on screen, marked as the previous ones', async () => {
    const answers = [ok(twoResults), failure('BACKEND_UNAVAILABLE', 'corr-2')];
    const { store } = lookupStore({ 'cardholders.search': () => answers.shift() });
    store.getState().setSearchText('佐藤');
    await settle();
    store.getState().setSearchText('鈴木');
    await settle();
    const state = store.getState();
    expect(state.searchStatus).toBe('failed');
    expect(state.searchError?.code).toBe('BACKEND_UNAVAILABLE');
    expect(state.searchError?.correlationId).toBe('corr-2');
    expect(state.searchResults).toHaveLength(2);
    expect(state.searchQuery).toBe('佐藤');
  });

  it('a sign-out clears the search, and a timer still pending finds nothing to send', async () => {
    const { store, fake } = lookupStore({});
    store.getState().setSearchText('佐藤');
    store.setState({ searchText: '' });
    await settle();
    // Typing with no phone call open starts one (main is asked about it); no search goes out.
    expect(fake.invocations.filter((invocation) => invocation.name === 'cardholders.search')).toEqual([]);
  });
});
