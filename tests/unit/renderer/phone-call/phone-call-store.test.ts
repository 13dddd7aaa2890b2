import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PhoneCallState } from '../../../../shared/contract';
import { NOTES_SAVE_DEBOUNCE_MS } from '../../../../renderer/store/phone-call/commands';
import { actionsStore, buildAction, buildPolicy, ok, settle } from '../actions/builders';
import { buildConfigView, buildSession, buildTrainingAccounts } from '../builders';
import { buildCardholder, buildSearchResult, buildSummary, buildToken } from '../lookup/builders';
import { buildOpenPhoneCall, fakePhoneCallMain } from './fake-main';

/**
 * The renderer's phone call over a fake main: it starts with a key, a button, a search or the
 * notes; its end asks for the wrap-up and takes the caller's screen with it (the registry's
 * resetOnNewPhoneCall); a phone call main starts (a screen pop) replaces the last caller's screen
 * and looks up whom the phone system named; sign-out asks first.
 */
const storeWith = (main = fakePhoneCallMain(), extra: Parameters<typeof actionsStore>[0] = {}) => {
  const built = actionsStore({
    ...main.answers,
    'cardholders.search': () => ok(buildSearchResult({ items: [buildSummary({ cardholderId: 'C0000001' })], queryKind: 'CUSTOMER_ID' })),
    'cardholders.get': (input) => ok(buildCardholder({ cardholderId: (input as { cardholderId: string }).cardholderId, cards: [] })),
    'calls.cancel': () => ok({ cancelled: false }),
    'phoneCall.outcomes': () => ok({ items: [{ code: 'NO_ACTION', label: { ja: '対応なし', en: 'No action' } }] }),
    'session.signOut': () => ok(buildSession()),
    'config.get': () => ok(buildConfigView()),
    'session.trainingAccounts': () => ok({ accounts: buildTrainingAccounts() }),
    ...extra,
  });
  return { ...built, main };
};

afterEach(() => {
  vi.useRealTimers();
});

/** What belongs to a caller, on screen: a search, a cardholder, a token's history open, what was typed for an action. */
const callerOnScreen = (store: ReturnType<typeof storeWith>['store']): void => {
  store.setState({
    searchText: '渡辺',
    searchQuery: '渡辺',
    searchResults: [buildSummary({ cardholderId: 'C0000008' })],
    openCardholderId: 'C0000008',
    cardholder: buildCardholder({ cardholderId: 'C0000008' }),
    selectedVirtualCardId: 'VCLOSTGOLD01',
    actionDrafts: { 'suspend:VCLOSTGOLD01': { reasonCode: 'DEVICE_LOST', comment: '電車に置き忘れ', confirmLastFour: '', verifiers: [], callInbound: null, askedToShareCode: null, confirmCount: '', bulkOperation: 'suspend' } },
    actionsById: { [buildAction().actionId]: buildAction() },
    actionPolicy: { status: 'ready', data: buildPolicy(), error: null },
  });
};

describe('starting a phone call', () => {
  it('starts one at the button or the key, and with one open asks for its wrap-up first', async () => {
    const { store, calls } = storeWith();
    await store.getState().startPhoneCall();
    expect(calls('phoneCall.start')).toHaveLength(1);
    expect(store.getState().phoneCall).not.toBeNull();
    await store.getState().startPhoneCall();
    expect(calls('phoneCall.start')).toHaveLength(1);
    expect(calls('phoneCall.end')).toHaveLength(0);
    expect(store.getState().wrapUp).toMatchObject({ then: 'next', outcomeCode: '' });
  });

  it('starts one when the agent searches or writes notes with none open, keeping what they typed', async () => {
    const { store, calls } = storeWith();
    store.getState().setSearchText('C0000001');
    await settle();
    await settle();
    expect(calls('phoneCall.start')).toHaveLength(1);
    expect(store.getState().searchText).toBe('C0000001');

    const other = storeWith();
    vi.useFakeTimers();
    other.store.getState().setPhoneCallNotes('折り返し希望');
    await vi.advanceTimersByTimeAsync(0);
    expect(other.calls('phoneCall.start')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(NOTES_SAVE_DEBOUNCE_MS);
    expect(other.calls('phoneCall.update')).toEqual([{ phoneCallId: other.store.getState().phoneCall?.phoneCallId, notes: '折り返し希望' }]);
    expect(other.store.getState().phoneCallNotes).toBe('折り返し希望');
  });

  it('where the policy needs no wrap-up, the next phone call ends the open one as SKIPPED with its notes', async () => {
    const { store, calls } = storeWith();
    await store.getState().startPhoneCall();
    store.setState({ actionPolicy: { status: 'ready', data: buildPolicy({ phoneCalls: { wrapUpRequired: false } }), error: null }, phoneCallNotes: '途中' });
    const first = store.getState().phoneCall?.phoneCallId;
    await store.getState().startPhoneCall();
    expect(calls('phoneCall.end')).toEqual([{ phoneCallId: first, closing: 'SKIPPED', outcomeCode: null, notes: '途中' }]);
    expect(store.getState().phoneCall?.phoneCallId).not.toBe(first);
    expect(store.getState().phoneCallNotes).toBe('');
  });
});

describe('notes', () => {
  it('go to main once the agent pauses, the last text only; a change with a card number is refused whole and never sent', async () => {
    vi.useFakeTimers();
    const { store, calls } = storeWith();
    await store.getState().startPhoneCall();
    store.getState().setPhoneCallNotes('折');
    store.getState().setPhoneCallNotes('折り返し');
    store.getState().setPhoneCallNotes('折り返し 4111 1111 1111 1111');
    expect(store.getState().phoneCallNotesRefusal).toEqual({ from: 6, to: 24 });
    await vi.advanceTimersByTimeAsync(NOTES_SAVE_DEBOUNCE_MS);
    expect(calls('phoneCall.update')).toEqual([{ phoneCallId: store.getState().phoneCall?.phoneCallId, notes: '折り返し' }]);
    expect(store.getState().phoneCallNotesSave).toBe('saved');
    // Unchanged text is not sent again.
    await store.getState().flushPhoneCallNotes();
    expect(calls('phoneCall.update')).toHaveLength(1);
  });

  it('come back from main after a reload, with the caller’s cardholder opened again', async () => {
    const main = fakePhoneCallMain({ current: buildOpenPhoneCall({ cardholderId: 'C0000005', notes: '再読み込みの前のメモ', notesSavedAt: '2026-11-20T10:01:00+09:00' }), waiting: null, recent: [] });
    const { store, calls } = storeWith(main);
    await store.getState().internal_loadPhoneCall();
    await settle();
    expect(store.getState()).toMatchObject({ phoneCallNotes: '再読み込みの前のメモ', phoneCallNotesSave: 'saved', openCardholderId: 'C0000005' });
    expect(calls('cardholders.get')).toEqual([{ cardholderId: 'C0000005' }]);
  });
});

describe('the end of a phone call', () => {
  it('asks for an outcome, sends the wrap-up with the notes, and takes the caller’s screen with it; the workstation’s actions and the policy stay', async () => {
    const { store, calls } = storeWith();
    await store.getState().startPhoneCall();
    const phoneCallId = store.getState().phoneCall?.phoneCallId;
    callerOnScreen(store);
    store.setState({ phoneCallNotes: 'ご本人確認済み' });
    store.getState().endPhoneCall();
    await settle();
    expect(store.getState().callOutcomes.map((outcome) => outcome.code)).toEqual(['NO_ACTION']);
    await store.getState().saveWrapUp();
    expect(store.getState().wrapUp).toMatchObject({ outcomeMissing: true });
    expect(calls('phoneCall.end')).toHaveLength(0);
    store.getState().setWrapUpOutcome('NO_ACTION');
    await store.getState().saveWrapUp();
    expect(calls('phoneCall.end')).toEqual([{ phoneCallId, closing: 'WRAP_UP', outcomeCode: 'NO_ACTION', notes: 'ご本人確認済み' }]);
    expect(store.getState()).toMatchObject({
      wrapUp: null,
      phoneCall: null,
      phoneCallNotes: '',
      searchText: '',
      searchResults: [],
      openCardholderId: null,
      cardholder: null,
      selectedVirtualCardId: null,
      actionDrafts: {},
      actionPolicy: { status: 'ready' },
      recentPhoneCalls: [{ phoneCallId, delivery: 'QUEUED' }],
    });
    expect(Object.keys(store.getState().actionsById)).toEqual([buildAction().actionId]);
  });

  it('then the next one when the wrap-up was asked for by "next call"', async () => {
    const { store, calls } = storeWith();
    await store.getState().startPhoneCall();
    await store.getState().startPhoneCall();
    store.getState().setWrapUpOutcome('NO_ACTION');
    await store.getState().saveWrapUp();
    expect(calls('phoneCall.start')).toHaveLength(2);
    expect(store.getState().phoneCall).not.toBeNull();
  });

  it('keeps what main announced while its answer was on the way: a record shown as stored never goes back to "sending"', async () => {
    const main = fakePhoneCallMain();
    const built = storeWith(main, {
      'phoneCall.end': (input, options) => {
        const answer = main.answers['phoneCall.end']?.(input, options);
        // The record reached the backend before the end's answer got back, and main said so.
        const now = main.state();
        built.fake.emit({ name: 'phoneCall.changed', payload: { ...now, recent: now.recent.map((ended) => ({ ...ended, delivery: 'STORED' })) } });
        return answer;
      },
    });
    built.followEvents();
    const { store } = built;
    await store.getState().startPhoneCall();
    store.getState().endPhoneCall();
    store.getState().setWrapUpOutcome('NO_ACTION');
    await store.getState().saveWrapUp();
    expect(store.getState().phoneCall).toBeNull();
    expect(store.getState().recentPhoneCalls.map((ended) => ended.delivery)).toEqual(['STORED']);
  });

  it("a phone call main starts (a screen pop after the wrap-up) replaces the last caller's screen and looks up whom the phone system named", async () => {
    const main = fakePhoneCallMain();
    const { store, calls, fake, followEvents } = storeWith(main);
    followEvents();
    await store.getState().startPhoneCall();
    callerOnScreen(store);
    const popped: PhoneCallState = {
      current: buildOpenPhoneCall({ phoneCallId: '0b9d3a52-5f64-4c0e-9a51-3d2f1f0c1c99', origin: 'SCREEN_POP', telephony: { callId: 'PBX-1', callerNumber: '+8190****5678' }, prefill: { customerId: 'C0000001' } }),
      waiting: null,
      recent: [],
    };
    main.set(popped);
    fake.emit({ name: 'phoneCall.changed', payload: popped });
    await settle();
    await settle();
    expect(store.getState().phoneCall?.phoneCallId).toBe(popped.current?.phoneCallId);
    expect(store.getState().selectedVirtualCardId).toBeNull();
    expect(store.getState().actionDrafts).toEqual({});
    expect(calls('cardholders.search')).toEqual([expect.objectContaining({ q: 'C0000001' })]);
    // The one match opens, and main hears who the caller is.
    await settle();
    expect(store.getState().openCardholderId).toBe('C0000001');
    expect(calls('phoneCall.update')).toContainEqual({ phoneCallId: popped.current?.phoneCallId, cardholderId: 'C0000001' });
  });
});

describe('sign-out with a phone call open', () => {
  it('asks first; discarding ends it as DISCARDED and then signs out', async () => {
    const { store, calls } = storeWith();
    await store.getState().startPhoneCall();
    await store.getState().requestSignOut();
    expect(store.getState().signOutAsk).toBe(true);
    expect(calls('session.signOut')).toHaveLength(0);
    store.setState({ phoneCallNotes: '破棄するメモ' });
    await store.getState().discardPhoneCallAndSignOut();
    expect(calls('phoneCall.end')).toEqual([expect.objectContaining({ closing: 'DISCARDED', outcomeCode: null })]);
    expect(calls('session.signOut')).toHaveLength(1);
    expect(store.getState()).toMatchObject({ signOutAsk: false, phoneCall: null, phoneCallNotes: '' });
  });

  it('or wraps it up and signs out once the wrap-up is saved; with no phone call open it signs out at once', async () => {
    const { store, calls } = storeWith();
    await store.getState().startPhoneCall();
    await store.getState().requestSignOut();
    store.getState().wrapUpAndSignOut();
    expect(store.getState()).toMatchObject({ signOutAsk: false, wrapUp: { then: 'signOut' } });
    store.getState().setWrapUpOutcome('NO_ACTION');
    await store.getState().saveWrapUp();
    expect(calls('session.signOut')).toHaveLength(1);

    const idle = storeWith();
    await idle.store.getState().requestSignOut();
    expect(idle.calls('session.signOut')).toHaveLength(1);
  });
});

it("opens the open cardholder's service notes from main", async () => {
  const note = { noteId: 'SNC0000002N1', cardholderId: 'C0000002', writtenAt: '2026-10-26T02:01:00.000Z', author: { name: '石井 由美子', team: '不正利用対策室' }, category: 'CAUTION' as const, text: '慎重に本人確認してください。' };
  const { store, calls } = storeWith(fakePhoneCallMain(), { 'serviceNotes.list': () => ok({ cardholderId: 'C0000002', items: [note] }) });
  store.setState({ openCardholderId: 'C0000002', cardholder: buildCardholder({ cardholderId: 'C0000002', hasServiceNotes: true }), cardTokens: { CR000002CLSC: { items: [buildToken()], status: 'ready', error: null, loadedAt: null } } });
  await store.getState().openServiceNotes();
  expect(calls('serviceNotes.list')).toEqual([{ cardholderId: 'C0000002' }]);
  expect(store.getState().serviceNotes).toMatchObject({ cardholderId: 'C0000002', status: 'ready', items: [note] });
  store.getState().closeServiceNotes();
  expect(store.getState().serviceNotes).toBeNull();
});
