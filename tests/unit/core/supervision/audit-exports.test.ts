import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRAIL_GENESIS, type AuditRecord } from '../../../../shared/api/audit';
import type { AuditExport } from '../../../../shared/contract';
import { createEventBus } from '../../../../electron/core/events/event-bus';
import { CallError } from '../../../../electron/core/ipc/dispatch';
import { createAuditExports, type ReadAuditPage } from '../../../../electron/core/supervision/audit-exports';
import { memoryLogger } from '../support/client-setup';

/** A supervisor's suspend as the backend's trail holds it; `comment` varies per record. */
const record = (sequence: number, comment: string): AuditRecord => ({
  recordId: randomUUID(),
  sequence,
  at: '2026-12-04T01:02:03.000Z',
  kind: 'TOKEN_ACTION',
  actor: { type: 'AGENT', agentId: 'supervisor.suzuki', name: '鈴木 健一', role: 'supervisor' },
  workstationId: 'workstation-abc',
  correlationId: `corr-${String(sequence)}`,
  outcome: 'ACCEPTED',
  cardholder: { cardholderId: 'C0000042', maskedName: 'D. M.' },
  token: {
    virtualCardId: 'VC00353UBFVZZV',
    tokenLastFour: '0474',
    issuerCardRefId: 'ICR0000042A',
    cardLastFour: '3143',
    walletProviderId: 'APPLE_PAY',
    deviceType: 'PHONE',
    deviceName: null,
  },
  detail: {
    operation: 'suspend',
    operationId: null,
    reasonCode: 'DEVICE_LOST',
    reasonSent: 'DEVICE_LOST',
    comment,
    verifiers: [],
    expectedState: 'ACTIVE',
    stateAtRequest: 'ACTIVE',
    approval: { requestId: 'req-0001', approvedBy: 'admin.tanaka' },
  },
  previousHash: TRAIL_GENESIS,
  hash: TRAIL_GENESIS,
});

/** `pages` pages of `size` records, newest first, as the backend pages them by cursor; `fail` throws on that page. */
const trail = (pages: number, size: number, options: { fail?: number; gate?: Promise<void> } = {}) => {
  const asked: (string | undefined)[] = [];
  const readPage: ReadAuditPage = async (cursor) => {
    asked.push(cursor);
    const index = cursor === undefined ? 0 : Number(cursor);
    if (index === options.fail) throw new CallError('BACKEND_UNAVAILABLE', 'the backend went away');
    if (index > 0 && options.gate) await options.gate;
    const items = Array.from({ length: size }, (_, n) => record(pages * size - (index * size + n), `comment ${String(index * size + n)}`));
    return { items, nextCursor: index + 1 < pages ? String(index + 1) : null };
  };
  return { readPage, asked };
};

describe('audit exports', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-exports-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const setup = (choose: (name: string) => string | null = (name) => join(dir, name)) => {
    const { logger } = memoryLogger();
    const events = createEventBus(logger);
    const told: AuditExport[] = [];
    events.subscribe((envelope) => {
      if (envelope.name === 'export.changed') told.push(envelope.payload as AuditExport);
    });
    const exports = createAuditExports({ choose: ({ suggestedName }) => Promise.resolve(choose(suggestedName)), events, logger, progressEveryMs: 0 });
    return { exports, told };
  };
  const request = (readPage: ReadAuditPage, format: 'csv' | 'jsonl' = 'csv') => ({ caller: 'window:1', correlationId: 'corr-export', filter: { kind: 'TOKEN_ACTION' as const }, format, readPage });

  it('writes every page of the filtered trail as CSV a parser reads back, with the BOM and formula cells escaped', async () => {
    const { exports, told } = setup();
    const { readPage, asked } = trail(3, 4);
    const started = await exports.start(request(async (cursor) => {
      const page = await readPage(cursor);
      // The formula sits in the first record only.
      return cursor === undefined ? { ...page, items: [record(99, '=1+1'), ...page.items.slice(1)] } : page;
    }));
    expect(started).toMatchObject({ state: 'running', format: 'csv', records: 0 });
    await exports.settled();
    expect(asked).toEqual([undefined, '1', '2']);
    expect(told.at(-1)).toMatchObject({ exportId: started?.exportId, state: 'done', records: 12, error: null });

    const file = join(dir, started?.fileName ?? '');
    const bytes = await readFile(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8'), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({
      sequence: '99',
      kind: 'TOKEN_ACTION',
      agent_id: 'supervisor.suzuki',
      role: 'supervisor',
      cardholder_name_masked: 'D. M.',
      card_last_four: '3143',
      token_last_four: '0474',
      operation: 'suspend',
      reason_code: 'DEVICE_LOST',
      comment: "'=1+1",
      approver: 'admin.tanaka',
      correlation_id: 'corr-99',
    });
    expect(await readdir(dir)).toEqual([started?.fileName]);
  });

  it('writes JSON Lines, one whole record a line', async () => {
    const { exports } = setup();
    const started = await exports.start(request(trail(2, 3).readPage, 'jsonl'));
    await exports.settled();
    const lines = (await readFile(join(dir, started?.fileName ?? ''), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(6);
    expect((JSON.parse(lines[0] ?? '') as AuditRecord).detail).toMatchObject({ comment: 'comment 0' });
  });

  it('starts nothing when the supervisor closes the save dialog', async () => {
    const { exports, told } = setup(() => null);
    const { readPage, asked } = trail(1, 1);
    expect(await exports.start(request(readPage))).toBeNull();
    expect(asked).toEqual([]);
    expect(told).toEqual([]);
  });

  it('cancelled midway, leaves no file, and says so', async () => {
    const { exports, told } = setup();
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started = await exports.start(request(trail(5, 10, { gate }).readPage));
    if (started === null) throw new Error('not started');
    expect(exports.cancel(started.exportId)).toBe(true);
    release();
    await exports.settled();
    expect(told.at(-1)).toMatchObject({ state: 'cancelled' });
    expect(await readdir(dir)).toEqual([]);
    expect(exports.cancel(started.exportId)).toBe(false);
  });

  it('failing midway (the backend goes away), leaves no file and tells the typed reason', async () => {
    const { exports, told } = setup();
    const started = await exports.start(request(trail(5, 10, { fail: 2 }).readPage));
    await exports.settled();
    expect(told.at(-1)).toMatchObject({ exportId: started?.exportId, state: 'failed', error: { code: 'BACKEND_UNAVAILABLE', correlationId: 'corr-export' } });
    expect(await readdir(dir)).toEqual([]);
  });
});
