import fc from 'fast-check';
import { grouped, luhnCheckDigit, testPan } from '../electron/helpers/card-numbers';

/**
 * Free text as people type it and systems send it, for the free-text rule's tests: card numbers
 * written every way the one detector must read as one, somewhere in ordinary text, and ordinary
 * text holding digits it must let through. Card numbers are built at run time: the tree holds none.
 */

/** Every run is seeded: a failure names its seed, and FREE_TEXT_SEED replays it. */
export const SEED = process.env.FREE_TEXT_SEED === undefined ? Math.floor(Math.random() * 0x7fffffff) : Number(process.env.FREE_TEXT_SEED);

/** Runs a property with the run's seed; a failure says which seed to replay. */
export const checkProperty = async <Ts extends unknown[]>(property: fc.IRawProperty<Ts>, numRuns: number): Promise<void> => {
  try {
    // fc.assert runs either kind; awaiting a synchronous one's undefined costs nothing.
    await fc.assert(property as fc.IAsyncProperty<Ts>, { seed: SEED, numRuns });
  } catch (error) {
    throw new Error(`failed with seed ${SEED} (replay: FREE_TEXT_SEED=${SEED}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
};

/** A 13–19 digit card number in ASCII digits, Luhn-valid or one off. */
const cardDigits = fc
  .tuple(fc.integer({ min: 13, max: 19 }), fc.boolean())
  .chain(([length, luhn]) =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length - 1, maxLength: length - 1 }).map((digits) => {
      const partial = digits.join('');
      return partial + (luhn ? luhnCheckDigit(partial) : String((Number(luhnCheckDigit(partial)) + 1) % 10));
    }),
  );

/** Each script's zero: ASCII, full-width, Arabic-Indic, Devanagari, Bengali, Thai, mathematical bold. */
const ZEROS = [0x30, 0xff10, 0x660, 0x966, 0x9e6, 0xe50, 0x1d7ce] as const;
const DIGIT_SCRIPTS = ['ascii', 'full-width', 'arabic-indic', 'devanagari', 'bengali', 'thai', 'mathematical', 'mixed'] as const;
type DigitScript = (typeof DIGIT_SCRIPTS)[number];

/**
 * What can stand between two digits: spaces of every kind (no-break, ideographic, thin, narrow),
 * a tab, dots, slashes, underscores, dashes of every kind, the IME's long-vowel mark, commas,
 * colons, invisible characters, and doubled or mixed ones (at most three).
 */
const SEPARATORS = [
  ' ',
  '\u00a0',
  '\u3000',
  '\u2009',
  '\u202f',
  '\t',
  '.',
  '/',
  '_',
  '-',
  '\u2010',
  '\u2013',
  '\u2014',
  '\uff0d',
  'ー',
  ',',
  ':',
  '\u30fb',
  '\u200b',
  '\u00ad',
  '  ',
  ' - ',
  '--',
  '\u00a0\u00a0',
  ' / ',
  '._',
] as const;

/** Each script lays its digits out as ten code points from its zero. */
const digitIn = (digit: string, script: Exclude<DigitScript, 'mixed'>): string => String.fromCodePoint((ZEROS[DIGIT_SCRIPTS.indexOf(script)] ?? 0x30) + Number(digit));

interface WrittenCardNumber {
  readonly digits: string;
  readonly text: string;
  readonly script: DigitScript;
  readonly separators: readonly string[];
}

/** A card number as written: one script or mixed, grouped evenly by one separator or broken anywhere by any. */
const writtenCardNumber: fc.Arbitrary<WrittenCardNumber> = fc
  .tuple(
    cardDigits,
    fc.constantFrom(...DIGIT_SCRIPTS),
    fc.oneof(
      // Evenly grouped by one separator, as on the card: 4-4-4-4, or 3s, or 2s…
      fc.tuple(fc.constantFrom('', ...SEPARATORS), fc.integer({ min: 1, max: 6 })).map(([separator, group]) => (index: number) => (index % group === 0 ? separator : '')),
      // A separator of any kind, or none, between any two digits.
      fc.array(fc.constantFrom('', ...SEPARATORS), { minLength: 18, maxLength: 18 }).map((gaps) => (index: number) => gaps[index - 1] ?? ''),
    ),
    fc.array(fc.integer({ min: 0, max: DIGIT_SCRIPTS.length - 2 }), { minLength: 19, maxLength: 19 }),
  )
  .map(([digits, script, gapAt, mixed]) => {
    const separators: string[] = [];
    const text = Array.from(digits)
      .map((digit, index) => {
        const shown = digitIn(digit, script === 'mixed' ? (DIGIT_SCRIPTS[mixed[index] ?? 0] as Exclude<DigitScript, 'mixed'>) : script);
        if (index === 0) return shown;
        const gap = gapAt(index);
        if (gap !== '') separators.push(gap);
        return gap + shown;
      })
      .join('');
    return { digits, text, script, separators };
  });

/** Ordinary words around the number, Japanese and English, with punctuation a comment has. */
const WORDS = ['お客様', 'から', '電話', 'カード', '番号は', 'です', '。', '、', 'card', 'number', 'is', 'the', 'caller', 'read', 'out', ':', '(', ')', '「', '」', '\n'];
const words = fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }).map((picked) => picked.join(' '));

/** Anything at all, letters, digits and symbols included: the number must be found whatever is around it. */
const noise = fc.oneof(words, fc.string({ maxLength: 10 }), fc.string({ unit: 'grapheme', maxLength: 6 }));

export interface HostileText {
  readonly text: string;
  readonly number: WrittenCardNumber;
}

/** A card number somewhere in free text, or alone. */
export const textWithCardNumber: fc.Arbitrary<HostileText> = fc
  .tuple(noise, writtenCardNumber, noise, fc.constantFrom('', ' ', '\n'))
  .map(([before, number, after, gap]) => ({ text: `${before}${gap}${number.text}${gap}${after}`, number }));

const twoDigits = (max: number, min = 0) => fc.integer({ min, max }).map((value) => String(value).padStart(2, '0'));

/**
 * Digits the rule must let through: phone numbers (Japan, with the country code, toll-free), dates,
 * times, a date with its time to the minute or the second, amounts, correlation ids (UUIDs and the platform's
 * own), and runs of 12 digits, grouped or not.
 */
const innocentPiece: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 100, max: 9999 }), fc.integer({ min: 1000, max: 9999 })).map(([area, exchange, line]) => `0${area}-${exchange}-${line}`),
  fc.tuple(fc.constantFrom('70', '80', '90'), fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 1000, max: 9999 }), fc.constantFrom(' ', '-')).map(([mobile, a, b, sep]) => `+81${sep}${mobile}${sep}${a}${sep}${b}`),
  fc.tuple(fc.integer({ min: 100, max: 999 }), fc.integer({ min: 100, max: 999 })).map(([a, b]) => `0120-${a}-${b}`),
  fc.tuple(fc.integer({ min: 1990, max: 2099 }), twoDigits(12, 1), twoDigits(28, 1), fc.constantFrom('-', '/', '.')).map(([year, month, day, sep]) => `${year}${sep}${month}${sep}${day}`),
  fc.tuple(fc.integer({ min: 1990, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([year, month, day]) => `${year}年${month}月${day}日`),
  fc.tuple(twoDigits(23), twoDigits(59), fc.option(twoDigits(59), { nil: undefined })).map(([hours, minutes, seconds]) => `${hours}:${minutes}${seconds === undefined ? '' : `:${seconds}`}`),
  fc.tuple(fc.integer({ min: 1990, max: 2099 }), twoDigits(12, 1), twoDigits(28, 1), twoDigits(23), twoDigits(59)).map(([year, month, day, hours, minutes]) => `${year}-${month}-${day} ${hours}:${minutes}`),
  fc
    .tuple(fc.integer({ min: 1990, max: 2099 }), twoDigits(12, 1), twoDigits(28, 1), twoDigits(23), twoDigits(59), twoDigits(59), fc.constantFrom('-', '/', '.'), fc.constantFrom(' ', 'T'))
    .map(([year, month, day, hours, minutes, seconds, sep, at]) => `${year}${sep}${month}${sep}${day}${at}${hours}:${minutes}:${seconds}`),
  fc.integer({ min: 0, max: 999_999_999 }).map((yen) => `¥${yen.toLocaleString('en-US')}`),
  fc.integer({ min: 0, max: 999_999_999 }).map((yen) => `${yen.toLocaleString('en-US')}円`),
  fc.uuid(),
  fc.tuple(fc.stringMatching(/^[a-z]{6}$/), fc.stringMatching(/^[0-9]{4}$/), fc.stringMatching(/^[a-z]{6}$/)).map(([a, digits, b]) => `lcm-${a}-${digits}-${b}`),
  fc.stringMatching(/^[0-9]{12}$/),
  fc.stringMatching(/^[0-9]{12}$/).map((digits) => digits.replace(/(\d{4})(?=\d)/g, '$1 ')),
);

/** Ordinary free text with digits in it: innocent pieces, each apart from the next by a word. */
export const innocentText: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom('電話', 'お客様の', 'on', 'ref', 'と', 'call', '確認済み'), innocentPiece), { minLength: 1, maxLength: 4 })
  .map((pieces) => pieces.map(([word, piece]) => `${word} ${piece}`).join(' '));

const PAN = testPan();
const fullWidth = (text: string): string => text.replace(/[0-9]/g, (digit) => String.fromCodePoint(0xff10 + Number(digit)));

/** One card number in each form a test names: every separator, width and setting the rule must catch. */
export const CARD_NUMBER_FORMS: ReadonlyArray<readonly [string, string]> = [
  ['digits only', PAN],
  ['grouped by spaces', grouped(PAN, ' ')],
  ['grouped by dashes', grouped(PAN, '-')],
  ['grouped by dots', grouped(PAN, '.')],
  ['grouped by slashes', grouped(PAN, '/')],
  ['grouped by underscores', grouped(PAN, '_')],
  ['grouped by double spaces', grouped(PAN, '  ')],
  ['grouped by no-break spaces', grouped(PAN, '\u00a0')],
  ['grouped by ideographic spaces', grouped(PAN, '\u3000')],
  ['grouped by tabs', grouped(PAN, '\t')],
  ['in full-width digits', fullWidth(PAN)],
  ['in full-width digits and dashes', fullWidth(grouped(PAN, '－'))],
  ['mixed separators', `${PAN.slice(0, 4)} ${PAN.slice(4, 8)}-${PAN.slice(8, 12)}.${PAN.slice(12)}`],
  ['a 20-digit run', `${PAN}${PAN.slice(0, 4)}`],
  ['in a Japanese sentence', `お客様のカード番号は${grouped(PAN, '-')}とのこと`],
];
