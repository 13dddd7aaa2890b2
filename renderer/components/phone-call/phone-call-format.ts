import type { Language } from '../../../shared/contract';

const timeFormatters = new Map<Language, Intl.DateTimeFormat>();

/** "14:02": when a phone call started or ended, in the agent's time zone (the day is today's, or yesterday's). */
export const formatTimeOfDay = (iso: string, language: Language): string => {
  let formatter = timeFormatters.get(language);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormatters.set(language, formatter);
  }
  return formatter.format(new Date(iso));
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** "3:07" or "1:02:09": how long a phone call has lasted, as a call timer shows it in any language. */
export const formatDuration = (ms: number): string => {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds % 60)}` : `${minutes}:${pad(seconds % 60)}`;
};
