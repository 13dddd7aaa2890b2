import { afterEach, describe, expect, it, vi } from 'vitest';
import { failure, type TokenChanged } from '../../../../shared/contract';
import type { TokenEvent } from '../../../../shared/api/model';
import { createClient } from '../../../../renderer/services/client';
import { createDeskStore } from '../../../../renderer/store/desk-store';
import { routeEvents } from '../../../../renderer/store/event-router';
import { FRESH_HIGHLIGHT_MS, HISTORY_FIRST_PAGE, HISTORY_NEWEST_PAGE, HISTORY_PAGE } from '../../../../renderer/store/history/commands';
import { fakeTransport, sequentialIds } from '../builders';
import { buildPage } from './builders';

interface EventsInput {
  readonly virtualCardId: string;
  readonly cursor?: string;
  readonly limit?: number;
}

/**
 * A backend holding `total` events for a token, paged newest first by position, as the sandbox
 * does; `add` appends newer events, as a live change would.
 */
const fakeHistory = (total: number, virtualCardId = 'VCTEST000001') => {
  let events: TokenEvent[] = buildPage(total - 1, total, virtualCardId);
  return {
    answer: (raw: unknown) => {
      const input = raw as EventsInput;
      const start = input.cursor === undefined ? 0 : events.findIndex((event) => event.eventId === input.cursor);
      const items = events.slice(start, start + (input.limit ?? 50));
      const next = events[start + items.length];
      return { ok: true, data: { items, nextCursor: next === undefined ? null : next.eventId } };
    },
    add: (count: number) => {
      const newest = Number(events[0]?.eventId.slice(-6) ?? -1);
      events = [...buildPage(newest + count, count, virtualCardId), ...events];
      return events.slice(0, count);
    },
  };
};

const changed = (event: TokenEvent): { name: 'token.changed'; payload: TokenChanged } => ({
  name: 'token.changed',
  payload: {
    sequence: 1,
    virtualCardId: event.virtualCardId,
    issuerCardRefId: 'CR000004PLAT',
    cardholderId: 'C0000004',
    state: 'SUSPENDED',
    previousState: 'ACTIVE',
    suspendedBy: ['WALLET'],
    event,
  },
});

const setup = (answer: (input: unknown) => unknown) => {
  const fake = fakeTransport({ 'tokens.events': answer });
  const client = createClient(fake.transport, { newCorrelationId: sequentialIds('client') });
  const store = createDeskStore({
    client,
    applyLanguage: async () => undefined,
    reportError: vi.fn(),
    newCorrelationId: sequentialIds('store'),
  });
  const calls = () => fake.invocations.filter((each) => each.name === 'tokens.events').map((each) => each.input as EventsInput);
  /** Routes main's events into the store with the token's history panel open, as the workspace has it. */
  const followEvents = (virtualCardId: string) => {
    store.setState({ selectedVirtualCardId: virtualCardId });
    return routeEvents(client, store);
  };
  return { ...fake, store, calls, followEvents };
};

/** Lets the fake transport's answers (and the store's awaits after them) settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.useRealTimers();
});

describe('opening a history', () => {
  it('loads a small first page, then older pages by cursor at the largest size, to the end', async () => {
    const backend = fakeHistory(300);
    const { store, calls } = setup(backend.answer);
    await store.getState().openHistory('VCTEST000001');
    expect(calls()).toEqual([{ virtualCardId: 'VCTEST000001', limit: HISTORY_FIRST_PAGE }]);
    expect(store.getState().history).toMatchObject({ virtualCardId: 'VCTEST000001', loaded: true, loading: null, error: null });
    expect(store.getState().history.items).toHaveLength(HISTORY_FIRST_PAGE);

    await store.getState().loadOlderHistory();
    expect(calls()[1]).toEqual({ virtualCardId: 'VCTEST000001', limit: HISTORY_PAGE, cursor: store.getState().history.items[HISTORY_FIRST_PAGE]?.eventId });
    await store.getState().loadOlderHistory();
    expect(store.getState().history.items).toHaveLength(300);
    expect(store.getState().history.nextCursor).toBeNull();
    // At the end, nothing more is asked for.
    await store.getState().loadOlderHistory();
    expect(calls()).toHaveLength(3);
    expect(new Set(store.getState().history.items.map((event) => event.eventId)).size).toBe(300);
  });

  it('asks for one older page at a time', async () => {
    const { store, calls } = setup(fakeHistory(500).answer);
    await store.getState().openHistory('VCTEST000001');
    await Promise.all([store.getState().loadOlderHistory(), store.getState().loadOlderHistory()]);
    expect(calls()).toHaveLength(2);
  });

  it('opening the same token again keeps what is loaded and checks for newer events', async () => {
    const backend = fakeHistory(80);
    const { store, calls } = setup(backend.answer);
    await store.getState().openHistory('VCTEST000001');
    await store.getState().loadOlderHistory();
    await store.getState().openHistory('VCTEST000001');
    expect(calls().at(-1)).toEqual({ virtualCardId: 'VCTEST000001', limit: HISTORY_NEWEST_PAGE });
    expect(store.getState().history.items).toHaveLength(80);
  });

  it('drops the answer for a token the agent has already left', async () => {
    const gate: { release?: () => void } = {};
    const slow = fakeHistory(10, 'VCSLOW000001');
    const fast = fakeHistory(3, 'VCFAST000001');
    const { store } = setup((raw) => {
      const input = raw as EventsInput;
      if (input.virtualCardId === 'VCSLOW000001') return new Promise((resolve) => (gate.release = () => resolve(slow.answer(raw))));
      return fast.answer(raw);
    });
    const first = store.getState().openHistory('VCSLOW000001');
    await store.getState().openHistory('VCFAST000001');
    gate.release?.();
    await first;
    expect(store.getState().history.virtualCardId).toBe('VCFAST000001');
    expect(store.getState().history.items.map((event) => event.virtualCardId)).toEqual(['VCFAST000001', 'VCFAST000001', 'VCFAST000001']);
  });
});

describe('failures', () => {
  it('a failed first page says so and can be retried', async () => {
    const backend = fakeHistory(5);
    let fail = true;
    const { store } = setup((raw) => (fail ? failure('BACKEND_UNAVAILABLE', 'main-1') : backend.answer(raw)));
    await store.getState().openHistory('VCTEST000001');
    expect(store.getState().history.error).toEqual({ load: 'first', error: failure('BACKEND_UNAVAILABLE', 'main-1').error });
    expect(store.getState().history.loaded).toBe(false);
    // The history shows its own error; the status bar does not repeat it.
    expect(store.getState().lastFailure).toBeNull();
    fail = false;
    await store.getState().retryHistory();
    expect(store.getState().history).toMatchObject({ loaded: true, error: null });
    expect(store.getState().history.items).toHaveLength(5);
  });

  it('a failed older page keeps the rows and retries from the same cursor', async () => {
    const backend = fakeHistory(120);
    let fail = false;
    const { store, calls } = setup((raw) => (fail ? failure('BACKEND_UNAVAILABLE', 'main-2') : backend.answer(raw)));
    await store.getState().openHistory('VCTEST000001');
    fail = true;
    await store.getState().loadOlderHistory();
    expect(store.getState().history.items).toHaveLength(HISTORY_FIRST_PAGE);
    expect(store.getState().history.error?.load).toBe('more');
    fail = false;
    await store.getState().retryHistory();
    expect(calls()[2]?.cursor).toBe(calls()[1]?.cursor);
    expect(store.getState().history.items).toHaveLength(120);
    expect(store.getState().history.error).toBeNull();
  });

  it('a failed check for new events marks the rows stale until one succeeds', async () => {
    const backend = fakeHistory(10);
    let fail = false;
    const { store } = setup((raw) => (fail ? failure('BACKEND_UNAVAILABLE', 'main-3') : backend.answer(raw)));
    await store.getState().openHistory('VCTEST000001');
    fail = true;
    await store.getState().refreshHistory();
    expect(store.getState().history).toMatchObject({ stale: true });
    expect(store.getState().history.items).toHaveLength(10);
    fail = false;
    await store.getState().refreshHistory();
    expect(store.getState().history).toMatchObject({ stale: false, error: null });
  });
});

describe('live changes', () => {
  it('a change of the open token fetches the newest page, merges it and highlights what is new, briefly', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const backend = fakeHistory(100);
    const { store, emit, calls, followEvents } = setup(backend.answer);
    const stop = followEvents('VCTEST000001');
    await store.getState().openHistory('VCTEST000001');
    const [added] = backend.add(1);
    if (added === undefined) throw new Error('no event added');
    emit(changed(added));
    await vi.waitFor(() => expect(store.getState().history.items[0]?.eventId).toBe(added.eventId));
    expect(calls().at(-1)).toEqual({ virtualCardId: 'VCTEST000001', limit: HISTORY_NEWEST_PAGE });
    expect(store.getState().history.items).toHaveLength(HISTORY_FIRST_PAGE + 1);
    expect(store.getState().history.freshIds).toEqual([added.eventId]);
    vi.advanceTimersByTime(FRESH_HIGHLIGHT_MS);
    expect(store.getState().history.freshIds).toEqual([]);
    stop();
  });

  it('ignores other tokens and changes already on screen', async () => {
    const backend = fakeHistory(10);
    const { store, emit, calls, followEvents } = setup(backend.answer);
    followEvents('VCTEST000001');
    await store.getState().openHistory('VCTEST000001');
    const held = store.getState().history.items[0];
    if (held === undefined) throw new Error('nothing loaded');
    emit(changed({ ...held, virtualCardId: 'VCOTHER00001', eventId: 'EVOTHER00001' }));
    emit(changed(held));
    await settle();
    expect(calls()).toHaveLength(1);
  });

  it('folds a burst of changes into one more fetch', async () => {
    const backend = fakeHistory(10);
    const { store, emit, calls, followEvents } = setup(backend.answer);
    followEvents('VCTEST000001');
    await store.getState().openHistory('VCTEST000001');
    for (const event of backend.add(3)) emit(changed(event));
    await vi.waitFor(() => expect(store.getState().history.items).toHaveLength(13));
    await settle();
    expect(calls().length).toBeLessThanOrEqual(3);
    expect(new Set(store.getState().history.items.map((event) => event.eventId)).size).toBe(13);
  });

  it('a stream reset re-checks the newest events', async () => {
    const backend = fakeHistory(10);
    const { store, emit, calls, followEvents } = setup(backend.answer);
    followEvents('VCTEST000001');
    await store.getState().openHistory('VCTEST000001');
    emit({ name: 'live.reset', payload: { reason: 'RECONNECTED' } });
    await vi.waitFor(() => expect(calls()).toHaveLength(2));
  });
});

describe('filters', () => {
  it('are kept when another token opens', async () => {
    const { store } = setup(fakeHistory(3).answer);
    store.getState().setHistoryFilter({ kind: 'SUSPENDED' });
    store.getState().setHistoryFilter({ source: 'WALLET' });
    await store.getState().openHistory('VCTEST000001');
    expect(store.getState().history.filter).toEqual({ kind: 'SUSPENDED', source: 'WALLET' });
  });
});
