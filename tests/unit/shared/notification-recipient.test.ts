import { describe, expect, it } from 'vitest';
import { notificationRoute } from '../../../shared/domain/notification-recipient';

const japanese = { kanji: '佐藤 花子', kana: 'サトウ ハナコ' };
const phone = { channel: 'PHONE' as const, masked: '090-****-1234' };
const email = { channel: 'EMAIL' as const, masked: 'h***@example.jp' };

describe('notificationRoute: where and in which language the platform notifies a cardholder', () => {
  it('sends SMS to the phone when the cardholder has one, even when the e-mail is listed first', () => {
    expect(notificationRoute({ name: japanese, contacts: [email, phone] })).toEqual({ contact: phone, channel: 'SMS', language: 'ja' });
  });

  it('sends e-mail when there is no phone', () => {
    expect(notificationRoute({ name: japanese, contacts: [email] })).toEqual({ contact: email, channel: 'EMAIL', language: 'ja' });
  });

  it('has no route without a contact or a cardholder', () => {
    expect(notificationRoute({ name: japanese, contacts: [] })).toBeNull();
    expect(notificationRoute(undefined)).toBeNull();
    expect(notificationRoute(null)).toBeNull();
  });

  it('writes Japanese for a kanji or kana name and English for a Latin name only', () => {
    expect(notificationRoute({ name: { kanji: null, kana: 'スミス' }, contacts: [phone] })?.language).toBe('ja');
    expect(notificationRoute({ name: { kanji: '山田', kana: null }, contacts: [phone] })?.language).toBe('ja');
    expect(notificationRoute({ name: { kanji: null, kana: null }, contacts: [phone] })?.language).toBe('en');
  });
});
