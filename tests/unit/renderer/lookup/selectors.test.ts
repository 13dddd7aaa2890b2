import { describe, expect, it } from 'vitest';
import { cardholderSelectors } from '../../../../renderer/store/cardholder/selectors';
import { initialCardholderState, type CardholderSliceState } from '../../../../renderer/store/cardholder/initialState';
import { liveSelectors } from '../../../../renderer/store/live/selectors';
import { searchSelectors } from '../../../../renderer/store/search/selectors';
import { initialSearchState, type SearchSliceState } from '../../../../renderer/store/search/initialState';
import { failure } from '../../../../shared/contract';
import { buildCardholder, buildSummary, buildToken } from './builders';

const search = (patch: Partial<SearchSliceState>): SearchSliceState => ({ ...initialSearchState, ...patch });
const holder = (patch: Partial<CardholderSliceState>): CardholderSliceState => ({ ...initialCardholderState, ...patch });
const error = failure('BACKEND_UNAVAILABLE', 'corr-1').error;

describe('searchSelectors', () => {
  it.each([
    ['高橋', 'NAME'],
    ['ﾀｶﾊｼ 3056', 'NAME_AND_LAST_FOUR'],
    ['Takahashi 3056', 'NAME_AND_LAST_FOUR'],
    ['c0000002', 'CUSTOMER_ID'],
    ['CR000001GOLD', 'ISSUER_CARD_REF_ID'],
    ['VCYELLOW0001', 'VIRTUAL_CARD_ID'],
    ['6604', 'TOKEN_LAST_FOUR'],
    ['123456', 'UNRECOGNISED'],
    ['', null],
  ])('say what %s will be searched by: %s', (searchText, kind) => {
    expect(searchSelectors.typedKind(search({ searchText }))).toBe(kind);
  });

  it('show the list only when open and with something to show', () => {
    expect(searchSelectors.showList(search({ searchListOpen: true }))).toBe(false);
    expect(searchSelectors.showList(search({ searchListOpen: true, searchStatus: 'loading' }))).toBe(true);
    expect(searchSelectors.showList(search({ searchListOpen: false, searchStatus: 'done' }))).toBe(false);
  });

  it('name the active option for aria-activedescendant', () => {
    const state = search({ searchResults: [buildSummary({ cardholderId: 'C0000010' })], searchActiveIndex: 0 });
    expect(searchSelectors.activeOptionId(state)).toBe('search-result-C0000010');
    expect(searchSelectors.activeOptionId({ ...state, searchActiveIndex: -1 })).toBeUndefined();
  });

  it('mark earlier results stale after a failed search, and tell no results from not yet searched', () => {
    expect(searchSelectors.resultsStale(search({ searchStatus: 'failed', searchQuery: '佐藤' }))).toBe(true);
    expect(searchSelectors.resultsStale(search({ searchStatus: 'failed' }))).toBe(false);
    expect(searchSelectors.noResults(search({ searchStatus: 'done' }))).toBe(true);
    expect(searchSelectors.noResults(search({ searchStatus: 'idle' }))).toBe(false);
  });
});

describe('cardholderSelectors', () => {
  it('call a cardholder stale only when a failure sits on top of data', () => {
    expect(cardholderSelectors.stale(holder({ cardholderError: error }))).toBe(false);
    expect(cardholderSelectors.stale(holder({ cardholderError: error, cardholder: buildCardholder() }))).toBe(true);
    expect(cardholderSelectors.stale(holder({ cardholder: buildCardholder() }))).toBe(false);
  });

  it('tell per card whether its tokens are stale', () => {
    const state = holder({ cardTokens: { A: { items: [], status: 'failed', error, loadedAt: null }, B: { items: null, status: 'failed', error, loadedAt: null } } });
    expect(cardholderSelectors.cardTokensStale('A')(state)).toBe(true);
    expect(cardholderSelectors.cardTokensStale('B')(state)).toBe(false);
    expect(cardholderSelectors.cardTokens('C')(state).items).toBeNull();
  });

  it('count shown, total and hidden deleted tokens across all cards', () => {
    const state = holder({
      cardTokens: {
        A: { items: [buildToken({ virtualCardId: 'V1' }), buildToken({ virtualCardId: 'V2', state: 'DELETED' })], status: 'ready', error: null, loadedAt: null },
        B: { items: [buildToken({ virtualCardId: 'V3', state: 'DELETED' })], status: 'ready', error: null, loadedAt: null },
      },
    });
    expect(cardholderSelectors.tokenCounts(state)).toEqual({ shown: 1, total: 3, hiddenDeleted: 2 });
  });

  it('find the selected token as loaded, the same object while it is unchanged', () => {
    const token = buildToken({ virtualCardId: 'V2' });
    const state = holder({ selectedVirtualCardId: 'V2', cardTokens: { A: { items: [buildToken({ virtualCardId: 'V1' }), token], status: 'ready', error: null, loadedAt: null } } });
    expect(cardholderSelectors.selectedToken(state)).toBe(token);
    expect(cardholderSelectors.selectedToken({ ...state, selectedVirtualCardId: 'V9' })).toBeNull();
  });
});

describe('liveSelectors', () => {
  it('count reconnection attempts from one', () => {
    expect(liveSelectors.display({ liveStatus: null })).toBeNull();
    expect(liveSelectors.display({ liveStatus: { state: 'reconnecting', since: '2026-11-23T05:00:00Z', attempt: 0, retryAt: null } })).toEqual({ state: 'reconnecting', attempt: 1 });
    expect(liveSelectors.display({ liveStatus: { state: 'connected', since: '2026-11-23T05:00:00Z', attempt: 0, retryAt: null } })).toEqual({ state: 'connected' });
  });
});
