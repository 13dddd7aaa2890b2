import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CARD_NUMBER_IN_TEXT, FreeText, cardNumberPlace, withoutCardNumber } from '../../../shared/api/free-text';
import { cardNumberRuns, looksLikeCardNumber } from '../../../shared/domain/card-number-runs';
import { grouped, testPan } from '../electron/helpers/card-numbers';

const pan = testPan();
/** A UUID whose hex groups hold 14 decimal digits in a row (…-4123-8123-1234567890ab). */
const DIGITS_UUID = 'c0ffee00-1a2b-4123-8123-1234567890ab';

describe('the one detector reads a UUID as a word', () => {
  it('a correlation id is not a card number, wherever it stands in a sentence', () => {
    expect(looksLikeCardNumber(DIGITS_UUID)).toBe(false);
    expect(looksLikeCardNumber(`問い合わせ番号 ${DIGITS_UUID} の件`)).toBe(false);
    expect(looksLikeCardNumber(`(${DIGITS_UUID.toUpperCase()})`)).toBe(false);
  });

  it('cannot hide part of a number: a UUID glued to letters or continued by digits is read as digits', () => {
    expect(looksLikeCardNumber(`x${DIGITS_UUID}`)).toBe(true);
    expect(looksLikeCardNumber(`${DIGITS_UUID.replace(/ab$/, '99')} 1234`)).toBe(true);
    expect(looksLikeCardNumber(`${pan.slice(0, 8)} ${DIGITS_UUID}`)).toBe(true);
  });

  it('a card number beside a UUID is still found, and ends where the UUID starts', () => {
    const text = `${grouped(pan, ' ')} / ${DIGITS_UUID}`.replace(' / ', ' ref ');
    expect(cardNumberRuns(text)).toEqual([{ start: 0, end: 19, digits: 16 }]);
  });
});

describe('dates and times', () => {
  it('a date, a time, and a date with its time to the minute or the second pass', () => {
    for (const text of ['2026-11-23', '2026/11/23 10:30', '10:30:15', '2026年11月23日 10時30分15秒', '2026-11-23T10:30:15.000Z', '2026-11-23 10:30:15', '着信 2026/11/23 09:05:59 に折返し']) {
      expect(looksLikeCardNumber(text), text).toBe(false);
    }
  });

  it('only a real date and time reads as one: a card number grouped like one, or continued by digits, is still found', () => {
    // Month 13, hour 25: no calendar has them, so this is digits in a date's clothes.
    expect(looksLikeCardNumber('2026-13-23 10:30:15')).toBe(true);
    expect(looksLikeCardNumber('2026-11-23 25:30:15')).toBe(true);
    expect(looksLikeCardNumber('2026-11-23 10:30:15 1234')).toBe(true);
    expect(looksLikeCardNumber('4111 2026-11-23 10:30:15')).toBe(true);
  });
});

describe('the FreeText building block', () => {
  it('refuses with the one message and says where the run stands, in characters a person counts', () => {
    // Mathematical bold digits take two UTF-16 units each; the place counts them as one character each.
    const bold = Array.from(pan, (digit) => String.fromCodePoint(0x1d7ce + Number(digit))).join('');
    const issues = FreeText(200).safeParse(`番号 ${bold} です`).error?.issues ?? [];
    expect(issues).toMatchObject([{ code: 'custom', message: CARD_NUMBER_IN_TEXT, params: { from: 4, to: 19 } }]);
    expect(cardNumberPlace(`番号 ${bold}`)).toEqual({ from: 4, to: 19 });
    expect(cardNumberPlace('電話 03-1234-5678')).toBeNull();
  });

  it('never repeats the number in what it says', () => {
    const issues = FreeText(200).safeParse(grouped(pan, '-')).error?.issues ?? [];
    expect(JSON.stringify(issues)).not.toContain(pan.slice(0, 4));
  });

  it("keeps a schema's own checks and adds its own", () => {
    const reason = withoutCardNumber(z.string().regex(/^[A-Za-z0-9 ]{1,64}$/));
    expect(reason.safeParse('DEVICE LOST').success).toBe(true);
    expect(reason.safeParse('端末紛失').success).toBe(false);
    expect(reason.safeParse(grouped(pan, ' ')).error?.issues.map((issue) => issue.message)).toEqual([CARD_NUMBER_IN_TEXT]);
    expect(FreeText(10).safeParse('x'.repeat(11)).success).toBe(false);
  });
});
