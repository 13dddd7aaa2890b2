/**
 * Finds what a reader would take for a full card number (PAN or DPAN) in free text, for the
 * cardholder notifications, which carry last digits only (docs/domain.md, "Cardholder notifications").
 *
 * Stricter than the log redaction on purpose: a notification leaves the issuer, so any run of 13 or
 * more digits counts (a 25-digit run contains a 16-digit one), Luhn-valid or not, in any script's
 * digits (full-width ４１１１ is what a Japanese IME types), with up to three separators between
 * digits: spaces of any kind, any punctuation (dashes, dots, slashes, colons, brackets), the
 * long-vowel mark an IME may put for a dash, and invisible characters that could hide a number from
 * a simpler check. Four asterisks end a run, so a masked number stays one.
 *
 * The same detector guards every free text a person types or a system sends (comments, notes,
 * searches, callbacks, the audit journal, the logs), so one rule decides everywhere.
 * A UUID (a correlation id, which agents quote and every log line carries) is not a card number
 * even where its hex groups happen to hold 13 decimal digits in a row: written whole and standing
 * apart from other letters and digits, it is read as one word. So is a calendar date with its time
 * to the second (2026-11-23 10:30:15), which agents write in notes and logs print: 14 digits in a
 * row, yet no card number is written with a month, a day, an hour and colons where a date has them.
 */

/** Digits in a row that make a run look like a card number (the shortest PAN has 13). */
const CARD_NUMBER_MIN_DIGITS = 13;

/** How many separator characters may stand between two digits of one run. */
const MAX_SEPARATORS = 3;

const DIGIT = /^\p{Nd}$/u;
const SEPARATOR = /^[\p{Z}\s\p{P}\p{Cf}\u30FC\uFF70]$/u;

const isDigitChar = (char: string): boolean => DIGIT.test(char);
const isSeparatorChar = (char: string): boolean => SEPARATOR.test(char);

const UUID = /(?<![\p{L}\p{N}])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![\p{L}\p{N}])/giu;

/** A real date and time of day in ASCII digits: year 1900–2099, month, day, hours, minutes, seconds. */
const DATE_TIME =
  /(?<![\p{L}\p{N}])(?:19|20)\d{2}([-/.])(?:0[1-9]|1[0-2])\1(?:0[1-9]|[12]\d|3[01])[ T](?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?(?![\p{L}\p{N}])/gu;

/** Written whole, these are words, not digits: ids and timestamps people quote. */
const WORDS = [UUID, DATE_TIME] as const;

/** The character that starts at `index`, or ends just before it (`step` -1); '' past either end. */
const charBeside = (text: string, index: number, step: -1 | 1): string =>
  step > 0 ? (index < text.length ? String.fromCodePoint(text.codePointAt(index) ?? 0) : '') : (Array.from(text.slice(Math.max(0, index - 2), index)).at(-1) ?? '');

/** Whether a digit stands within three separators of `from`, looking back (-1) or on (+1). */
const digitNear = (text: string, from: number, step: -1 | 1): boolean => {
  let index = from;
  for (let looked = 0; looked <= MAX_SEPARATORS; looked += 1) {
    const char = charBeside(text, index, step);
    if (char === '' || !(isDigitChar(char) || isSeparatorChar(char))) return false;
    if (isDigitChar(char)) return true;
    index += step * char.length;
  }
  return false;
};

/**
 * Where the words of `text` (UUIDs, date-times) stand, start to end offset; one that digits
 * continue on either side (within three separators) is read as digits like the rest, so it cannot
 * hide part of a number.
 */
const wordSpans = (text: string): Map<number, number> => {
  const spans = new Map<number, number>();
  for (const pattern of WORDS) {
    for (const match of text.matchAll(pattern)) {
      const end = match.index + match[0].length;
      if (!digitNear(text, match.index, -1) && !digitNear(text, end, 1)) spans.set(match.index, end);
    }
  }
  return spans;
};

/** One run of digits in `text`, as UTF-16 offsets (what a textarea's selection uses). */
export interface DigitRun {
  readonly start: number;
  readonly end: number;
  /** How many digits the run counts, placeholders that stand for digits included. */
  readonly digits: number;
}

/**
 * A piece of text that stands for digits without being one, such as `{{fpanLastDigits}}` in a
 * template: it is rendered as four digits, so nine literal digits beside it make a card number.
 */
export interface DigitStandIn {
  readonly text: string;
  readonly digits: number;
}

/**
 * Every run of at least 13 digits in `text`. A run is digits (and stand-ins) with at most three
 * separators between neighbours; it ends at anything else, a word (UUID, date-time) included. Offsets cover digits
 * only, not the separators around them.
 */
export const cardNumberRuns = (text: string, standIns: readonly DigitStandIn[] = []): DigitRun[] => {
  const runs: DigitRun[] = [];
  const words = wordSpans(text);
  let runStart = -1;
  let runEnd = -1;
  let digits = 0;
  let separators = 0;
  const close = (): void => {
    if (digits >= CARD_NUMBER_MIN_DIGITS) runs.push({ start: runStart, end: runEnd, digits });
    runStart = -1;
    digits = 0;
    separators = 0;
  };
  let index = 0;
  while (index < text.length) {
    const wordEnd = words.get(index);
    if (wordEnd !== undefined) {
      if (runStart >= 0) close();
      index = wordEnd;
      continue;
    }
    const standIn = standIns.find((candidate) => text.startsWith(candidate.text, index));
    if (standIn) {
      if (runStart < 0) runStart = index;
      index += standIn.text.length;
      runEnd = index;
      digits += standIn.digits;
      separators = 0;
      continue;
    }
    const codePoint = text.codePointAt(index) ?? 0;
    const char = String.fromCodePoint(codePoint);
    if (isDigitChar(char)) {
      if (runStart < 0) runStart = index;
      index += char.length;
      runEnd = index;
      digits += 1;
      separators = 0;
      continue;
    }
    if (runStart >= 0 && isSeparatorChar(char) && separators < MAX_SEPARATORS) {
      separators += 1;
      index += char.length;
      continue;
    }
    if (runStart >= 0) close();
    index += char.length;
  }
  if (runStart >= 0) close();
  return runs;
};

export const looksLikeCardNumber = (text: string): boolean => cardNumberRuns(text).length > 0;

/** The digits of `text` as ASCII, from any script (full-width ４ becomes 4). */
export const asciiDigits = (text: string): string => {
  let out = '';
  for (const char of text) {
    if (!isDigitChar(char)) continue;
    // Unicode lays each script's decimal digits out as ten consecutive code points from zero, and
    // blocks that follow each other (the mathematical digits) start again at zero every ten.
    const codePoint = char.codePointAt(0) ?? 0;
    let zero = codePoint;
    while (zero > 0 && isDigitChar(String.fromCodePoint(zero - 1))) zero -= 1;
    out += String((codePoint - zero) % 10);
  }
  return out;
};

/** What a masked card number reads as: asterisks and the last four digits, as on a receipt. */
const maskedLastDigits = (run: string): string => `****${asciiDigits(run).slice(-4)}`;

/**
 * Replaces every card-number run in `text` by its masked last four. Masking can put four digits
 * next to others, so it repeats until no run is left (each pass shortens what it replaces).
 */
export const maskCardNumbers = (text: string): { text: string; masked: boolean } => {
  let current = text;
  let masked = false;
  for (let runs = cardNumberRuns(current); runs.length > 0; runs = cardNumberRuns(current)) {
    masked = true;
    let next = '';
    let from = 0;
    for (const run of runs) {
      next += current.slice(from, run.start) + maskedLastDigits(current.slice(run.start, run.end));
      from = run.end;
    }
    current = next + current.slice(from);
  }
  return { text: current, masked };
};
