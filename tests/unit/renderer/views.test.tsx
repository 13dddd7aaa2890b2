import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { failure, type Language, type TypedError } from '../../../shared/contract';
import { CallErrorNotice } from '../../../renderer/components/CallErrorNotice';
import { ConfigProblemsBanner } from '../../../renderer/components/ConfigProblemsBanner';
import { AppHeader } from '../../../renderer/components/AppHeader';
import { PublicKeyDisplay } from '../../../renderer/components/PublicKeyDisplay';
import { TrainingAccountsPanel } from '../../../renderer/components/TrainingAccountsPanel';
import { WorkstationKeyPanel } from '../../../renderer/components/WorkstationKeyPanel';
import { createI18n } from '../../../renderer/i18n/create-i18n';
import { createClient } from '../../../renderer/services/client';
import { createDeskStore, type DeskStore } from '../../../renderer/store/desk-store';
import { DeskStoreProvider } from '../../../renderer/store/store-context';
import {
  buildAppInfo,
  buildConfigView,
  buildCredentialStatus,
  buildPublicKey,
  buildSession,
  buildSignedIn,
  buildTrainingAccounts,
  fakeTransport,
} from './builders';

/** Renders a view to HTML over a store in the given state: enough to check what it says, without a DOM. */
const render = (view: ReactNode, state: Partial<DeskStore> = {}, language: Language = 'ja'): string => {
  const store = createDeskStore({
    client: createClient(fakeTransport({}).transport),
    applyLanguage: async () => undefined,
    reportError: vi.fn(),
    newCorrelationId: () => 'test-id',
  });
  store.setState({ info: buildAppInfo(), phase: 'ready', session: buildSession(), ...state });
  // A server render reads zustand's initial state (React's server snapshot); make that the state set here.
  store.getInitialState = store.getState;
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <DeskStoreProvider store={store}>{view}</DeskStoreProvider>
    </I18nextProvider>,
  );
};

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('ConfigProblemsBanner', () => {
  const problem = { file: '/home/agent/.config/token-desk/config.json', field: 'idleLockMinutes', message: 'Too big: expected number to be <=15' };

  it('names the file, the field and the problem, with the way to fix it before sign-in', () => {
    const html = render(<ConfigProblemsBanner />, { config: buildConfigView({ problems: [problem, { ...problem, field: null, message: 'is not valid JSON' }] }) });
    const shown = text(html);
    expect(shown).toContain('設定ファイルに問題があります');
    expect(shown).toContain(problem.file);
    expect(shown).toContain('idleLockMinutes');
    expect(shown).toContain('Too big: expected number to be &lt;=15');
    expect(shown).toContain('ファイル全体');
    expect(shown).toContain('接続設定を開く');
  });

  it('asks a signed-in agent without the admin role to call the administrator instead', () => {
    const shown = text(render(<ConfigProblemsBanner />, { config: buildConfigView({ problems: [problem] }), session: buildSignedIn() }, 'en'));
    expect(shown).toContain('There is a problem with a settings file');
    expect(shown).toContain('Ask your administrator');
    expect(shown).not.toContain('Open connection settings');
  });

  it('renders nothing without problems', () => {
    expect(render(<ConfigProblemsBanner />, { config: buildConfigView() })).toBe('');
  });
});

describe('CallErrorNotice', () => {
  const show = (error: TypedError, language: Language = 'ja') => text(render(<CallErrorNotice error={error} />, {}, language));

  it('says a failed sign-in without saying which part was wrong, and without a reference number', () => {
    const shown = show(failure('SIGN_IN_FAILED', 'corr-1').error);
    expect(shown).toContain('エージェントIDまたはパスワードが正しくありません');
    expect(shown).not.toContain('corr-1');
  });

  it('says a locked account is locked for 30 minutes and whom to call', () => {
    const shown = show(failure('ACCOUNT_LOCKED', 'corr-2').error, 'en');
    expect(shown).toContain('locked for 30 minutes');
    expect(shown).toContain('supervisor');
  });

  it('explains a backend failure with its code and category, and the reference number to quote', () => {
    const shown = show(failure('BACKEND_UNAVAILABLE', 'corr-3', undefined, { code: 'UNAVAILABLE', category: 'S' }).error);
    expect(shown).toContain('バックエンドに接続できませんでした');
    expect(shown).toContain('UNAVAILABLE');
    expect(shown).toContain('一時的なシステムエラー');
    expect(shown).toContain('corr-3');
  });
});

describe('TrainingAccountsPanel', () => {
  it('lists every account with its role and password, and a button naming whose account it uses', () => {
    const html = render(<TrainingAccountsPanel onUse={() => undefined} />, { trainingAccounts: buildTrainingAccounts() });
    const shown = text(html);
    for (const account of buildTrainingAccounts()) {
      expect(shown).toContain(account.name);
      expect(shown).toContain(account.agentId);
      expect(shown).toContain(account.password);
    }
    expect(shown).toContain('管理者');
    expect(html).toContain('aria-label="このアカウントを使う: 田中 直樹（管理者）"');
  });
});

describe('AppHeader', () => {
  it("shows the agent's name and role and the session controls; connection settings for an administrator only", () => {
    const agent = text(render(<AppHeader />, { session: buildSignedIn({ role: 'supervisor', name: '鈴木 健一' }) }));
    expect(agent).toContain('鈴木 健一');
    expect(agent).toContain('スーパーバイザー');
    expect(agent).toContain('サインアウト');
    expect(agent).not.toContain('接続設定');
    const admin = text(render(<AppHeader />, { session: buildSignedIn({ role: 'admin', name: '田中 直樹' }) }, 'en'));
    expect(admin).toContain('Administrator');
    expect(admin).toContain('Connection settings');
  });

  it('shows no agent controls before sign-in', () => {
    expect(text(render(<AppHeader />))).not.toContain('サインアウト');
  });
});

describe('WorkstationKeyPanel', () => {
  it('warns when the key is not persisted, and when it is stored in plaintext', () => {
    const shown = text(render(<WorkstationKeyPanel />, { credentialStatus: buildCredentialStatus({ persisted: false, storageBackend: 'basic_text' }) }));
    expect(shown).toContain('メモリ上にしかなく');
    expect(shown).toContain('暗号化されずに');
    expect(shown).toContain('basic_text');
  });

  it('asks for the enrolment code when core says a first key needs it, signed out only', () => {
    const firstKey = buildCredentialStatus({ configured: false, keyId: null, enrolmentCodeRequired: true });
    const asked = render(<WorkstationKeyPanel />, { credentialStatus: firstKey }, 'en');
    expect(asked).toContain('data-testid="enrolment-code-field"');
    expect(text(asked)).toContain('Enrolment code');
    expect(render(<WorkstationKeyPanel />, { credentialStatus: { ...firstKey, enrolmentCodeRequired: false } }, 'en')).not.toContain('enrolment-code-field');
    // An administrator signed in sets the key up without it.
    expect(render(<WorkstationKeyPanel />, { credentialStatus: firstKey, session: buildSignedIn({ role: 'admin' }) }, 'en')).not.toContain('enrolment-code-field');
  });

  it.each([
    ['ENROLMENT_CODE_WRONG', 'generate', 'This enrolment code is not right'],
    ['ENROLMENT_CODE_LOCKED', 'import', 'refused until Token Desk is restarted'],
  ] as const)('shows %s from a %s at the code field, not at the key', (code, attempt, message) => {
    const error = failure(code, 'main-9', ['enrolmentCode']).error;
    const html = render(
      <WorkstationKeyPanel />,
      { credentialStatus: buildCredentialStatus({ configured: false, keyId: null, enrolmentCodeRequired: true }), credentialsOutcome: { kind: 'failed', attempt, error } },
      'en',
    );
    expect(html).toContain('data-testid="enrolment-code-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(text(html)).toContain(message);
    expect(html).not.toContain('generate-key-error');
    expect(html).not.toContain('import-key-error');
  });

  it('shows the public key as JWK and PEM, and no private material', () => {
    const html = render(<PublicKeyDisplay publicKey={buildPublicKey()} />, {}, 'en');
    expect(html).toContain('BEGIN PUBLIC KEY');
    expect(html).toContain('&quot;kty&quot;: &quot;EC&quot;');
    expect(html).not.toContain('PRIVATE');
    expect(html).not.toContain('&quot;d&quot;');
  });
});
