import { describe, expect, it } from 'vitest';
import type { NotificationTemplates } from '../../../../shared/api/notifications';
import { DEFAULT_NOTIFICATION_SETTINGS, DEFAULT_NOTIFICATION_TEMPLATES } from '../../../../shared/domain/default-notification-templates';
import { previewNotification, type PreviewInput } from '../../../../renderer/components/actions/notification-preview';
import { buildCardholder, buildToken } from '../lookup/builders';
import { buildPolicy } from './builders';

const templates: NotificationTemplates = {
  templates: DEFAULT_NOTIFICATION_TEMPLATES.map((template) => ({ ...template, updatedAt: '2026-11-01T00:00:00.000Z', updatedBy: null })),
  settings: { ...DEFAULT_NOTIFICATION_SETTINGS },
};

const input = (overrides: Partial<PreviewInput> = {}): PreviewInput => ({
  operation: 'delete',
  policy: buildPolicy(),
  templates,
  cardholder: buildCardholder(),
  token: buildToken(),
  reasonIn: (language) => (language === 'ja' ? '端末の紛失' : 'Device lost'),
  ...overrides,
});

describe('previewNotification: the text the cardholder will receive, before the agent confirms', () => {
  it('renders the SMS in Japanese with the card’s last four, the wallet, the device and the reason', () => {
    const preview = previewNotification(input());
    expect(preview).toMatchObject({ channel: 'SMS', language: 'ja', subject: null });
    expect(preview?.body).toContain('末尾4821のカード');
    expect(preview?.body).toContain('Apple Pay');
    expect(preview?.body).toContain('端末: iPhone 15。');
    expect(preview?.body).toContain('削除の理由は端末の紛失です。');
    expect(preview?.body).toContain(DEFAULT_NOTIFICATION_SETTINGS.customerServiceNumber);
  });

  it('drops the device sentence when the wallet gave no device name', () => {
    const preview = previewNotification(input({ token: buildToken({ device: { name: null, type: 'PHONE', tokenStorageId: 'SE-0001' } }) }));
    expect(preview?.body).not.toContain('端末:');
    expect(preview?.body).toContain('末尾4821');
  });

  it('sends e-mail with a subject, in English, to a cardholder with a Latin name and no phone', () => {
    const cardholder = buildCardholder({ name: { kanji: null, kana: null, latin: 'John Smith' }, contacts: [{ channel: 'EMAIL', masked: 'j***@example.com' }] });
    const preview = previewNotification(input({ cardholder }));
    expect(preview).toMatchObject({ channel: 'EMAIL', language: 'en' });
    expect(preview?.subject).toEqual(expect.any(String));
    expect(preview?.body).toContain('4821');
    expect(preview?.body).toContain('Device lost');
  });

  it('gives an activation no reason, as the platform sends it', () => {
    const seen: string[] = [];
    previewNotification(input({ operation: 'activate', reasonIn: (language) => (seen.push(language), 'x') }));
    expect(seen).toEqual([]);
  });

  it('prints the last four only, even from a full card number', () => {
    const pan = ['4111', '1111', '1111', '1111'].join('');
    const preview = previewNotification(input({ token: buildToken({ fundingLastFour: pan }) }));
    expect(preview?.body).not.toContain(pan);
    expect(preview?.body).toContain('末尾1111');
  });

  it('shows nothing when notifications are off, templates or cardholder are missing, or there is no contact', () => {
    expect(previewNotification(input({ policy: buildPolicy({ platformNotifications: false }) }))).toBeNull();
    expect(previewNotification(input({ templates: null }))).toBeNull();
    expect(previewNotification(input({ templates: { ...templates, settings: { ...templates.settings, issuerSendsOwnOtp: true } } }))).toBeNull();
    expect(previewNotification(input({ cardholder: null }))).toBeNull();
    expect(previewNotification(input({ cardholder: buildCardholder({ cardholderId: 'C0000002' }) }))).toBeNull();
    expect(previewNotification(input({ cardholder: buildCardholder({ contacts: [] }) }))).toBeNull();
    expect(previewNotification(input({ templates: { ...templates, templates: [] } }))).toBeNull();
  });
});
