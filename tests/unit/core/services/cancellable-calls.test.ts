import { describe, expect, it } from 'vitest';
import { createCancellableCalls, MAX_CALLS_PER_CALLER } from '../../../../electron/core/calls/cancellable-calls';
import { CallError } from '../../../../electron/core/ipc/dispatch';

describe('cancellable calls', () => {
  it('aborts a call by its caller and id, once', () => {
    const calls = createCancellableCalls();
    const call = calls.start('window:1', 'req-000001');
    expect(calls.cancel('window:1', 'req-000001')).toBe(true);
    expect(call.signal.aborted).toBe(true);
    expect(calls.cancel('window:1', 'req-000001')).toBe(false);
    call.end();
    expect(calls.size()).toBe(0);
  });

  it('keeps callers apart: another caller with the same id reaches nothing', () => {
    const calls = createCancellableCalls();
    const mine = calls.start('window:1', 'req-000001');
    expect(calls.cancel('window:2', 'req-000001')).toBe(false);
    expect(mine.signal.aborted).toBe(false);
    const theirs = calls.start('window:2', 'req-000001');
    expect(calls.cancel('window:2', 'req-000001')).toBe(true);
    expect(theirs.signal.aborted).toBe(true);
    expect(mine.signal.aborted).toBe(false);
  });

  it('forgets a call when it ends, and an ended call cannot remove a newer one with its id', () => {
    const calls = createCancellableCalls();
    const first = calls.start('window:1', 'req-000001');
    first.end();
    expect(calls.size()).toBe(0);
    const second = calls.start('window:1', 'req-000001');
    first.end();
    expect(calls.cancel('window:1', 'req-000001')).toBe(true);
    expect(second.signal.aborted).toBe(true);
  });

  it('refuses an id already in flight, and more calls than a caller could need', () => {
    const calls = createCancellableCalls();
    calls.start('window:1', 'req-000001');
    expect(() => calls.start('window:1', 'req-000001')).toThrow(CallError);
    for (let i = 1; i < MAX_CALLS_PER_CALLER; i += 1) calls.start('window:1', `more-${i}`);
    expect(() => calls.start('window:1', 'one-too-many')).toThrow(/too many/);
    expect(() => calls.start('window:2', 'req-000001')).not.toThrow();
  });

  it('aborts everything of a caller that went away', () => {
    const calls = createCancellableCalls();
    const a = calls.start('window:1', 'req-000001');
    const b = calls.start('window:1', 'req-000002');
    const other = calls.start('window:2', 'req-000001');
    expect(calls.cancelAll('window:1')).toBe(2);
    expect([a.signal.aborted, b.signal.aborted, other.signal.aborted]).toEqual([true, true, false]);
    expect(calls.size()).toBe(1);
  });
});
