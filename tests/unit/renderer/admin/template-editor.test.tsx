import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import type { NotificationTemplate, NotificationTemplates } from '../../../../shared/api/notifications';
import { failure, type Language } from '../../../../shared/contract';
import { DEFAULT_NOTIFICATION_SETTINGS, DEFAULT_NOTIFICATION_TEMPLATES } from '../../../../shared/domain/default-notification-templates';
import { TEMPLATE_PROBLEM_CODES, type TemplateProblem } from '../../../../shared/domain/notification-template';
import { TemplateEditor } from '../../../../renderer/components/admin/TemplateEditorScreen';
import { lineAndColumn, problemMessage, problemPlace } from '../../../../renderer/components/admin/problem-text';
import { createI18n } from '../../../../renderer/i18n/create-i18n';
import { createClient } from '../../../../renderer/services/client';
import { adminSelectors } from '../../../../renderer/store/admin/selectors';
import { createDeskStore } from '../../../../renderer/store/desk-store';
import { screenSelectors } from '../../../../renderer/store/screen-selectors';
import { DeskStoreProvider } from '../../../../renderer/store/store-context';
import { buildSignedIn, fakeTransport } from '../builders';

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const loaded = (overrides: Partial<NotificationTemplates['settings']> = {}): NotificationTemplates => ({
  templates: DEFAULT_NOTIFICATION_TEMPLATES.map(
    (template): NotificationTemplate => ({ ...template, updatedAt: '2026-11-20T01:00:00.000Z', updatedBy: null }),
  ),
  settings: { ...DEFAULT_NOTIFICATION_SETTINGS, ...overrides },
});

type Answers = Parameters<typeof fakeTransport>[0];

const storeWith = (answers: Answers = {}) => {
  const fake = fakeTransport({ 'notifications.templates': () => ({ ok: true, data: loaded() }), ...answers });
  const store = createDeskStore({ client: createClient(fake.transport), applyLanguage: async () => undefined, reportError: vi.fn(), newCorrelationId: () => 'corr-1' });
  return { store, fake };
};

const SMS_EN = { event: 'TOKEN_DELETED', channel: 'SMS', language: 'en' } as const;

describe('template editor store', () => {
  it('is a screen for an administrator only', async () => {
    const { store } = storeWith();
    store.setState({ phase: 'ready', session: buildSignedIn({ role: 'agent' }) });
    await store.getState().openTemplateEditor();
    expect(screenSelectors.screen(store.getState())).toBe('workspace');
    store.setState({ session: buildSignedIn({ role: 'admin', agentId: 'admin.tanaka' }) });
    expect(screenSelectors.screen(store.getState())).toBe('templates');
  });

  it('keeps a draft per template while another is edited, and reverts to what is saved', async () => {
    const { store } = storeWith();
    await store.getState().openTemplateEditor();
    store.getState().selectTemplate(SMS_EN);
    store.getState().editTemplate({ body: 'Draft one {{customerServiceNumber}}' });
    store.getState().selectTemplate({ language: 'ja' });
    expect(adminSelectors.content({ ...SMS_EN, language: 'ja' })(store.getState())?.body).toContain('削除しました');
    store.getState().selectTemplate({ language: 'en' });
    expect(adminSelectors.content(SMS_EN)(store.getState())?.body).toBe('Draft one {{customerServiceNumber}}');
    store.getState().revertTemplate();
    expect(adminSelectors.isEdited(SMS_EN)(store.getState())).toBe(false);
    expect(adminSelectors.content(SMS_EN)(store.getState())?.body).toContain('was removed from {{wallet}}');
  });

  it('refuses an invalid draft without sending it, and keeps every character', async () => {
    const save = vi.fn();
    const { store, fake } = storeWith({ 'notifications.saveTemplate': save });
    await store.getState().openTemplateEditor();
    store.getState().selectTemplate(SMS_EN);
    const body = 'Removed {{reason}} from {{walet}}.';
    store.getState().editTemplate({ body });
    await store.getState().saveTemplate();
    const { save: outcome, drafts } = store.getState().templateEditor;
    expect(outcome.state).toBe('invalid');
    if (outcome.state === 'invalid') {
      expect(outcome.problems.map((problem) => problem.code)).toEqual(['OPTIONAL_OUTSIDE_SENTENCE', 'UNKNOWN_PLACEHOLDER', 'CUSTOMER_SERVICE_NUMBER_MISSING']);
    }
    expect(drafts['TOKEN_DELETED/SMS/en']?.body).toBe(body);
    expect(fake.invocations.map((call) => call.name)).not.toContain('notifications.saveTemplate');
  });

  it('shows the problems core or the backend names when they refuse, and keeps the draft', async () => {
    const { store } = storeWith({
      'notifications.saveTemplate': () => failure('TEMPLATE_INVALID', 'corr-9', ['settings.customerServiceNumber:CUSTOMER_SERVICE_NUMBER_NOT_SET']),
    });
    await store.getState().openTemplateEditor();
    store.getState().selectTemplate(SMS_EN);
    store.getState().editTemplate({ body: 'Removed. Call {{customerServiceNumber}}.' });
    await store.getState().saveTemplate();
    const { save, drafts } = store.getState().templateEditor;
    expect(save).toMatchObject({ state: 'invalid', problems: [{ code: 'CUSTOMER_SERVICE_NUMBER_NOT_SET', field: 'settings.customerServiceNumber' }] });
    expect(drafts['TOKEN_DELETED/SMS/en']?.body).toBe('Removed. Call {{customerServiceNumber}}.');
  });

  it('saves a valid draft: what is saved replaces the old template and the draft is gone', async () => {
    const { store, fake } = storeWith({
      'notifications.saveTemplate': (input) => {
        const { key, content } = input as { key: typeof SMS_EN; content: { subject: null; body: string } };
        return { ok: true, data: { ...key, ...content, updatedAt: '2026-11-23T01:00:00.000Z', updatedBy: 'admin.tanaka' } };
      },
    });
    await store.getState().openTemplateEditor();
    store.getState().selectTemplate(SMS_EN);
    store.getState().editTemplate({ body: 'Removed. Call {{customerServiceNumber}}.' });
    await store.getState().saveTemplate();
    expect(store.getState().templateEditor.save).toEqual({ state: 'saved', id: 'TOKEN_DELETED/SMS/en' });
    expect(adminSelectors.saved(SMS_EN)(store.getState())).toMatchObject({ body: 'Removed. Call {{customerServiceNumber}}.', updatedBy: 'admin.tanaka' });
    expect(adminSelectors.isEdited(SMS_EN)(store.getState())).toBe(false);
    expect(fake.invocations.find((call) => call.name === 'notifications.saveTemplate')?.input).toEqual({
      key: SMS_EN,
      content: { subject: null, body: 'Removed. Call {{customerServiceNumber}}.' },
    });
  });

  it('a failure that is not a refusal keeps the draft too', async () => {
    const { store } = storeWith({ 'notifications.saveTemplate': () => failure('BACKEND_UNAVAILABLE', 'corr-5') });
    await store.getState().openTemplateEditor();
    store.getState().selectTemplate(SMS_EN);
    store.getState().editTemplate({ body: 'Removed. Call {{customerServiceNumber}}.' });
    await store.getState().saveTemplate();
    expect(store.getState().templateEditor.save).toMatchObject({ state: 'failed', error: { code: 'BACKEND_UNAVAILABLE' } });
    expect(adminSelectors.isEdited(SMS_EN)(store.getState())).toBe(true);
  });
});

describe('problem messages', () => {
  const problem = (code: TemplateProblem['code']): TemplateProblem => ({ code, field: 'body', start: 0, end: 4, placeholder: 'reason', suggestion: 'wallet' });

  it.each(['ja', 'en'] as const)('say every problem in %s, with template syntax shown as written', (language) => {
    const i18n = createI18n(language);
    for (const code of TEMPLATE_PROBLEM_CODES) {
      const message = problemMessage(problem(code), i18n.t, language);
      expect(message.trim(), code).not.toBe('');
      expect(message, code).not.toMatch(/undefined|notifications\./);
    }
    expect(problemMessage(problem('OPTIONAL_OUTSIDE_SENTENCE'), i18n.t, language)).toContain('{{reason}}');
    expect(problemMessage(problem('UNKNOWN_PLACEHOLDER'), i18n.t, language)).toContain('{{wallet}}');
  });

  it('place a problem by line and character, as a person counts them', () => {
    expect(lineAndColumn('ab\ncd{{x}}', 5)).toEqual({ line: 2, column: 3 });
    expect(lineAndColumn('🙂{{x}}', 2)).toEqual({ line: 1, column: 2 });
    const t = createI18n('en').t;
    expect(problemPlace({ code: 'STRAY_BRACE', field: 'body', start: 5, end: 6 }, 'ab\ncd}', t)).toBe('Body, line 2, character 3');
    expect(problemPlace({ code: 'SUBJECT_REQUIRED', field: 'subject', start: null, end: null }, '', t)).toBe('Subject');
  });
});

describe('TemplateEditorScreen', () => {
  const render = (language: Language, prepare: (store: ReturnType<typeof storeWith>['store']) => void): string => {
    const { store } = storeWith();
    store.setState({
      phase: 'ready',
      session: buildSignedIn({ role: 'admin', agentId: 'admin.tanaka' }),
      language,
      templateEditor: { ...store.getState().templateEditor, open: true, loaded: loaded() },
    });
    prepare(store);
    store.getInitialState = store.getState;
    return renderToStaticMarkup(
      <I18nextProvider i18n={createI18n(language)}>
        <DeskStoreProvider store={store}>
          <TemplateEditor />
        </DeskStoreProvider>
      </I18nextProvider>,
    );
  };

  it('previews Japanese and English side by side, with and without the optional values', () => {
    const html = text(render('ja', (store) => store.getState().selectTemplate({ event: 'TOKEN_DELETED', channel: 'SMS', language: 'ja' })));
    expect(html).toContain('末尾4821のカードをApple Payから削除しました。端末: 佐藤さんのiPhone。削除の理由はお客様からのご依頼です。');
    expect(html).toContain('末尾4821のカードをApple Payから削除しました。詳細は0120-000-123へお問い合わせください。');
    expect(html).toContain('Your card ending 4821 was removed from Apple Pay. For details, call 0120-000-123.');
    expect(html).toContain('問題はありません。このまま保存できます。');
  });

  it('lists each problem at its place and marks the preview that cannot be made', () => {
    const html = text(
      render('en', (store) => {
        store.getState().selectTemplate(SMS_EN);
        store.getState().editTemplate({ body: 'Card {{fpanLastDigits}}\nremoved {{reason}}. Call {{customerServiceNumber}}.' });
      }),
    );
    expect(html).toContain('Body, line 2, character 9');
    expect(html).toContain('{{reason}} may have no value, so it may only stand inside an optional sentence');
    expect(html).toContain('1 problem(s)');
    expect(html).toContain('This template has 1 problem(s), so no notification can be made from it.');
    expect(html).toContain('Unsaved changes');
  });

  it('says when the platform sends no notifications because the issuer sends its own OTP', () => {
    const { store } = storeWith();
    store.setState({
      phase: 'ready',
      session: buildSignedIn({ role: 'admin' }),
      language: 'en',
      templateEditor: { ...store.getState().templateEditor, open: true, loaded: loaded({ issuerSendsOwnOtp: true }) },
    });
    store.getInitialState = store.getState;
    const html = renderToStaticMarkup(
      <I18nextProvider i18n={createI18n('en')}>
        <DeskStoreProvider store={store}>
          <TemplateEditor />
        </DeskStoreProvider>
      </I18nextProvider>,
    );
    expect(text(html)).toContain('the platform sends no notifications to cardholders');
  });
});
