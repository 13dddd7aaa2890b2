import { describe, expect, it } from 'vitest';
import { formatDateTime, formatList, formatRelative, formatUtc } from '../../../../renderer/format/date-time';

const iso = '2026-11-20T05:02:00.000Z';
const now = Date.parse('2026-11-23T06:00:00.000Z');

describe('times for the agent', () => {
  it('are local to the agent and written in the UI language, 24-hour', () => {
    expect(formatDateTime(iso, 'ja', 'Asia/Tokyo')).toBe('2026/11/20 14:02');
    expect(formatDateTime(iso, 'en', 'Asia/Tokyo')).toBe('11/20/2026, 14:02');
    expect(formatDateTime(iso, 'en', 'Europe/London')).toBe('11/20/2026, 05:02');
  });

  it('give the UTC time for support, the same in every language', () => {
    expect(formatUtc(iso)).toBe('2026-11-20 05:02 UTC');
  });

  it('say how long ago in the largest natural unit', () => {
    expect(formatRelative(iso, now, 'ja')).toBe('3 日前');
    expect(formatRelative(iso, now, 'en')).toBe('3 days ago');
    expect(formatRelative('2026-11-23T05:58:00.000Z', now, 'en')).toBe('2 minutes ago');
    expect(formatRelative('2026-11-23T05:59:58.000Z', now, 'en')).toBe('now');
    expect(formatRelative('2025-11-20T05:02:00.000Z', now, 'ja')).toBe('昨年');
  });

  it('join lists as the language does', () => {
    expect(formatList(['ウォレット', '発行会社'], 'ja')).toBe('ウォレット、発行会社');
    expect(formatList(['the wallet', 'the issuer'], 'en')).toBe('the wallet and the issuer');
  });
});
