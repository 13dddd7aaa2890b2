import { describe, expect, it, vi } from 'vitest';
import type { DeskStore } from '../../../renderer/store/desk-store';
import { buildAction } from './actions/builders';
import { buildConfigView, buildSession, buildSignedIn } from './builders';
import { buildTokenChanged, lookupStore } from './lookup/builders';

/**
 * A store whose commands that receive events are spies: these tests are about where each event
 * goes, the slices' own tests about what the command then does.
 */
const routed = () => {
  const { store, fake, followEvents } = lookupStore({});
  const spies = {
    internal_applySettings: vi.fn(async () => undefined),
    internal_applySession: vi.fn(),
    internal_applyConfig: vi.fn(),
    internal_applyLiveStatus: vi.fn(),
    internal_applyTokenChanged: vi.fn(),
    internal_onTokenChanged: vi.fn(),
    internal_refreshHistoryFor: vi.fn(),
    internal_applyLiveReset: vi.fn(),
    internal_onLiveReset: vi.fn(),
    refreshHistory: vi.fn(async () => undefined),
    internal_applyActions: vi.fn(),
  } satisfies Partial<Record<keyof DeskStore, unknown>>;
  store.setState(spies);
  const stop = followEvents();
  return { ...fake, store, spies, stop };
};

/** Which spies were called, by name. */
const called = (spies: Record<string, { mock: { calls: unknown[] } }>): string[] =>
  Object.entries(spies)
    .filter(([, spy]) => spy.mock.calls.length > 0)
    .map(([name]) => name)
    .sort();

describe('the event router', () => {
  it('subscribes once to the transport, and stops when told', () => {
    const { listenerCount, stop } = routed();
    expect(listenerCount()).toBe(1);
    stop();
    expect(listenerCount()).toBe(0);
  });

  it('hands settings and configuration changes to their slices, payload as received', () => {
    const { emit, spies } = routed();
    emit({ name: 'settings.changed', payload: { language: 'en' } });
    const config = buildConfigView({ idleLockMinutes: 5 });
    emit({ name: 'config.changed', payload: config });
    emit({ name: 'live.status', payload: { state: 'connected', since: '2026-11-23T05:00:00.000Z', attempt: 0, retryAt: null } });
    expect(called(spies)).toEqual(['internal_applyConfig', 'internal_applyLiveStatus', 'internal_applySettings']);
    expect(spies.internal_applySettings).toHaveBeenCalledWith({ language: 'en' });
    expect(spies.internal_applyConfig).toHaveBeenCalledWith(config);
  });

  it('applies a session change only once boot has read the session', () => {
    const { emit, spies, store } = routed();
    emit({ name: 'session.changed', payload: buildSignedIn() });
    expect(spies.internal_applySession).not.toHaveBeenCalled();
    store.setState({ session: buildSession() });
    emit({ name: 'session.changed', payload: buildSignedIn() });
    expect(spies.internal_applySession).toHaveBeenCalledWith(buildSignedIn());
  });

  it('gives a token change to the live status, the cardholder, and the history while its panel is open', () => {
    const { emit, spies, store } = routed();
    const change = buildTokenChanged();
    emit({ name: 'token.changed', payload: change });
    expect(called(spies)).toEqual(['internal_applyTokenChanged', 'internal_onTokenChanged']);
    expect(spies.internal_onTokenChanged).toHaveBeenCalledWith(change);
    store.setState({ selectedVirtualCardId: change.virtualCardId });
    emit({ name: 'token.changed', payload: change });
    expect(spies.internal_refreshHistoryFor).toHaveBeenCalledWith(change);
  });

  it('gives a stream reset to the live status, the cardholder, and the history while its panel is open', () => {
    const { emit, spies, store } = routed();
    emit({ name: 'live.reset', payload: { reason: 'RECONNECTED' } });
    expect(called(spies)).toEqual(['internal_applyLiveReset', 'internal_onLiveReset']);
    store.setState({ selectedVirtualCardId: 'VCTEST000001' });
    emit({ name: 'live.reset', payload: { reason: 'HISTORY_GAP' } });
    expect(spies.refreshHistory).toHaveBeenCalledOnce();
  });

  it('follows actions only while an agent is signed in, locked or not', () => {
    const { emit, spies, store } = routed();
    const action = buildAction();
    emit({ name: 'action.changed', payload: action });
    store.setState({ session: buildSession() });
    emit({ name: 'action.changed', payload: action });
    expect(spies.internal_applyActions).not.toHaveBeenCalled();
    store.setState({ session: buildSignedIn({}, { state: 'locked' }) });
    emit({ name: 'action.changed', payload: action });
    expect(spies.internal_applyActions).toHaveBeenCalledWith([action]);
  });

  it('drops an event that breaks the contract before any slice sees it', () => {
    const { emit, spies } = routed();
    emit({ name: 'settings.changed', payload: { language: 'fr' } });
    emit({ name: 'no.such.event', payload: {} });
    expect(called(spies)).toEqual([]);
  });
});
