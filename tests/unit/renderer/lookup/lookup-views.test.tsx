import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { failure, type Language } from '../../../../shared/contract';
import { CardholderView } from '../../../../renderer/components/cardholder/CardholderView';
import { LiveIndicator } from '../../../../renderer/components/LiveIndicator';
import { SearchRegion } from '../../../../renderer/components/SearchRegion';
import { StateChip } from '../../../../renderer/components/tokens/StateChip';
import { TrustBadge } from '../../../../renderer/components/tokens/TrustBadge';
import { createI18n } from '../../../../renderer/i18n/create-i18n';
import { createClient } from '../../../../renderer/services/client';
import { createDeskStore, type DeskStore } from '../../../../renderer/store/desk-store';
import { DeskStoreProvider } from '../../../../renderer/store/store-context';
import { buildAppInfo, buildSignedIn, fakeTransport } from '../builders';
import { buildCard, buildCardholder, buildSummary, buildToken } from './builders';

/** Renders a view to HTML over a store in the given state: enough to check what it says, without a DOM. */
const render = (view: ReactNode, state: Partial<DeskStore> = {}, language: Language = 'ja'): string => {
  const store = createDeskStore({
    client: createClient(fakeTransport({}).transport),
    applyLanguage: async () => undefined,
    reportError: vi.fn(),
    newCorrelationId: () => 'test-id-0001',
  });
  store.setState({ info: buildAppInfo(), phase: 'ready', session: buildSignedIn(), language, ...state });
  store.getInitialState = store.getState;
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <DeskStoreProvider store={store}>{view}</DeskStoreProvider>
    </I18nextProvider>,
  );
};

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const noRef = { current: null };

describe('SearchRegion', () => {
  it('labels the field, gives examples and says what kind of query it will search by', () => {
    const html = render(<SearchRegion ref={noRef} />, { searchText: 'VCYELLOW0001' });
    expect(html).toContain('role="combobox"');
    expect(html).toContain('aria-controls="search-results"');
    expect(text(html)).toContain('カード会員を検索');
    expect(text(html)).toContain('例: 高橋 3056');
    expect(text(html)).toContain('トークンIDで検索');
    expect(text(render(<SearchRegion ref={noRef} />, { searchText: 'ﾀｶﾊｼ 3056' }, 'en'))).toContain('Searching by name + card last four');
  });

  it('explains the refusal of a full card number', () => {
    const html = render(<SearchRegion ref={noRef} />, { searchRefusal: 'FULL_CARD_NUMBER' });
    expect(text(html)).toContain('カード番号（13〜19桁）は検索に使えません');
    expect(text(html)).toContain('入力を消去しました');
  });

  it('lists results as options with name forms, customer id, masked cards and token count', () => {
    const html = render(<SearchRegion ref={noRef} />, {
      searchText: '高橋',
      searchQuery: '高橋',
      searchKind: 'NAME',
      searchStatus: 'done',
      searchListOpen: true,
      searchActiveIndex: 0,
      searchResults: [
        buildSummary({
          cardholderId: 'C0000002',
          name: { kanji: '高橋 健二', kana: 'タカハシ ケンジ', latin: 'Kenji Takahashi' },
          cards: [{ issuerCardRefId: 'CR000002CLSC', productName: 'クラシックカード', lastFour: '3056', state: 'SUSPENDED' }],
          tokenCount: 3,
        }),
      ],
      searchNextCursor: 'more',
    });
    expect(html).toContain('role="option"');
    expect(html).toContain('aria-selected="true"');
    expect(html).toContain('aria-activedescendant="search-result-C0000002"');
    const shown = text(html);
    for (const part of ['高橋 健二', 'タカハシ ケンジ', 'Kenji Takahashi', '会員番号 C0000002', 'クラシックカード ••••3056', '停止中', 'トークン 3 件', '1 件（続きあり）', 'さらに表示']) {
      expect(shown).toContain(part);
    }
    expect(shown).not.toMatch(/\d{13,19}/);
  });

  it('says when nothing matched, and shows a failed search with its correlation id over the stale results', () => {
    expect(text(render(<SearchRegion ref={noRef} />, { searchQuery: 'ﾀｶﾊｼ 9999', searchStatus: 'done', searchListOpen: true }))).toContain('「ﾀｶﾊｼ 9999」に一致するカード会員はいません。');
    const failed = text(
      render(<SearchRegion ref={noRef} />, {
        searchQuery: '佐藤',
        searchStatus: 'failed',
        searchListOpen: true,
        searchResults: [buildSummary()],
        searchError: failure('BACKEND_UNAVAILABLE', 'corr-search-1').error,
        searchAnsweredAt: '2026-11-23T05:00:00.000Z',
      }),
    );
    expect(failed).toContain('検索できませんでした。');
    expect(failed).toContain('corr-search-1');
    expect(failed).toContain('古い情報');
    expect(failed).toContain('再試行');
  });
});

describe('CardholderView', () => {
  const cardholder = buildCardholder({ hasServiceNotes: true, cards: [buildCard({ expiry: '08/28', state: 'ACTIVE' })] });

  it('shows the name in every form, the customer id, masked contacts, the notes flag and each card', () => {
    const shown = text(render(<CardholderView />, { openCardholderId: 'C0000001', cardholder, cardholderStatus: 'ready' }));
    for (const part of ['佐藤 花子', 'サトウ ハナコ', 'Hanako Sato', 'C0000001', '電話', '090-****-1234', '対応メモあり', 'ゴールドカード ••••4821', '有効期限 08/28', 'トークンを読み込み中…']) {
      expect(shown).toContain(part);
    }
  });

  it('keeps a cardholder whose reload failed, marked stale with the time, the message and the id to quote', () => {
    const shown = text(
      render(<CardholderView />, {
        openCardholderId: 'C0000001',
        cardholder,
        cardholderStatus: 'failed',
        cardholderError: failure('BACKEND_UNAVAILABLE', 'corr-cardholder-1').error,
        cardholderLoadedAt: '2026-11-23T05:00:00.000Z',
      }),
    );
    expect(shown).toContain('カード会員の情報を更新できませんでした。');
    expect(shown).toContain('バックエンドに接続できませんでした');
    expect(shown).toContain('corr-cardholder-1');
    expect(shown).toContain('古い情報');
    expect(shown).toContain('時点の内容です。最新ではない可能性があります。');
    expect(shown).toContain('佐藤 花子');
  });

  it('says what to do about an unknown cardholder', () => {
    const shown = text(render(<CardholderView />, { openCardholderId: 'C9999999', cardholderStatus: 'failed', cardholderError: failure('NOT_FOUND', 'corr-404').error }, 'en'));
    expect(shown).toContain('The cardholder could not be loaded.');
    expect(shown).toContain('This cardholder was not found');
    expect(shown).toContain('corr-404');
  });

  it('counts what the filters hide, deleted tokens above all', () => {
    const shown = text(
      render(<CardholderView />, {
        openCardholderId: 'C0000001',
        cardholder,
        cardholderStatus: 'ready',
        cardTokens: {
          CR000001GOLD: {
            items: [buildToken({ virtualCardId: 'V1' }), buildToken({ virtualCardId: 'V2', state: 'DELETED' }), buildToken({ virtualCardId: 'V3', state: 'DELETED' })],
            status: 'ready',
            error: null,
            loadedAt: '2026-11-23T05:00:00.000Z',
          },
        },
      }),
    );
    expect(shown).toContain('1 / 3 件を表示');
    expect(shown).toContain('削除済み 2 件を非表示');
  });
});

describe('token cells', () => {
  it('write the state in words, never by colour alone', () => {
    expect(text(render(<StateChip state="SUSPENDED" />))).toContain('一時停止中');
    expect(text(render(<StateChip state="INACTIVE" />, {}, 'en'))).toContain('Awaiting step-up');
  });

  it('give the level of trust with the step-up methods of a yellow decision', () => {
    const yellow = { decision: 'YELLOW' as const, idvMethods: ['SMS_OTP' as const, 'CUSTOMER_SERVICE' as const], reasons: [], decidedAt: '2026-11-01T00:00:00Z' };
    expect(text(render(<TrustBadge trust={yellow} />))).toContain('黄（SMS・窓口）');
  });
});

describe('LiveIndicator', () => {
  it('says which reconnection attempt is running, in the status bar’s live region', () => {
    const html = render(<LiveIndicator />, { liveStatus: { state: 'reconnecting', since: '2026-11-23T05:00:00Z', attempt: 3, retryAt: null } });
    expect(html).toContain('role="status"');
    expect(text(html)).toContain('ライブ更新: 再接続中…（3 回目）');
    expect(text(render(<LiveIndicator />, { liveStatus: { state: 'connected', since: '2026-11-23T05:00:00Z', attempt: 0, retryAt: null } }, 'en'))).toContain('Live updates: connected');
  });
});
