// The header's "update ready" notice and the store slice behind it: main's update.ready event shows
// it, the agent may install now, and a refusal while an action is under way is said, not hidden.
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { failure, type Language } from '../../../shared/contract';
import { UpdateNotice } from '../../../renderer/components/UpdateNotice';
import { createI18n } from '../../../renderer/i18n/create-i18n';
import { createClient } from '../../../renderer/services/client';
import { createDeskStore, type DeskStore } from '../../../renderer/store/desk-store';
import { routeEvents } from '../../../renderer/store/event-router';
import { DeskStoreProvider } from '../../../renderer/store/store-context';
import { buildAppInfo, buildSession, fakeTransport, sequentialIds } from './builders';

const OFF = { state: 'off' as const, heldByActions: false };

const storeOver = (answers: Parameters<typeof fakeTransport>[0]) => {
  const fake = fakeTransport(answers);
  const client = createClient(fake.transport, { newCorrelationId: sequentialIds('client') });
  const store = createDeskStore({ client, applyLanguage: async () => undefined, reportError: vi.fn(), newCorrelationId: sequentialIds('store') });
  return { ...fake, client, store };
};

const renderHtml = (state: Partial<DeskStore>, language: Language = 'ja'): string => {
  const { store } = storeOver({ 'updates.status': () => ({ ok: true, data: OFF }) });
  store.setState({ info: buildAppInfo(), phase: 'ready', session: buildSession(), ...state });
  store.getInitialState = store.getState;
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <DeskStoreProvider store={store}>
        <UpdateNotice />
      </DeskStoreProvider>
    </I18nextProvider>,
  );
};

const render = (state: Partial<DeskStore>, language: Language = 'ja'): string =>
  renderHtml(state, language).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('UpdateNotice', () => {
  it('shows nothing until an update is ready', () => {
    expect(render({ update: null })).toBe('');
    expect(render({ update: OFF })).toBe('');
    expect(render({ update: { state: 'idle', heldByActions: false } })).toBe('');
  });

  it('says which version is ready and that it installs on quit, in Japanese and English', () => {
    const ready = { update: { state: 'ready' as const, version: '0.2.0', heldByActions: false } };
    expect(render(ready)).toBe('バージョン 0.2.0 に更新できます Token Desk を終了すると更新されます。 再起動して更新');
    expect(render(ready, 'en')).toBe('Version 0.2.0 is ready It installs when you quit Token Desk. Restart and update');
    expect(renderHtml(ready)).toContain('title="Token Desk を終了すると更新されます。"');
  });

  it('says the update waits while an action is under way, and offers no button that would be refused', () => {
    const held = { update: { state: 'ready' as const, version: '0.2.0', heldByActions: true } };
    expect(render(held, 'en')).toContain('The update waits until the actions under way have finished.');
    expect(renderHtml(held, 'en')).toMatch(/<button[^>]*disabled=""/);
    expect(renderHtml({ update: { ...held.update, heldByActions: false } }, 'en')).not.toMatch(/<button[^>]*disabled=""/);
  });
});

describe('the updates slice', () => {
  it('takes main\'s update.ready event, and keeps the refusal when an action is under way', async () => {
    const { store, client, emit, invocations } = storeOver({
      'updates.status': () => ({ ok: true, data: { state: 'ready', version: '0.2.0', heldByActions: true } }),
      'updates.install': () => failure('UPDATE_HELD', 'corr-9'),
    });
    const stop = routeEvents(client, store);
    emit({ name: 'update.ready', payload: { version: '0.2.0' } });
    expect(store.getState().update).toEqual({ state: 'ready', version: '0.2.0', heldByActions: false });

    await store.getState().installUpdate();
    expect(invocations.map((call) => call.name)).toEqual(['updates.install', 'updates.status']);
    expect(store.getState()).toMatchObject({ updateInstalling: false, updateInstallError: { code: 'UPDATE_HELD' }, update: { heldByActions: true } });
    stop();
  });
});
