import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../../shared/api/audit';
import { GENESIS, hashLine, openAuditJournal, verifyJournal } from '../../../../electron/core/actions/audit-journal';

/** The local audit journal: append-only JSON lines, each chained to the one before by SHA-256. */
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-journal-'));
  file = join(dir, 'audit', 'audit-journal.jsonl');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const record = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  auditId: randomUUID(),
  actionId: randomUUID(),
  bulkId: null,
  agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' },
  workstationId: 'WS-TEST-01',
  requestedAt: '2026-11-23T09:00:00.000Z',
  completedAt: '2026-11-23T09:00:01.000Z',
  virtualCardId: 'VCWATCH00001',
  issuerCardRefId: 'CR000001GOLD',
  cardholderId: 'C0000001',
  tokenLastFour: '6604',
  operation: 'suspend',
  reasonCode: 'DEVICE_LOST',
  reasonSent: 'DEVICE LOST',
  comment: '電話を紛失',
  verifiers: [],
  riskRules: [],
  correlationId: randomUUID(),
  operationId: 'OPABCDEFGH12',
  outcome: 'CONFIRMED',
  failure: null,
  attempts: 1,
  resumedAfterRestart: false,
  ...overrides,
});

const lines = async (): Promise<string[]> => (await readFile(file, 'utf8')).split('\n').filter((line) => line.length > 0);

describe('the audit journal', () => {
  it('chains every line to the one before, from the genesis hash', async () => {
    const journal = openAuditJournal(file);
    const records = [record(), record(), record()];
    await Promise.all(records.map((each) => journal.append(each)));
    await journal.close();
    const text = await lines();
    expect(text).toHaveLength(3);
    const parsed = text.map((line) => JSON.parse(line) as { prev: string; record: AuditRecord });
    expect(parsed[0]?.prev).toBe(GENESIS);
    expect(parsed[1]?.prev).toBe(hashLine(text[0] ?? ''));
    expect(parsed[2]?.prev).toBe(hashLine(text[1] ?? ''));
    expect(new Set(parsed.map((line) => line.record.auditId))).toEqual(new Set(records.map((each) => each.auditId)));
    const check = await verifyJournal(file);
    expect(check.problems).toEqual([]);
    expect(check.lines).toBe(3);
  });

  it('continues the chain after a reopen (a restart)', async () => {
    const first = openAuditJournal(file);
    await first.append(record());
    await first.close();
    const second = openAuditJournal(file);
    await second.append(record());
    await second.close();
    expect((await verifyJournal(file)).problems).toEqual([]);
  });

  it('shows an edited, a removed and a reordered line at the line after it', async () => {
    const journal = openAuditJournal(file);
    for (let i = 0; i < 4; i += 1) await journal.append(record());
    await journal.close();
    const original = await lines();

    await writeFile(file, `${[original[0]?.replace('DEVICE_LOST', 'CARDHOLDER_REQUEST'), ...original.slice(1)].join('\n')}\n`);
    expect((await verifyJournal(file)).problems).toEqual([{ line: 2, problem: expect.stringContaining('chain broken') }]);

    await writeFile(file, `${[original[0], original[2], original[3]].join('\n')}\n`);
    expect((await verifyJournal(file)).problems).toEqual([{ line: 2, problem: expect.stringContaining('chain broken') }]);

    await writeFile(file, `${[original[1], original[0], original[2], original[3]].join('\n')}\n`);
    expect((await verifyJournal(file)).problems.map((problem) => problem.line)).toEqual([1, 2, 3]);
  });

  it('reports a torn last line, and the next record still starts on its own line with an unbroken chain', async () => {
    const journal = openAuditJournal(file);
    await journal.append(record());
    await journal.close();
    await appendFile(file, '{"prev":"abc","record":{"audit');
    expect((await verifyJournal(file)).problems).toEqual([
      { line: 2, problem: expect.stringContaining('not valid JSON') },
      { line: 2, problem: expect.stringContaining('incomplete') },
    ]);
    const reopened = openAuditJournal(file);
    const next = record();
    await reopened.append(next);
    await reopened.close();
    const check = await verifyJournal(file);
    // The torn line stays on record as a problem; nothing after it is broken.
    expect(check.problems).toEqual([{ line: 2, problem: expect.stringContaining('not valid JSON') }]);
    expect(check.auditIds.has(next.auditId)).toBe(true);
  });

  it('names a record written twice', async () => {
    const journal = openAuditJournal(file);
    const same = record();
    await journal.append(same);
    await journal.append(same);
    await journal.close();
    expect((await verifyJournal(file)).problems).toEqual([{ line: 2, problem: 'the same audit record twice' }]);
  });

  it('treats a missing journal as empty', async () => {
    expect(await verifyJournal(file)).toMatchObject({ lines: 0, problems: [], head: GENESIS });
  });
});
