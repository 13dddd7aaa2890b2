import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderTemplate, validateTemplate, PLACEHOLDERS, type NotificationValues, type TemplateToCheck } from '../../../shared/domain/notification-template';
import { DEFAULT_NOTIFICATION_TEMPLATES } from '../../../shared/domain/default-notification-templates';
import { asciiDigits } from '../../../shared/domain/card-number-runs';
import { luhnCheckDigit } from '../electron/helpers/card-numbers';
import { longestDigitRun } from '../../support/digit-runs';

/**
 * Notifications carry last digits only (docs/domain.md, "Cardholder notifications"): nothing ever
 * renders a PAN or DPAN. Full card numbers, built here at run time, are fed into every value and
 * every place in a template; whatever the renderer answers must hold no run of 13 or more digits,
 * counted independently of the code under test.
 */

/** A 13–19 digit card number, Luhn-valid or not. */
const cardNumber = fc
  .tuple(fc.integer({ min: 13, max: 19 }), fc.boolean())
  .chain(([length, luhn]) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length - 1, maxLength: length - 1 }).map((digits) => {
      const partial = digits.join('');
      return partial + (luhn ? luhnCheckDigit(partial) : String((Number(luhnCheckDigit(partial)) + 1) % 10));
    }),
  );

const FULL_WIDTH_ZERO = 0xff10;
/** The number as people and systems write it: grouped by spaces or dashes, in full-width digits, with invisible characters. */
const writtenCardNumber = fc
  .tuple(cardNumber, fc.constantFrom('', ' ', '-', '  ', ' - ', '\u3000', '\u200b', '.', 'ー'), fc.integer({ min: 1, max: 6 }), fc.boolean())
  .map(([digits, separator, group, fullWidth]) => {
    const chars = fullWidth ? Array.from(digits, (digit) => String.fromCodePoint(FULL_WIDTH_ZERO + Number(digit))) : Array.from(digits);
    return chars.map((char, index) => (index > 0 && index % group === 0 ? separator + char : char)).join('');
  });

const filler = fc.string({ maxLength: 12 });
/** Free text with a card number somewhere in it, or just a card number, or ordinary text. */
const hostileText = fc.oneof(
  writtenCardNumber,
  fc.tuple(filler, writtenCardNumber, filler).map(([before, number, after]) => before + number + after),
  fc.tuple(fc.integer({ min: 0, max: 12 }).map((n) => '9'.repeat(n)), writtenCardNumber).map(([digits, number]) => digits + number),
  filler,
);

const optionalValue = fc.option(hostileText, { nil: undefined });
const hostileValues: fc.Arbitrary<NotificationValues> = fc.record({
  fpanLastDigits: fc.oneof(writtenCardNumber, fc.stringMatching(/^[0-9]{1,6}$/)),
  wallet: hostileText,
  customerServiceNumber: fc.oneof(writtenCardNumber, fc.constant('0120-000-123'), fc.stringMatching(/^[0-9]{6,12}$/)),
  deviceName: optionalValue,
  reason: optionalValue,
  cardProductName: optionalValue,
});

const textsOf = (template: TemplateToCheck, values: NotificationValues): string[] => {
  const result = renderTemplate(template, values);
  return result.ok ? [result.body, result.subject ?? ''] : [];
};

describe('no full card number ever comes out of a notification', () => {
  it('the reader-view check itself sees a full number', () => {
    expect(longestDigitRun(`x ${['4111', '1111', '1111', '1111'].join(' - ')} y`)).toBe(16);
  });

  it('whatever goes into the values of any default template', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DEFAULT_NOTIFICATION_TEMPLATES), hostileValues, (template, values) => {
        for (const text of textsOf(template, values)) expect(longestDigitRun(text)).toBeLessThan(13);
      }),
      { numRuns: 600 },
    );
  });

  it('whatever text and placeholders a template is built from', () => {
    const piece = fc.oneof(
      hostileText,
      fc.constantFrom(...PLACEHOLDERS.map((name) => `{{${name}}}`)),
      fc.constantFrom(...PLACEHOLDERS).map((name) => `{{ ${name} {{${name}}} }}`),
      fc.constantFrom('{{ ', ' }}', '{', '}'),
    );
    const template = fc
      .tuple(fc.array(piece, { maxLength: 8 }), fc.array(piece, { maxLength: 4 }), fc.constantFrom('SMS' as const, 'EMAIL' as const))
      .map(([body, subject, channel]): TemplateToCheck => ({
        channel,
        subject: channel === 'EMAIL' ? subject.join('') || 'Subject' : null,
        body: `${body.join('')} {{customerServiceNumber}}`,
      }));
    fc.assert(
      fc.property(template, hostileValues, (built, values) => {
        const texts = textsOf(built, values);
        for (const text of texts) expect(longestDigitRun(text)).toBeLessThan(13);
        // A template that renders passed validation: no card number stood in its own text.
        if (texts.length > 0) expect(validateTemplate(built, { customerServiceNumber: '0120-000-123' })).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('whatever is passed as fpanLastDigits, only its last four digits are printed', () => {
    const template = DEFAULT_NOTIFICATION_TEMPLATES.find((candidate) => candidate.channel === 'SMS' && candidate.language === 'en');
    if (!template) throw new Error('no English SMS template');
    fc.assert(
      fc.property(writtenCardNumber, (pan) => {
        const result = renderTemplate(template, { fpanLastDigits: pan, wallet: 'Apple Pay', customerServiceNumber: '0120-000-123' });
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.body).toContain(`ending ${asciiDigits(pan).slice(-4)} in`);
      }),
    );
  });
});
