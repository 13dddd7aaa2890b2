import { describe, expect, it } from 'vitest';
import {
  problemField,
  problemFromField,
  renderTemplate,
  validateTemplate,
  type NotificationValues,
  type TemplateProblem,
  type TemplateToCheck,
} from '../../../shared/domain/notification-template';
import { DEFAULT_NOTIFICATION_SETTINGS, DEFAULT_NOTIFICATION_TEMPLATES } from '../../../shared/domain/default-notification-templates';
import { NotificationEvent } from '../../../shared/api/notifications';
import { grouped, testPan } from '../electron/helpers/card-numbers';

const settings = { customerServiceNumber: '0120-000-123' };
const CALL = ' Call {{customerServiceNumber}}.';
const sms = (body: string): TemplateToCheck => ({ channel: 'SMS', subject: null, body });
const email = (subject: string | null, body: string): TemplateToCheck => ({ channel: 'EMAIL', subject, body });

const codes = (problems: readonly TemplateProblem[]) => problems.map((problem) => problem.code);

const values: NotificationValues = {
  fpanLastDigits: '1234',
  wallet: 'Google Pay',
  customerServiceNumber: '0120-000-123',
  deviceName: 'Pixel 9',
  reason: 'lost phone',
  cardProductName: 'Sakura Gold',
};

const bodyOf = (template: TemplateToCheck, with_: NotificationValues = values): string => {
  const result = renderTemplate(template, with_);
  if (!result.ok) throw new Error(`render refused: ${codes(result.problems).join(', ')}`);
  return result.body;
};

describe('validateTemplate', () => {
  it('accepts the platform\'s deletion example with its optional reason sentence', () => {
    const body =
      '末尾が{{fpanLastDigits}}のカードが正常に{{wallet}}から削除されました。{{ 端末は{{deviceName}}です。 }}{{ 削除の理由は {{reason}}. }} 詳細が必要な場合は、次までお問い合わせください：{{customerServiceNumber}}';
    expect(validateTemplate(sms(body), settings)).toEqual([]);
  });

  it('names an unknown placeholder where it stands, and the one probably meant', () => {
    const body = `Card {{fpanLast4}} in {{Wallet}}.${CALL}`;
    const problems = validateTemplate(sms(body), settings);
    expect(problems).toEqual([
      { code: 'UNKNOWN_PLACEHOLDER', field: 'body', start: 5, end: 18, placeholder: 'fpanLast4' },
      { code: 'UNKNOWN_PLACEHOLDER', field: 'body', start: 22, end: 32, placeholder: 'Wallet', suggestion: 'wallet' },
    ]);
    expect(body.slice(5, 18)).toBe('{{fpanLast4}}');
  });

  it('suggests a placeholder one letter off', () => {
    const [problem] = validateTemplate(sms(`{{walet}}${CALL}`), settings);
    expect(problem).toMatchObject({ code: 'UNKNOWN_PLACEHOLDER', suggestion: 'wallet' });
  });

  it('asks for a placeholder written exactly, without spaces in its braces', () => {
    const [problem] = validateTemplate(sms(`Card in {{ wallet }}.${CALL}`), settings);
    expect(problem).toEqual({ code: 'PLACEHOLDER_NOT_EXACT', field: 'body', start: 8, end: 20, placeholder: 'wallet', suggestion: 'wallet' });
  });

  it.each(['reason', 'deviceName', 'cardProductName'])('refuses the optional {{%s}} outside an optional sentence', (name) => {
    const problems = validateTemplate(sms(`Removed: {{${name}}}.${CALL}`), settings);
    expect(problems).toEqual([{ code: 'OPTIONAL_OUTSIDE_SENTENCE', field: 'body', start: 9, end: 13 + name.length, placeholder: name }]);
  });

  it('refuses an optional sentence with no optional placeholder: its braces would mean nothing', () => {
    const problems = validateTemplate(sms(`{{ Card {{fpanLastDigits}}. }}${CALL}`), settings);
    expect(codes(problems)).toEqual(['SENTENCE_WITHOUT_OPTIONAL']);
    expect(problems[0]).toMatchObject({ start: 0, end: 30 });
  });

  it('finds unbalanced and stray braces, each at its place', () => {
    expect(validateTemplate(sms(`{{ Reason {{reason}}.${CALL}`), settings)).toEqual([
      { code: 'UNCLOSED_SENTENCE', field: 'body', start: 0, end: 2 },
    ]);
    expect(codes(validateTemplate(sms(`Done. }}${CALL}`), settings))).toEqual(['UNMATCHED_CLOSE']);
    expect(codes(validateTemplate(sms(`{wallet} card.${CALL}`), settings))).toEqual(['STRAY_BRACE', 'STRAY_BRACE']);
    expect(codes(validateTemplate(sms(`{{ a {{ b {{reason}} }} }}${CALL}`), settings))).toEqual(['NESTED_SENTENCE', 'UNMATCHED_CLOSE']);
  });

  it.each([
    ['plain', () => testPan('4', 16)],
    ['grouped by spaces', () => grouped(testPan('5', 16), ' ')],
    ['grouped by dashes', () => grouped(testPan('5', 16), '-')],
    ['13 digits', () => testPan('4', 13)],
    ['19 digits', () => testPan('62', 19)],
    ['not Luhn-valid', () => '1'.repeat(16)],
    ['full-width', () => '１'.repeat(16)],
    ['25 digits in a row', () => '2'.repeat(25)],
  ])('refuses anything that looks like a full card number: %s', (_label, build) => {
    const number = build();
    const body = `Your card ${number} is ready.${CALL}`;
    const problems = validateTemplate(sms(body), settings);
    expect(problems).toEqual([{ code: 'CARD_NUMBER', field: 'body', start: 10, end: 10 + number.length }]);
  });

  it('counts the four digits {{fpanLastDigits}} prints: nine digits beside it make a card number', () => {
    expect(codes(validateTemplate(sms(`No. 123456789{{fpanLastDigits}}.${CALL}`), settings))).toEqual(['CARD_NUMBER']);
    expect(validateTemplate(sms(`No. 12345678{{fpanLastDigits}}.${CALL}`), settings)).toEqual([]);
  });

  it('keeps amounts, dates and references shorter than a card number', () => {
    expect(validateTemplate(sms(`On 2026-11-23 at 10:00, ref 123456789012.${CALL}`), settings)).toEqual([]);
  });

  it('wants the customer-service number printed in the body, outside optional sentences', () => {
    expect(validateTemplate(sms('Card {{fpanLastDigits}} removed.'), settings)).toEqual([
      { code: 'CUSTOMER_SERVICE_NUMBER_MISSING', field: 'body', start: null, end: null },
    ]);
    expect(codes(validateTemplate(sms('Removed. {{ {{reason}}, call {{customerServiceNumber}}. }}'), settings))).toEqual([
      'CUSTOMER_SERVICE_NUMBER_MISSING',
    ]);
  });

  it('refuses every template while no customer-service number is configured', () => {
    expect(validateTemplate(sms(`Card removed.${CALL}`), { customerServiceNumber: null })).toEqual([
      { code: 'CUSTOMER_SERVICE_NUMBER_NOT_SET', field: 'settings.customerServiceNumber', start: null, end: null },
    ]);
  });

  it('wants a subject on an e-mail and none on an SMS; a subject is one line', () => {
    expect(codes(validateTemplate(email(null, `Hi.${CALL}`), settings))).toEqual(['SUBJECT_REQUIRED']);
    expect(codes(validateTemplate(email('  ', `Hi.${CALL}`), settings))).toEqual(['SUBJECT_REQUIRED']);
    expect(codes(validateTemplate({ channel: 'SMS', subject: 'Hello', body: `Hi.${CALL}` }, settings))).toEqual(['SUBJECT_NOT_ALLOWED']);
    expect(validateTemplate(email('Card\nremoved', `Hi.${CALL}`), settings)).toEqual([
      { code: 'SUBJECT_MULTILINE', field: 'subject', start: 4, end: 5 },
    ]);
  });

  it('checks the subject like the body', () => {
    const problems = validateTemplate(email('Removed from {{wallet}} {{reason}}', `Hi.${CALL}`), settings);
    expect(problems).toEqual([{ code: 'OPTIONAL_OUTSIDE_SENTENCE', field: 'subject', start: 24, end: 34, placeholder: 'reason' }]);
  });

  it('refuses an empty body', () => {
    expect(codes(validateTemplate(sms('   '), settings))).toEqual(['BODY_REQUIRED']);
  });
});

describe('problems as field paths', () => {
  it('round-trips a problem through the path a typed error carries, without any value in it', () => {
    const problem: TemplateProblem = { code: 'UNKNOWN_PLACEHOLDER', field: 'body', start: 5, end: 18 };
    expect(problemField(problem)).toBe('body:UNKNOWN_PLACEHOLDER:5-18');
    expect(problemFromField(problemField(problem))).toEqual(problem);
    const whole: TemplateProblem = { code: 'CUSTOMER_SERVICE_NUMBER_NOT_SET', field: 'settings.customerServiceNumber', start: null, end: null };
    expect(problemFromField(problemField(whole))).toEqual(whole);
  });

  it('reads a plain path or an unknown code as no problem', () => {
    expect(problemFromField('body')).toBeNull();
    expect(problemFromField('body:NO_SUCH_CODE')).toBeNull();
    expect(problemFromField('values.pan:VALUE_MISSING')).toBeNull();
  });
});

describe('renderTemplate', () => {
  const deleted = sms(
    '末尾が{{fpanLastDigits}}のカードが{{wallet}}から削除されました。{{ 削除の理由は{{reason}}です。 }}詳細は{{customerServiceNumber}}まで。',
  );

  it('fills every placeholder and keeps an optional sentence whose value is there', () => {
    expect(bodyOf(deleted)).toBe('末尾が1234のカードがGoogle Payから削除されました。削除の理由はlost phoneです。詳細は0120-000-123まで。');
  });

  it('leaves the whole optional sentence out when its value is missing', () => {
    const body = bodyOf(deleted, { ...values, reason: null });
    expect(body).toBe('末尾が1234のカードがGoogle Payから削除されました。詳細は0120-000-123まで。');
    expect(body).not.toContain('削除の理由は');
  });

  it('treats a blank value as missing', () => {
    expect(bodyOf(deleted, { ...values, reason: '  ' })).not.toContain('削除の理由は');
  });

  it('closes the gap a dropped sentence leaves in English: one space between sentences, none before punctuation', () => {
    const template = sms('Removed from {{wallet}} {{ on {{deviceName}} }}. {{ Reason: {{reason}}. }} Call {{customerServiceNumber}}.');
    expect(bodyOf(template)).toBe('Removed from Google Pay on Pixel 9. Reason: lost phone. Call 0120-000-123.');
    expect(bodyOf(template, { ...values, deviceName: null, reason: undefined })).toBe('Removed from Google Pay. Call 0120-000-123.');
    const atLineStart = sms('{{ Thanks for using {{cardProductName}}. }}\nCall {{customerServiceNumber}}.');
    expect(bodyOf(atLineStart, { ...values, cardProductName: null })).toBe('\nCall 0120-000-123.');
  });

  it('shows a sentence only when every optional value in it is there', () => {
    const template = sms('Done. {{ {{deviceName}} said {{reason}}. }} Call {{customerServiceNumber}}.');
    expect(bodyOf(template)).toBe('Done. Pixel 9 said lost phone. Call 0120-000-123.');
    expect(bodyOf(template, { ...values, reason: null })).toBe('Done. Call 0120-000-123.');
  });

  it('prints a value as text: braces in a value are not read as a template', () => {
    expect(bodyOf(deleted, { ...values, reason: '{{customerServiceNumber}}' })).toContain('削除の理由は{{customerServiceNumber}}です。');
  });

  it('puts a value on one line and bounds its length', () => {
    const bell = String.fromCharCode(7);
    const body = bodyOf(deleted, { ...values, reason: `stolen\r\nCall 0000${bell} now ${'x'.repeat(300)}` });
    expect(body).not.toContain('\r');
    expect(body).not.toContain(bell);
    expect(body).toContain('stolen Call 0000 now');
    expect(body.length).toBeLessThan(200);
  });

  it('prints only the last four digits of a full card number passed as fpanLastDigits', () => {
    const pan = testPan('4', 16);
    const result = renderTemplate(deleted, { ...values, fpanLastDigits: pan });
    expect(result).toMatchObject({ ok: true, masked: true });
    if (result.ok) expect(result.body).toContain(`末尾が${pan.slice(-4)}のカード`);
  });

  it('masks a card number hidden in a free-text value to its last four', () => {
    const pan = grouped(testPan('5', 16), ' ');
    const result = renderTemplate(deleted, { ...values, reason: `card ${pan} reported` });
    expect(result).toMatchObject({ ok: true, masked: true });
    if (result.ok) expect(result.body).toContain(`削除の理由はcard ****${pan.slice(-4)} reportedです。`);
  });

  it('masks a card number formed where the text meets a value', () => {
    const result = renderTemplate(sms('Ref 12345678{{fpanLastDigits}} {{wallet}}. Call {{customerServiceNumber}}.'), { ...values, wallet: '9 Pay' });
    // 12345678 + 1234 + " 9" = 13 digits only once the wallet's name is printed.
    expect(result).toMatchObject({ ok: true, masked: true, body: 'Ref ****2349 Pay. Call 0120-000-123.' });
  });

  it('renders the subject of an e-mail', () => {
    const result = renderTemplate(email('Your {{ {{cardProductName}} }} card left {{wallet}}', `Hi.${CALL}`), { ...values, cardProductName: null });
    expect(result).toMatchObject({ ok: true, subject: 'Your card left Google Pay', body: 'Hi. Call 0120-000-123.' });
  });

  it('refuses an invalid template, and values the message cannot go without', () => {
    const invalid = renderTemplate(sms('Card {{pan}}.'), values);
    expect(invalid.ok).toBe(false);
    const missing = renderTemplate(deleted, { ...values, wallet: ' ', fpanLastDigits: 'none' });
    expect(missing).toEqual({
      ok: false,
      problems: [
        { code: 'VALUE_MISSING', field: 'values.fpanLastDigits', start: null, end: null, placeholder: 'fpanLastDigits' },
        { code: 'VALUE_MISSING', field: 'values.wallet', start: null, end: null, placeholder: 'wallet' },
      ],
    });
  });
});

describe('default templates', () => {
  it('cover every event, SMS and e-mail, Japanese and English, once each', () => {
    const keys = DEFAULT_NOTIFICATION_TEMPLATES.map((template) => `${template.event}/${template.channel}/${template.language}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(NotificationEvent.options.length * 2 * 2);
  });

  it.each(DEFAULT_NOTIFICATION_TEMPLATES.map((template) => [`${template.event} ${template.channel} ${template.language}`, template] as const))(
    '%s passes validation and renders with and without the optional values',
    (_label, template) => {
      expect(validateTemplate(template, DEFAULT_NOTIFICATION_SETTINGS)).toEqual([]);
      const full = renderTemplate(template, values);
      const bare = renderTemplate(template, { fpanLastDigits: '1234', wallet: 'Apple Pay', customerServiceNumber: DEFAULT_NOTIFICATION_SETTINGS.customerServiceNumber });
      expect(full.ok && bare.ok).toBe(true);
      if (!full.ok || !bare.ok) return;
      for (const text of [full.body, bare.body, full.subject ?? '', bare.subject ?? '']) {
        expect(text).not.toMatch(/[{}]/);
        expect(text).not.toMatch(/ {2}| [.。]|^ /m);
      }
      expect(bare.body).toContain(DEFAULT_NOTIFICATION_SETTINGS.customerServiceNumber);
    },
  );
});
