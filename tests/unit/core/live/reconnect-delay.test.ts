import { describe, expect, it } from 'vitest';
import { DEFAULT_RECONNECT_POLICY, reconnectDelay } from '../../../../electron/core/live/reconnect-delay';

describe('reconnectDelay', () => {
  it('doubles per attempt and never passes the cap, however many attempts', () => {
    const highest = (attempt: number) => reconnectDelay(attempt, DEFAULT_RECONNECT_POLICY, () => 1);
    expect([1, 2, 3, 4, 5].map(highest)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    for (const attempt of [6, 7, 10, 50, 1_000, 1e9]) expect(highest(attempt)).toBe(DEFAULT_RECONNECT_POLICY.maxDelayMs);
  });

  it('jitters within the upper half of the ceiling, so it never drops to zero', () => {
    const lowest = (attempt: number) => reconnectDelay(attempt, DEFAULT_RECONNECT_POLICY, () => 0);
    expect([1, 2, 3].map(lowest)).toEqual([500, 1_000, 2_000]);
    expect(lowest(100)).toBe(DEFAULT_RECONNECT_POLICY.maxDelayMs / 2);
    const draws = Array.from({ length: 200 }, () => reconnectDelay(3, DEFAULT_RECONNECT_POLICY));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...draws)).toBeLessThanOrEqual(4_000);
    expect(new Set(draws).size).toBeGreaterThan(10);
  });
});
