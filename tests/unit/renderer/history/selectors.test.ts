import { describe, expect, it } from 'vitest';
import { failure } from '../../../../shared/contract';
import { initialHistoryView, type HistorySliceState, type HistoryView } from '../../../../renderer/store/history/initialState';
import { historySelectors } from '../../../../renderer/store/history/selectors';
import { buildPage } from './builders';

const state = (view: Partial<HistoryView>): HistorySliceState => ({ history: { ...initialHistoryView, virtualCardId: 'VCTEST000001', ...view } });

describe('historySelectors', () => {
  it('knows whether more can be loaded, and when the history is complete', () => {
    const partial = state({ items: buildPage(9, 10), nextCursor: 'next', loaded: true });
    expect(historySelectors.canLoadOlder(partial)).toBe(true);
    expect(historySelectors.isComplete(partial)).toBe(false);
    expect(historySelectors.canLoadOlder({ history: { ...partial.history, loading: 'more' } })).toBe(false);
    const done = state({ items: buildPage(9, 10), nextCursor: null, loaded: true });
    expect(historySelectors.canLoadOlder(done)).toBe(false);
    expect(historySelectors.isComplete(done)).toBe(true);
    expect(historySelectors.loadedCount(done)).toBe(10);
  });

  it('an unloaded view is neither complete nor empty', () => {
    const loading = state({ loading: 'first' });
    expect(historySelectors.isFirstLoading(loading)).toBe(true);
    expect(historySelectors.isComplete(loading)).toBe(false);
    expect(historySelectors.isEmpty(loading)).toBe(false);
    expect(historySelectors.isEmpty(state({ loaded: true }))).toBe(true);
  });

  it('says which token is open, whether filters apply, and the failure to show', () => {
    const view = state({ filter: { kind: 'SUSPENDED', source: null }, stale: true, error: { load: 'newest', error: failure('BACKEND_UNAVAILABLE', 'c-1').error } });
    expect(historySelectors.isOpenFor('VCTEST000001')(view)).toBe(true);
    expect(historySelectors.isOpenFor('VCOTHER00001')(view)).toBe(false);
    expect(historySelectors.isFiltered(view)).toBe(true);
    expect(historySelectors.isFiltered(state({}))).toBe(false);
    expect(historySelectors.isStale(view)).toBe(true);
    expect(historySelectors.error(view)?.load).toBe('newest');
  });
});
