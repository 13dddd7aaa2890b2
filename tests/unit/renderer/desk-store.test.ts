import { describe, expect, it, vi } from 'vitest';
import { failure, type Language } from '../../../shared/contract';
import { createClient } from '../../../renderer/services/client';
import { routeEvents } from '../../../renderer/store/event-router';
import { createDeskStore } from '../../../renderer/store/desk-store';
import { buildAppInfo, buildConfigView, buildSession, buildSettings, buildTrainingAccounts, fakeTransport, sequentialIds } from './builders';

/** What main answers at boot beyond app.info and settings.get: nobody signed in, training mode. */
const bootAnswers = {
  'session.status': () => ({ ok: true, data: buildSession() }),
  'config.get': () => ({ ok: true, data: buildConfigView() }),
  'session.trainingAccounts': () => ({ ok: true, data: { accounts: buildTrainingAccounts() } }),
};

const setup = (answers: Parameters<typeof fakeTransport>[0]) => {
  const fake = fakeTransport({ ...bootAnswers, ...answers });
  const applied: Language[] = [];
  const reportError = vi.fn();
  const client = createClient(fake.transport, { newCorrelationId: sequentialIds('client') });
  const store = createDeskStore({
    client,
    applyLanguage: async (language) => {
      applied.push(language);
    },
    reportError,
    newCorrelationId: sequentialIds('store'),
  });
  return { ...fake, store, applied, reportError, followEvents: () => routeEvents(client, store) };
};

describe('boot', () => {
  it('loads app.info, settings.get, the session and the sign-in screen data, then becomes ready', async () => {
    const { store, invocations, applied } = setup({
      'app.info': () => ({ ok: true, data: buildAppInfo({ locale: 'en' }) }),
      'settings.get': () => ({ ok: true, data: buildSettings({ language: 'en' }) }),
    });
    await store.getState().boot();
    expect(invocations.map((each) => each.name)).toEqual(['app.info', 'settings.get', 'session.status', 'config.get', 'session.trainingAccounts']);
    expect(applied.at(-1)).toBe('en');
    expect(store.getState().session).toEqual(buildSession());
    expect(store.getState().trainingAccounts).toEqual(buildTrainingAccounts());
    expect(store.getState().config).toEqual(buildConfigView());
    expect(store.getState()).toMatchObject({ phase: 'ready', language: 'en', link: 'online', bootError: null });
    expect(store.getState().info).toEqual(buildAppInfo({ locale: 'en' }));
  });

  it('stops at the first typed failure and keeps it for the error panel', async () => {
    const { store, invocations } = setup({ 'app.info': () => failure('INTERNAL', 'main-7') });
    await store.getState().boot();
    expect(invocations.map((each) => each.name)).toEqual(['app.info']);
    expect(store.getState()).toMatchObject({ phase: 'failed', bootError: failure('INTERNAL', 'main-7').error });
  });

  it('marks the link offline when main cannot be reached, and can retry', async () => {
    let reachable = false;
    const { store } = setup({
      'app.info': () => (reachable ? { ok: true, data: buildAppInfo() } : failure('TRANSPORT', 'net-1')),
      'settings.get': () => ({ ok: true, data: buildSettings() }),
    });
    await store.getState().boot();
    expect(store.getState()).toMatchObject({ phase: 'failed', link: 'offline' });
    reachable = true;
    await store.getState().boot();
    expect(store.getState()).toMatchObject({ phase: 'ready', link: 'online', lastFailure: null });
  });

  it('shows a bug during boot as an INTERNAL failure whose id is also reported', async () => {
    const reportError = vi.fn();
    const broken = createDeskStore({
      client: createClient(fakeTransport({ 'app.info': () => ({ ok: true, data: buildAppInfo() }) }).transport),
      applyLanguage: () => Promise.reject(new Error('boom')),
      reportError,
      newCorrelationId: () => 'store-9',
    });
    await broken.getState().boot();
    expect(broken.getState()).toMatchObject({ phase: 'failed', bootError: { code: 'INTERNAL', correlationId: 'store-9' } });
    expect(reportError).toHaveBeenCalledWith(expect.any(Error), 'store-9');
  });
});

describe('language', () => {
  const ready = () =>
    setup({
      'app.info': () => ({ ok: true, data: buildAppInfo() }),
      'settings.get': () => ({ ok: true, data: buildSettings() }),
      'settings.set': (input) => ({ ok: true, data: input }),
    });

  it('saves through settings.set and applies the language main answers', async () => {
    const { store, invocations, applied } = ready();
    await store.getState().boot();
    await store.getState().setLanguage('en');
    expect(invocations.at(-1)).toEqual({ name: 'settings.set', input: { language: 'en' } });
    expect(applied.at(-1)).toBe('en');
    expect(store.getState()).toMatchObject({ language: 'en', pendingLanguage: null });
  });

  it('keeps the language when saving fails, and shows the failure', async () => {
    const { store, applied } = setup({
      'app.info': () => ({ ok: true, data: buildAppInfo() }),
      'settings.get': () => ({ ok: true, data: buildSettings() }),
      'settings.set': () => failure('INVALID_INPUT', 'main-3', ['language']),
    });
    await store.getState().boot();
    await store.getState().setLanguage('en');
    expect(store.getState()).toMatchObject({ language: 'ja', pendingLanguage: null });
    expect(store.getState().lastFailure).toMatchObject({ code: 'INVALID_INPUT', correlationId: 'main-3' });
    expect(applied).not.toContain('en');
  });

  it('follows settings.changed from another window', async () => {
    const { store, emit, applied, followEvents } = ready();
    const stop = followEvents();
    await store.getState().boot();
    emit({ name: 'settings.changed', payload: { language: 'en' } });
    await Promise.resolve();
    expect(store.getState().language).toBe('en');
    expect(applied.at(-1)).toBe('en');
    stop();
  });
});
