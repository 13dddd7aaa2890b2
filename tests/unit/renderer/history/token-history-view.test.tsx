import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { failure, type Language } from '../../../../shared/contract';
import { HistoryRow } from '../../../../renderer/components/history/HistoryRow';
import { TokenHistory } from '../../../../renderer/components/history/TokenHistory';
import { translator } from '../../../../renderer/components/history/ui-language';
import { createI18n } from '../../../../renderer/i18n/create-i18n';
import { createClient } from '../../../../renderer/services/client';
import { createDeskStore } from '../../../../renderer/store/desk-store';
import { initialHistoryView, type HistoryView } from '../../../../renderer/store/history/initialState';
import { DeskStoreProvider } from '../../../../renderer/store/store-context';
import { fakeTransport } from '../builders';
import { buildEvent, buildPage } from './builders';

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const renderHistory = (view: Partial<HistoryView>, language: Language = 'ja'): string => {
  const store = createDeskStore({ client: createClient(fakeTransport({}).transport), applyLanguage: async () => undefined, reportError: vi.fn(), newCorrelationId: () => 'id' });
  store.setState({ history: { ...initialHistoryView, virtualCardId: 'VCTEST000001', ...view } });
  store.getInitialState = store.getState;
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <DeskStoreProvider store={store}>
        <TokenHistory virtualCardId="VCTEST000001" />
      </DeskStoreProvider>
    </I18nextProvider>,
  );
};

describe('TokenHistory states', () => {
  it('loading', () => {
    expect(text(renderHistory({ loading: 'first' }))).toContain('履歴を読み込み中…');
  });

  it('empty', () => {
    expect(text(renderHistory({ loaded: true }, 'en'))).toContain('This token has no history yet.');
  });

  it('how many are loaded, and that the total is not known until the end', () => {
    expect(text(renderHistory({ loaded: true, items: buildPage(49, 50), nextCursor: 'more' }))).toContain('読み込み済み 50 件（さらに古い履歴あり・全件数は未確定）');
    expect(text(renderHistory({ loaded: true, items: buildPage(9_999, 10_000), nextCursor: null }, 'en'))).toContain('10,000 events in all');
    expect(text(renderHistory({ loaded: true, items: buildPage(49, 50), nextCursor: 'more', filter: { kind: 'SUSPENDED', source: null } }))).toContain(
      '25 件を表示（読み込み済み 50 件中・さらに古い履歴あり）',
    );
  });

  it('a failure: what failed, the message, the id to quote, a retry; rows stay, marked stale', () => {
    const html = text(
      renderHistory({ loaded: true, items: buildPage(4, 5), stale: true, error: { load: 'newest', error: failure('BACKEND_UNAVAILABLE', 'corr-77').error } }),
    );
    expect(html).toContain('最新の履歴を確認できませんでした。');
    expect(html).toContain('バックエンドに接続できませんでした。');
    expect(html).toContain('corr-77');
    expect(html).toContain('再試行');
    expect(html).toContain('表示中の履歴は最新でない可能性があります。');
  });

  it('filters that match nothing loaded offer to load older events', () => {
    const html = text(renderHistory({ loaded: true, items: buildPage(4, 5), nextCursor: 'more', filter: { kind: 'AGENT_ACTION', source: null } }, 'en'));
    expect(html).toContain('No loaded event matches the filter.');
    expect(html).toContain('Load older events');
  });
});

describe('HistoryRow', () => {
  const row = (language: Language, expanded: boolean): string => {
    const i18n = createI18n(language);
    return renderToStaticMarkup(
      <I18nextProvider i18n={i18n}>
        <ol>
          <HistoryRow
            event={buildEvent({ reasonCode: 'DEVICE_LOST', detail: { action: 'SUSPEND', source: 'WALLET' } })}
            index={0}
            setSize={-1}
            now={Date.parse('2026-11-23T05:02:00.000Z')}
            active
            expanded={expanded}
            fresh={false}
            onToggleRaw={() => undefined}
            t={translator(i18n.t)}
            language={language}
          />
        </ol>
      </I18nextProvider>,
    );
  };

  it('shows when (with UTC for assistive technology and on hover), who, what, and the correlation id', () => {
    const html = row('en', false);
    expect(html).toContain('title="UTC 2026-11-20 05:02:00"');
    expect(text(html)).toContain('UTC 2026-11-20 05:02:00');
    expect(text(html)).toContain('3 days ago');
    expect(text(html)).toContain('Wallet');
    expect(text(html)).toContain('Token suspended by the cardholder (in the wallet app or the wallet provider&#x27;s portal). Reason: device lost.');
    expect(text(html)).toContain('Correlation ID lcm-abcdef-1234-ghijkl Copy');
    expect(html).toContain('aria-expanded="false"');
    expect(html).not.toContain('history-raw"');
  });

  it('shows the raw record as formatted JSON when opened', () => {
    const html = row('ja', true);
    expect(html).toContain('aria-expanded="true"');
    expect(html).toContain('&quot;action&quot;: &quot;SUSPEND&quot;');
    expect(text(html)).toContain('3 日前');
  });
});
