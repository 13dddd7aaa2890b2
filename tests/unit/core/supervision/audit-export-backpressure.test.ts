import { randomUUID } from 'node:crypto';
import type * as fs from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TRAIL_GENESIS, type AuditRecord } from '../../../../shared/api/audit';
import { createEventBus } from '../../../../electron/core/events/event-bus';
import { createAuditExports, type ReadAuditPage } from '../../../../electron/core/supervision/audit-exports';
import { memoryLogger } from '../support/client-setup';

/**
 * A disk that takes what it is given only when the test says so: each write the export hands to the
 * file waits in `held` until the test calls its `done`, which passes it on to the real file. Everything
 * else of node:fs is real.
 */
const disk = vi.hoisted(() => ({ held: [] as { chunk: Buffer; done: () => void }[], taken: [] as Buffer[] }));

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  const createWriteStream = (...args: Parameters<typeof actual.createWriteStream>): fs.WriteStream => {
    const real = actual.createWriteStream(...args);
    let written = 0;
    const hold = (chunk: Buffer, callback: (error?: Error | null) => void): void => {
      disk.held.push({
        chunk,
        done: () => {
          real.write(chunk);
          written += chunk.length;
          callback();
        },
      });
    };
    // Whatever the file's buffer holds is handed over in one go (writev), and waits there as one.
    const slow = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        hold(chunk, callback);
      },
      writev(chunks, callback) {
        hold(Buffer.concat(chunks.map(({ chunk }) => chunk as Buffer)), callback);
      },
      final(callback) {
        real.end(() => callback());
      },
      destroy(error, callback) {
        real.destroy();
        callback(error);
      },
    });
    Object.defineProperty(slow, 'bytesWritten', { get: () => written });
    return slow as unknown as fs.WriteStream;
  };
  return { ...actual, createWriteStream, default: { ...actual, createWriteStream } };
});

const PAGE = 100;
const PAGES = 60;

const record = (sequence: number): AuditRecord => ({
  recordId: randomUUID(),
  sequence,
  at: '2026-12-04T01:02:03.000Z',
  kind: 'SIGN_IN',
  actor: { type: 'AGENT', agentId: 'agent.sato', name: '佐藤 花子', role: 'agent' },
  workstationId: 'workstation-abc',
  correlationId: `corr-${String(sequence)}`,
  outcome: 'ACCEPTED',
  cardholder: null,
  token: null,
  detail: { sessionExpiresAt: '2026-12-04T09:02:03.000Z' },
  previousHash: TRAIL_GENESIS,
  hash: TRAIL_GENESIS,
});

/** Lets whatever is ready run: many turns of the event loop, not a wait on the clock. */
const settleTurns = async (turns = 200): Promise<void> => {
  for (let turn = 0; turn < turns; turn += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** CSV rows the disk has taken so far (each ends with CRLF; the first line is the heading). */
const rowsTaken = (): number => Math.max(0, Buffer.concat(disk.taken).toString('utf8').split('\r\n').length - 2);

describe('audit export backpressure', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-export-backpressure-'));
    disk.held.length = 0;
    disk.taken.length = 0;
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the next pages only as the file takes the rows: what is read ahead of the disk stays bounded, whatever the count', async () => {
    const { logger } = memoryLogger();
    const exports = createAuditExports({ choose: ({ suggestedName }) => Promise.resolve(join(dir, suggestedName)), events: createEventBus(logger), logger, progressEveryMs: 0 });
    let rowsRead = 0;
    const readPage: ReadAuditPage = (cursor) => {
      const index = cursor === undefined ? 0 : Number(cursor);
      const items = Array.from({ length: PAGE }, (_, n) => record(index * PAGE + n));
      rowsRead += items.length;
      return Promise.resolve({ items, nextCursor: index + 1 < PAGES ? String(index + 1) : null });
    };
    const started = await exports.start({ caller: 'window:1', correlationId: 'corr-export', filter: {}, format: 'csv', readPage });
    if (started === null) throw new Error('not started');

    // The disk takes nothing yet: the export must stop reading well short of the whole trail.
    await settleTurns();
    expect(disk.held.length).toBeGreaterThan(0);
    const aheadWhileStalled = rowsRead - rowsTaken();
    expect(rowsRead).toBeLessThan(PAGES * PAGE);

    // Then the disk takes what it holds, a round at a time; after each, the export runs until it waits again.
    let mostAhead = aheadWhileStalled;
    let done = false;
    void exports.settled().then(() => {
      done = true;
    });
    while (!done) {
      for (const next of disk.held.splice(0)) {
        disk.taken.push(next.chunk);
        next.done();
      }
      await settleTurns(20);
      mostAhead = Math.max(mostAhead, rowsRead - rowsTaken());
    }
    // The bound is the streams' own buffers and one page, never a share of the trail.
    expect(mostAhead).toBeLessThanOrEqual(8 * PAGE);
    expect(mostAhead).toBeLessThan((PAGES * PAGE) / 4);
    expect(rowsRead).toBe(PAGES * PAGE);

    // And the file is whole.
    const text = (await readFile(join(dir, started.fileName), 'utf8')).replace(/^\uFEFF/, '');
    const lines = text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(PAGES * PAGE + 1);
    expect(lines[PAGES * PAGE]?.split(',')[0]).toBe(String(PAGES * PAGE - 1));
  });
});
