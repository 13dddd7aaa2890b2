import type { Language } from '../../shared/contract';

/**
 * Times as the agent reads them: in the UI language and the workstation's time zone (the
 * formatters take no zone unless a test pins one), the UTC instant for quoting to support, and
 * "3日前" / "3 days ago". One formatter per style, language and zone, because building an Intl
 * formatter costs far more than using one, and a token table formats hundreds of times, a long
 * history thousands.
 */

/**
 * `minute` is for the lookup screen (state times, "as of"): 24-hour, as a call center reads 14:02.
 * `second` is for history rows, where several events fall in the same minute and the seconds tell
 * their order. Both are 24-hour in every language, so the grid and the history never disagree.
 */
type DateTimePrecision = 'minute' | 'second';

const DATE_TIME_OPTIONS = {
  minute: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  second: { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' },
} as const satisfies Record<DateTimePrecision, Intl.DateTimeFormatOptions>;

const dateTimeFormatters = new Map<string, Intl.DateTimeFormat>();
const relativeFormatters = new Map<Language, Intl.RelativeTimeFormat>();
const listFormatters = new Map<Language, Intl.ListFormat>();

const dateTimeFormatter = (precision: DateTimePrecision, language: Language, timeZone: string | undefined): Intl.DateTimeFormat => {
  const key = `${precision}|${language}|${timeZone ?? ''}`;
  let formatter = dateTimeFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, { ...DATE_TIME_OPTIONS[precision], ...(timeZone !== undefined ? { timeZone } : {}) });
    dateTimeFormatters.set(key, formatter);
  }
  return formatter;
};

/** "2026/11/20 14:02" (ja) or "11/20/2026, 14:02" (en), in the agent's time zone. */
export const formatDateTime = (iso: string, language: Language, timeZone?: string): string =>
  dateTimeFormatter('minute', language, timeZone).format(new Date(iso));

/** "2026/11/20 14:02:09" (ja) or "Nov 20, 2026, 14:02:09" (en): a history event's local time. */
export const formatEventTime = (iso: string, language: Language, timeZone?: string): string =>
  dateTimeFormatter('second', language, timeZone).format(new Date(iso));

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-11-20 05:02:09`, built from UTC fields so a bad date reads NaN instead of throwing. */
const utcStamp = (iso: string): { readonly minute: string; readonly second: string } => {
  const date = new Date(iso);
  const minute = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  return { minute, second: `${minute}:${pad(date.getUTCSeconds())}` };
};

/** "2026-11-20 05:02 UTC": the same instant for support, whatever the agent's zone and language. */
export const formatUtc = (iso: string): string => `${utcStamp(iso).minute} UTC`;

/**
 * "2026-11-20 05:02:09": a history event's UTC instant to the second, without the suffix because
 * the history's message ("UTC {{utc}}") puts it in front.
 */
export const formatEventUtc = (iso: string): string => utcStamp(iso).second;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The largest unit that still reads naturally: "3日前" rather than "72時間前". */
const UNITS: ReadonlyArray<{ readonly unit: Intl.RelativeTimeFormatUnit; readonly ms: number; readonly below: number }> = [
  { unit: 'second', ms: SECOND, below: MINUTE },
  { unit: 'minute', ms: MINUTE, below: HOUR },
  { unit: 'hour', ms: HOUR, below: DAY },
  { unit: 'day', ms: DAY, below: 30 * DAY },
  { unit: 'month', ms: 30 * DAY, below: 365 * DAY },
  { unit: 'year', ms: 365 * DAY, below: Number.POSITIVE_INFINITY },
];

/**
 * The backend stamps an event with its clock, the renderer counts from the workstation's: a few
 * minutes apart, an event that just happened would read "42 秒後". Further ahead than this, the
 * clocks are wrong enough that the agent should see it.
 */
const CLOCK_SKEW = 5 * MINUTE;

/** "3日前" / "3 days ago", from `now`; "今" / "now" within a few seconds, or a little in the future. */
export const formatRelative = (iso: string, now: number, language: Language): string => {
  const diff = new Date(iso).getTime() - now;
  const size = Math.abs(diff);
  const { unit, ms } = UNITS.find((candidate) => size < candidate.below) ?? { unit: 'year', ms: 365 * DAY };
  let formatter = relativeFormatters.get(language);
  if (!formatter) {
    formatter = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    relativeFormatters.set(language, formatter);
  }
  // Under ten seconds is "now": a changing "5 seconds ago" only distracts.
  if (size < 10 * SECOND || (diff > 0 && diff < CLOCK_SKEW)) return formatter.format(0, 'second');
  return formatter.format(Math.trunc(diff / ms), unit);
};

/** Joins names as the language does: "ウォレット、発行会社" / "the wallet and the issuer". */
export const formatList = (items: readonly string[], language: Language): string => {
  let formatter = listFormatters.get(language);
  if (!formatter) {
    formatter = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
    listFormatters.set(language, formatter);
  }
  return formatter.format(items);
};
