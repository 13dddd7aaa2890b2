import { describe, expect, it } from 'vitest';
import { formatEventTime, formatEventUtc, formatList, formatRelative } from '../../../../renderer/format/date-time';

const at = '2026-11-20T05:02:09.000Z';
const now = Date.parse(at);

describe('formatEventTime', () => {
  it('shows the local time in the UI language and the given time zone', () => {
    expect(formatEventTime(at, 'ja', 'Asia/Tokyo')).toBe('2026/11/20 14:02:09');
    expect(formatEventTime(at, 'en', 'Asia/Tokyo')).toBe('Nov 20, 2026, 14:02:09');
    expect(formatEventTime(at, 'en', 'Europe/London')).toBe('Nov 20, 2026, 05:02:09');
  });
});

describe('formatEventUtc', () => {
  it('is one fixed form, whatever the offset the time came with', () => {
    expect(formatEventUtc(at)).toBe('2026-11-20 05:02:09');
    expect(formatEventUtc('2026-11-20T14:02:09+09:00')).toBe('2026-11-20 05:02:09');
  });
});

describe('formatRelative', () => {
  const ago = (ms: number): string => new Date(now - ms).toISOString();
  it('says "3日前" / "3 days ago" with Intl', () => {
    expect(formatRelative(ago(3 * 86_400_000), now, 'ja')).toBe('3 日前');
    expect(formatRelative(ago(3 * 86_400_000), now, 'en')).toBe('3 days ago');
  });

  it('picks the unit that keeps the number readable', () => {
    expect(formatRelative(ago(20_000), now, 'en')).toBe('20 seconds ago');
    expect(formatRelative(ago(5 * 60_000), now, 'en')).toBe('5 minutes ago');
    expect(formatRelative(ago(2 * 3_600_000), now, 'ja')).toBe('2 時間前');
    expect(formatRelative(ago(86_400_000), now, 'en')).toBe('yesterday');
    expect(formatRelative(ago(90 * 86_400_000), now, 'en')).toBe('3 months ago');
    expect(formatRelative(ago(800 * 86_400_000), now, 'ja')).toBe('2 年前');
    expect(formatRelative(at, now, 'en')).toBe('now');
  });

  it('says "now" for an event stamped a little in the future by a backend whose clock runs ahead', () => {
    const ahead = (ms: number): string => new Date(now + ms).toISOString();
    for (const ms of [1_000, 42_000, 90_000, 4 * 60_000 + 59_000]) {
      expect(formatRelative(ahead(ms), now, 'ja'), `${ms} ms ahead`).toBe('今');
      expect(formatRelative(ahead(ms), now, 'en'), `${ms} ms ahead`).toBe('now');
    }
    // Further ahead, the clocks disagree enough for the agent to see it.
    expect(formatRelative(ahead(10 * 60_000), now, 'en')).toBe('in 10 minutes');
    expect(formatRelative(ahead(2 * 3_600_000), now, 'ja')).toBe('2 時間後');
  });
});

describe('formatList', () => {
  it('joins in the way of the language', () => {
    expect(formatList(['A', 'B', 'C'], 'en')).toBe('A, B, and C');
    expect(formatList(['A', 'B'], 'ja')).toBe('A、B');
  });
});
