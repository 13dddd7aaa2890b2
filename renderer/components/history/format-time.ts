import type { Language } from '../../../shared/contract';

/**
 * Times as the agent reads them: local date and time in the UI language and the workstation's time
 * zone, the UTC instant for quoting to the backend team, and "3日前" / "3 days ago". Formatters are
 * costly to build and a long history formats thousands of rows, so each is built once per setting.
 */

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<Language, Intl.RelativeTimeFormat>();
const listFormats = new Map<Language, Intl.ListFormat>();

const dateTimeFormat = (language: Language, timeZone: string | undefined): Intl.DateTimeFormat => {
  const id = `${language}|${timeZone ?? ''}`;
  let format = dateTimeFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium', ...(timeZone ? { timeZone } : {}) });
    dateTimeFormats.set(id, format);
  }
  return format;
};

/** Local date and time; `timeZone` is for tests, the app uses the workstation's. */
export const formatLocalTime = (iso: string, language: Language, timeZone?: string): string => dateTimeFormat(language, timeZone).format(new Date(iso));

/** The same instant in UTC, one fixed form in every language: `2026-11-20 05:02:00`. */
export const formatUtc = (iso: string): string => new Date(iso).toISOString().slice(0, 19).replace('T', ' ');

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The largest unit that keeps the number readable; months and years are approximate, as speech is. */
const UNITS: ReadonlyArray<{ readonly unit: Intl.RelativeTimeFormatUnit; readonly ms: number; readonly below: number }> = [
  { unit: 'second', ms: SECOND, below: MINUTE },
  { unit: 'minute', ms: MINUTE, below: HOUR },
  { unit: 'hour', ms: HOUR, below: DAY },
  { unit: 'day', ms: DAY, below: 30 * DAY },
  { unit: 'month', ms: 30.44 * DAY, below: 365 * DAY },
  { unit: 'year', ms: 365.25 * DAY, below: Number.POSITIVE_INFINITY },
];

/** "3日前" / "3 days ago" (or "yesterday"), relative to `now` in epoch milliseconds. */
export const formatRelative = (iso: string, now: number, language: Language): string => {
  let format = relativeFormats.get(language);
  if (!format) {
    format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    relativeFormats.set(language, format);
  }
  const delta = Date.parse(iso) - now;
  const size = Math.abs(delta);
  const step = UNITS.find((candidate) => size < candidate.below) ?? UNITS[UNITS.length - 1];
  if (step === undefined) return '';
  return format.format(Math.round(delta / step.ms), step.unit);
};

/** "A、B" / "A and B": lists inside a sentence, in the UI language's own way. */
export const formatList = (items: readonly string[], language: Language): string => {
  let format = listFormats.get(language);
  if (!format) {
    format = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' });
    listFormats.set(language, format);
  }
  return format.format(items);
};
