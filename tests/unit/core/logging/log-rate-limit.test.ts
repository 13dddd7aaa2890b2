import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { calls, resultSchema } from '../../../../shared/contract';
import { createEventBus } from '../../../../electron/core/events/event-bus';
import { dispatch, type Services } from '../../../../electron/core/ipc/dispatch';
import { openLogFile } from '../../../../electron/core/logging/log-files';
import { createLogger } from '../../../../electron/core/logging/logger';
import { logRateLimit } from '../../../../electron/core/logging/log-rate-limit';
import { appService } from '../../../../electron/core/services/app-service';
import { openSettingsStore } from '../../../../electron/core/settings/settings-store';
import { memoryLogger } from '../../electron/helpers/memory-logger';

const SUMMARY = 'renderer error reports dropped: too many in a short time';
const answer = resultSchema(calls['log.rendererError'].output);

let root: string | null = null;
afterEach(async () => {
  vi.useRealTimers();
  if (root) await rm(root, { recursive: true, force: true });
  root = null;
});

describe('log.rendererError in a loop', () => {
  it('leaves the earlier lines in the log: at most a burst of reports per window, then one summary line', async () => {
    // The clock stands still during the loop, so no bucket refills: the bound is exact.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    root = await mkdtemp(join(tmpdir(), 'td-renderer-reports-'));
    const logDir = join(root, 'logs');
    // The production rotation (10 MB, ten files): 12,000 reports of the largest allowed size
    // (about 120 MB) would rotate every earlier line away.
    const stream = openLogFile(logDir);
    const logger = createLogger({ destination: stream });
    const settings = await openSettingsStore(root, logger);
    const services = appService({ version: '1.0.0', mode: 'training', settings, events: createEventBus(logger), logger }) as Services;
    logger.info('an earlier line that explains the loop');

    const report = (i: number) => ({ message: `TypeError: loop ${i} ${'m'.repeat(1_960)}`, stack: 's'.repeat(8_000), source: 'react' });
    const context = (caller: string, i: number) => ({ correlationId: `corr-${i}`, origin: 'ipc' as const, caller });
    let logged = 0;
    let dropped = 0;
    for (let i = 0; i < 12_000; i += 1) {
      const result = await dispatch(services, 'log.rendererError', report(i), context('window:1', i), logger);
      const parsed = answer.parse(result);
      if (!parsed.ok) throw new Error(`a typed failure: ${parsed.error.code}`);
      if (parsed.data.logged) logged += 1;
      else dropped += 1;
    }
    expect(logged).toBeLessThanOrEqual(20);
    expect(logged).toBeGreaterThan(0);
    expect(dropped).toBe(12_000 - logged);

    // Another window still gets through: one window cannot drain the shared bucket.
    expect(await dispatch(services, 'log.rendererError', { message: 'TypeError: other window', source: 'call' }, context('window:2', 0), logger)).toEqual({
      ok: true,
      data: { logged: true },
    });

    // The burst has ended once nothing was dropped for a while: then, and only then, the summary.
    await vi.advanceTimersByTimeAsync(4_000);
    await vi.advanceTimersByTimeAsync(2_000);
    stream.end();
    await once(stream, 'finish');

    const files = (await readdir(logDir)).filter((name) => name.endsWith('token-desk.log'));
    const records = (await Promise.all(files.map((name) => readFile(join(logDir, name), 'utf8'))))
      .flatMap((text) => text.split('\n'))
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.some((record) => record.msg === 'an earlier line that explains the loop')).toBe(true);
    const loopLines = records.filter((record) => record.source === 'renderer' && String(record.msg).startsWith('TypeError: loop'));
    expect(loopLines.length).toBe(logged);
    const summaries = records.filter((record) => record.msg === SUMMARY);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ level: 40, source: 'renderer', dropped, callers: 1 });
    expect(records.some((record) => record.msg === 'TypeError: other window')).toBe(true);
  });
});

describe('malformed calls in a loop', () => {
  it('are each refused with a typed error, while the log takes a burst of them per window and one summary', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const memory = memoryLogger();
    // No service runs for a refused call, so none is needed.
    const services = {} as Services;
    const context = (caller: string, i: number) => ({ correlationId: `corr-${i}`, origin: 'ipc' as const, caller });
    const kinds = [
      ['no.such.call', {}],
      ['settings.set', { language: 'klingon' }],
      ['settings.set', JSON.parse('{"__proto__": {"polluted": true}}') as unknown],
    ] as const;
    for (let i = 0; i < 3_000; i += 1) {
      const [name, input] = kinds[i % kinds.length]!;
      const result = await dispatch(services, name, input, context('window:1', i), memory.logger);
      expect(result.ok).toBe(false);
    }
    const refusals = () => memory.records().filter((record) => String(record.msg).endsWith('refused'));
    expect(refusals().length).toBeGreaterThan(0);
    expect(refusals().length).toBeLessThanOrEqual(20);

    // Another window's refusal is still written.
    await dispatch(services, 'no.such.call', {}, context('window:2', 0), memory.logger);
    expect(refusals().filter((record) => record.correlationId === 'corr-0')).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(6_000);
    const summaries = memory.records().filter((record) => record.msg === 'refused calls not logged: too many in a short time');
    expect(summaries).toEqual([expect.objectContaining({ source: 'ipc', dropped: 3_000 + 1 - refusals().length, callers: 1 })]);
  });
});

describe('logRateLimit', () => {
  const limits = { perCaller: { burst: 3, perSecond: 1 }, overall: { burst: 5, perSecond: 2 }, quietMs: 1_000 };
  const setup = () => {
    let time = 0;
    const memory = memoryLogger();
    const limit = logRateLimit(memory.logger, { source: 'renderer', droppedMessage: SUMMARY }, limits, () => time);
    const summaries = () => memory.records().filter((record) => record.msg === SUMMARY);
    return { limit, summaries, advance: (ms: number) => (time += ms) };
  };

  it('refills each bucket with time', () => {
    const { limit, advance } = setup();
    expect([1, 2, 3, 4].map(() => limit.admit('a'))).toEqual([true, true, true, false]);
    advance(1_000);
    expect([1, 2].map(() => limit.admit('a'))).toEqual([true, false]);
  });

  it('limits all windows together too', () => {
    const { limit } = setup();
    const admitted = ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c'].map((caller) => limit.admit(caller));
    expect(admitted).toEqual([true, true, true, true, true, false, false, false]);
  });

  it('writes one summary per burst, once nothing was dropped for the quiet time', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { limit, summaries, advance } = setup();
    for (let i = 0; i < 10; i += 1) limit.admit('a');
    // Still dropping just before the timer fires: the burst goes on, no summary yet.
    advance(900);
    limit.admit('a');
    advance(100);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(summaries()).toHaveLength(0);
    advance(900);
    await vi.advanceTimersByTimeAsync(900);
    expect(summaries()).toEqual([expect.objectContaining({ dropped: 8, callers: 1 })]);

    // A later burst has its own summary.
    advance(10_000);
    for (let i = 0; i < 6; i += 1) limit.admit('b');
    advance(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(summaries().map((summary) => summary.dropped)).toEqual([8, 3]);
  });
});
