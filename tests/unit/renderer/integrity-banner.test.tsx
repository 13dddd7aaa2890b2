import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { DamagedAction } from '../../../shared/api/integrity';
import type { IntegrityNotice } from '../../../shared/contract';
import { IntegrityBanner } from '../../../renderer/components/IntegrityBanner';
import { createI18n } from '../../../renderer/i18n/create-i18n';
import { createClient } from '../../../renderer/services/client';
import { createDeskStore } from '../../../renderer/store/desk-store';
import { DeskStoreProvider } from '../../../renderer/store/store-context';
import { buildAppInfo, buildSession, fakeTransport } from './builders';

/** The banner for a damaged outbox file's action says what became of it once main reconciled it, in Japanese and in English. */
const shown = (action: DamagedAction): string => {
  const store = createDeskStore({ client: createClient(fakeTransport({}).transport), applyLanguage: async () => undefined, reportError: vi.fn(), newCorrelationId: () => 'test-id' });
  const notice: IntegrityNotice = {
    reportId: '0f3c2d9e-aaaa-4bbb-8ccc-9ddddeeeefff',
    subject: 'OUTBOX_ENTRY',
    detectedAt: '2026-11-23T09:05:00.000Z',
    findings: [{ line: 0, problem: `${action.file}: not valid JSON (truncated or overwritten)` }],
    findingCount: 1,
    keptAs: `${action.file}.20261123T090500000Z.damaged`,
    action,
    reported: true,
  };
  store.setState({ info: buildAppInfo(), phase: 'ready', session: buildSession(), integrityNotices: [notice] });
  store.getInitialState = store.getState;
  const html = renderToStaticMarkup(
    <I18nextProvider i18n={createI18n('ja')}>
      <DeskStoreProvider store={store}>
        <IntegrityBanner />
      </DeskStoreProvider>
    </I18nextProvider>,
  );
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
};

const action = (overrides: Partial<DamagedAction>): DamagedAction => ({
  file: '7761c57f-f5a6-4923-bbd4-7376c53a3d88.json',
  operation: 'suspend',
  tokenLastFour: '6604',
  requestedAt: '2026-11-23T09:00:00.000Z',
  reconciled: 'UNKNOWN',
  ...overrides,
});

describe('IntegrityBanner, a damaged outbox file’s action', () => {
  it('not reconciled yet: unknown, and it will be read when the backend can be reached', () => {
    const text = shown(action({}));
    expect(text).toContain('まだ分かっていません');
    expect(text).toContain('How this action ended is not known yet');
  });

  it('never sent: says plainly it was not carried out and not sent again', () => {
    const text = shown(action({ reconciled: 'NOT_SENT' }));
    expect(text).toContain('実行されておらず、再送もしていません');
    expect(text).toContain('it was NOT carried out, and it has not been sent again');
  });

  it('failed: says it reached the backend, with the reason', () => {
    const text = shown(action({ reconciled: 'FAILED', failure: { code: 'TSP_FAILED', tspErrorCode: '221' } }));
    expect(text).toContain('reached the backend but was not carried out');
    expect(text).toContain('TSP_FAILED 221');
  });

  it('confirmed: says it was carried out', () => {
    expect(shown(action({ reconciled: 'CONFIRMED' }))).toContain('this action was carried out');
  });

  it('nothing identifying left: unknown for good, and says so', () => {
    const text = shown(action({ operation: null, tokenLastFour: null, requestedAt: null, unidentified: true }));
    expect(text).toContain('今後も分かりません');
    expect(text).toContain('cannot be known and will not be');
    expect(text).not.toContain('How this action ended is not known yet');
  });
});
