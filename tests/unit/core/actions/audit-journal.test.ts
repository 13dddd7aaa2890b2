import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActionRecord } from '../../../../shared/api/audit';
import { AdoptionNote, GENESIS, JOURNAL_FORMAT, JournalLine, hashLine, headFileFor, openAuditJournal, verifyJournal } from '../../../../electron/core/actions/audit-journal';

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

const record = (overrides: Partial<ActionRecord> = {}): ActionRecord => ({
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
    await Promise.all(records.map((each) => journal.append(each, null)));
    await journal.close();
    const text = await lines();
    expect(text).toHaveLength(3);
    const parsed = text.map((line) => JSON.parse(line) as { prev: string; record: ActionRecord });
    expect(parsed[0]?.prev).toBe(GENESIS);
    expect(parsed[1]?.prev).toBe(hashLine(text[0] ?? ''));
    expect(parsed[2]?.prev).toBe(hashLine(text[1] ?? ''));
    expect(new Set(parsed.map((line) => line.record.auditId))).toEqual(new Set(records.map((each) => each.auditId)));
    const check = await verifyJournal(file);
    expect(check.problems).toEqual([]);
    expect(check.lines).toBe(3);
  });

  it("keeps the backend's receipt in the action's line, beside the console's own record, inside the chain", async () => {
    const journal = openAuditJournal(file);
    const receipt = { recordId: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', hash: 'Zx'.repeat(21) + 'Q' };
    await journal.append(record(), receipt);
    await journal.append(record(), null);
    await journal.close();
    const parsed = (await lines()).map((line) => JournalLine.parse(JSON.parse(line)));
    expect(parsed.map((line) => line.receipt)).toEqual([receipt, null]);
    expect((await verifyJournal(file)).problems).toEqual([]);
  });

  it('continues the chain after a reopen (a restart)', async () => {
    const first = openAuditJournal(file);
    await first.append(record(), null);
    await first.close();
    const second = openAuditJournal(file);
    await second.append(record(), null);
    await second.close();
    expect((await verifyJournal(file)).problems).toEqual([]);
  });

  it('shows an edited, a removed and a reordered line at the line after it', async () => {
    const journal = openAuditJournal(file);
    for (let i = 0; i < 4; i += 1) await journal.append(record(), null);
    await journal.close();
    const original = await lines();

    await writeFile(file, `${[original[0]?.replace('DEVICE_LOST', 'CARDHOLDER_REQUEST'), ...original.slice(1)].join('\n')}\n`);
    expect((await verifyJournal(file)).problems).toEqual([{ line: 2, problem: expect.stringContaining('chain broken') }]);

    await writeFile(file, `${[original[0], original[2], original[3]].join('\n')}\n`);
    expect((await verifyJournal(file)).problems).toEqual([
      { line: 2, problem: expect.stringContaining('chain broken') },
      { line: 3, problem: expect.stringContaining('lines removed') },
    ]);

    await writeFile(file, `${[original[1], original[0], original[2], original[3]].join('\n')}\n`);
    expect((await verifyJournal(file)).problems.map((problem) => problem.line)).toEqual([1, 2, 3]);
  });

  it('reports a torn last line, and the next record still starts on its own line with an unbroken chain', async () => {
    const journal = openAuditJournal(file);
    await journal.append(record(), null);
    await journal.close();
    await appendFile(file, '{"prev":"abc","record":{"audit');
    expect((await verifyJournal(file)).problems).toEqual([
      { line: 2, problem: expect.stringContaining('not valid JSON') },
      { line: 2, problem: expect.stringContaining('incomplete') },
    ]);
    const reopened = openAuditJournal(file);
    const next = record();
    await reopened.append(next, null);
    await reopened.close();
    const check = await verifyJournal(file);
    // The torn line stays on record as a problem; nothing after it is broken.
    expect(check.problems).toEqual([{ line: 2, problem: expect.stringContaining('not valid JSON') }]);
    expect(check.auditIds.has(next.auditId)).toBe(true);
  });

  it('names a record written twice', async () => {
    const journal = openAuditJournal(file);
    const same = record();
    await journal.append(same, null);
    await journal.append(same, null);
    await journal.close();
    expect((await verifyJournal(file)).problems).toEqual([{ line: 2, problem: 'the same audit record twice' }]);
  });

  it('treats a missing journal as empty', async () => {
    expect(await verifyJournal(file)).toMatchObject({ lines: 0, problems: [], head: GENESIS });
  });
});

/** Rewrites lines as a forger would: every `prev` recomputed, so the chain holds. */
const rehashed = (texts: readonly string[]): string[] => {
  let prev = GENESIS;
  return texts.map((text) => {
    const line = { ...(JSON.parse(text) as { prev: string; record: ActionRecord }), prev };
    const out = JSON.stringify(line);
    prev = hashLine(out);
    return out;
  });
};

describe("the journal's head, kept apart", () => {
  const fourLines = async (): Promise<string[]> => {
    const journal = openAuditJournal(file);
    for (let i = 0; i < 4; i += 1) await journal.append(record(), null);
    await journal.close();
    return lines();
  };
  const write = (texts: readonly string[]): Promise<void> => writeFile(file, `${texts.join('\n')}\n`);

  it('records the line count and the last hash after each append', async () => {
    const original = await fourLines();
    expect(JSON.parse(await readFile(headFileFor(file), 'utf8'))).toEqual({ lines: 4, head: hashLine(original[3] ?? '') });
    expect((await verifyJournal(file)).problems).toEqual([]);
  });

  it('detects the last line removed (the chain alone still holds)', async () => {
    const original = await fourLines();
    await write(original.slice(0, 3));
    expect((await verifyJournal(file)).problems).toEqual([{ line: 3, problem: expect.stringContaining('lines removed from the journal: the head records 4, the journal holds 3') }]);
  });

  it('detects a middle line removed and the rest re-hashed', async () => {
    const original = await fourLines();
    const forged = rehashed([original[0] ?? '', original[2] ?? '', original[3] ?? '']);
    await write(forged);
    // The chain is whole again: only the head can tell.
    expect((await verifyJournal(file)).problems).toEqual([{ line: 3, problem: expect.stringContaining('lines removed') }]);
    // Padded back to four lines, re-hashed: the count matches, the last hash does not.
    await write(rehashed([original[0] ?? '', original[2] ?? '', original[3] ?? '', original[3] ?? ''].map((text, index) => (index === 3 ? text.replace(/"auditId":"[^"]+"/, `"auditId":"${randomUUID()}"`) : text))));
    expect((await verifyJournal(file)).problems).toEqual([{ line: 4, problem: expect.stringContaining('the journal was rewritten') }]);
  });

  it('detects a line edited and the rest re-hashed', async () => {
    const original = await fourLines();
    await write(rehashed([original[0]?.replace('DEVICE_LOST', 'CARDHOLDER_REQUEST') ?? '', ...original.slice(1)]));
    expect((await verifyJournal(file)).problems).toEqual([{ line: 4, problem: expect.stringContaining('the journal was rewritten') }]);
  });

  it('detects lines reordered and re-hashed', async () => {
    const original = await fourLines();
    await write(rehashed([original[1] ?? '', original[0] ?? '', original[2] ?? '', original[3] ?? '']));
    expect((await verifyJournal(file)).problems).toEqual([{ line: 4, problem: expect.stringContaining('the journal was rewritten') }]);
  });

  it('detects the head file removed or edited', async () => {
    const original = await fourLines();
    const head = await readFile(headFileFor(file), 'utf8');
    await rm(headFileFor(file));
    expect((await verifyJournal(file)).problems).toEqual([{ line: 4, problem: expect.stringContaining('audit-head.json) is missing') }]);
    await writeFile(headFileFor(file), JSON.stringify({ lines: 4, head: hashLine(original[2] ?? '') }));
    expect((await verifyJournal(file)).problems).toEqual([{ line: 4, problem: expect.stringContaining('the journal was rewritten') }]);
    await writeFile(headFileFor(file), JSON.stringify({ lines: 2, head: hashLine(original[1] ?? '') }));
    expect((await verifyJournal(file)).problems).toEqual([{ line: 4, problem: expect.stringContaining('more lines than the head records') }]);
    await writeFile(headFileFor(file), '{"lines":4,');
    expect((await verifyJournal(file)).problems).toEqual([{ line: 4, problem: expect.stringContaining('not readable') }]);
    await writeFile(headFileFor(file), head);
    expect((await verifyJournal(file)).problems).toEqual([]);
  });

  it('takes one line more than the head as a crash between the append and the head write', async () => {
    const original = await fourLines();
    await writeFile(headFileFor(file), JSON.stringify({ lines: 3, head: hashLine(original[2] ?? '') }));
    expect((await verifyJournal(file)).problems).toEqual([]);
    const journal = openAuditJournal(file);
    await journal.append(record(), null);
    await journal.close();
    expect(JSON.parse(await readFile(headFileFor(file), 'utf8'))).toMatchObject({ lines: 5 });
    expect((await verifyJournal(file)).problems).toEqual([]);
  });

  it('detects the journal removed while its head remains', async () => {
    await fourLines();
    await rm(file);
    expect((await verifyJournal(file)).problems).toEqual([{ line: 0, problem: expect.stringContaining('lines removed') }]);
  });

  it('on start, keeps a damaged journal aside as it was and begins a new one that names it', async () => {
    const original = await fourLines();
    const damaged = `${original.slice(0, 3).join('\n')}\n`;
    await writeFile(file, damaged);
    const journal = openAuditJournal(file);
    const started = await journal.start();
    expect(started.problems).toHaveLength(1);
    expect(started.keptAs).toMatch(/^audit-journal\.jsonl\.\d{8}T\d{9}Z\.damaged$/);
    expect(await readFile(join(dir, 'audit', started.keptAs ?? ''), 'utf8')).toBe(damaged);
    const next = record();
    await journal.append(next, null);
    await journal.close();
    const head = JSON.parse(await readFile(headFileFor(file), 'utf8')) as { lines: number; follows: { file: string; lines: number; problems: number } };
    expect(head).toMatchObject({ lines: 1, follows: { file: started.keptAs, lines: 3, problems: 1 } });
    const check = await verifyJournal(file);
    expect(check.problems).toEqual([]);
    expect([...check.auditIds]).toEqual([next.auditId]);
    // Started again, the new journal is sound: the break is reported once, not on every start.
    const again = openAuditJournal(file);
    expect((await again.start()).problems).toEqual([]);
    await again.append(record(), null);
    await again.close();
    expect(JSON.parse(await readFile(headFileFor(file), 'utf8'))).toMatchObject({ lines: 2, follows: { file: started.keptAs } });
  });

  it('starts a first journal with no problem', async () => {
    const journal = openAuditJournal(file);
    expect(await journal.start()).toMatchObject({ problems: [], keptAs: null, lines: 0 });
    await journal.close();
  });
});

describe('a missing journal', () => {
  it('is empty', async () => {
    expect(await verifyJournal(file)).toMatchObject({ lines: 0, problems: [], head: GENESIS });
  });
});

describe('a journal from before the head file', () => {
  /** Lines as consoles wrote them before the head file: no format, chained, and no audit-head.json. */
  const formatOneLines = (count: number): string[] => {
    const texts: string[] = [];
    let prev = GENESIS;
    for (let i = 0; i < count; i += 1) {
      const text = JSON.stringify({ prev, record: record(), receipt: null });
      texts.push(text);
      prev = hashLine(text);
    }
    return texts;
  };
  const write = async (texts: readonly string[]): Promise<void> => {
    await mkdir(join(dir, 'audit'), { recursive: true });
    await writeFile(file, `${texts.join('\n')}\n`);
  };

  it('is adopted on start: its head is written and an informational line records the adoption, not a problem', async () => {
    const old = formatOneLines(3);
    await write(old);
    expect(await verifyJournal(file)).toMatchObject({ problems: [], fromBeforeHead: true });
    const journal = openAuditJournal(file);
    const started = await journal.start();
    expect(started).toMatchObject({ problems: [], keptAs: null, adopted: { kind: 'ADOPTED_WITHOUT_HEAD', lines: 3, head: hashLine(old[2] ?? '') } });
    const next = record();
    await journal.append(next, null);
    await journal.close();
    const now = await lines();
    // The old lines stay as they were; the note and the new line follow in the chain.
    expect(now.slice(0, 3)).toEqual(old);
    expect(AdoptionNote.parse(JSON.parse(now[3] ?? ''))).toMatchObject({ format: JOURNAL_FORMAT, prev: hashLine(old[2] ?? ''), note: { lines: 3 } });
    expect(JournalLine.parse(JSON.parse(now[4] ?? ''))).toMatchObject({ format: JOURNAL_FORMAT, prev: hashLine(now[3] ?? ''), record: { auditId: next.auditId } });
    expect(JSON.parse(await readFile(headFileFor(file), 'utf8'))).toEqual({ lines: 5, head: hashLine(now[4] ?? '') });
    expect(await verifyJournal(file)).toMatchObject({ problems: [], fromBeforeHead: false, lines: 5 });
    // Adopted once: the next start finds a journal with its head and adds nothing.
    const again = openAuditJournal(file);
    expect(await again.start()).toMatchObject({ problems: [], adopted: null });
    await again.close();
    expect(await lines()).toHaveLength(5);
  });

  it('is not adopted when its chain is broken: the break is reported and the journal kept aside', async () => {
    const old = formatOneLines(3);
    await write([old[0] ?? '', old[2] ?? '']);
    const journal = openAuditJournal(file);
    const started = await journal.start();
    expect(started.problems).toEqual([{ line: 2, problem: expect.stringContaining('chain broken') }]);
    expect(started.adopted).toBeNull();
    expect(started.keptAs).toMatch(/\.damaged$/);
    await journal.close();
  });

  it('with any line of the current format and no head file, is still reported as its head removed', async () => {
    const old = formatOneLines(2);
    const current = JSON.stringify({ format: JOURNAL_FORMAT, prev: hashLine(old[1] ?? ''), record: record(), receipt: null });
    await write([...old, current]);
    const check = await verifyJournal(file);
    expect(check.fromBeforeHead).toBe(false);
    expect(check.problems).toEqual([{ line: 3, problem: expect.stringContaining('audit-head.json) is missing') }]);
    const journal = openAuditJournal(file);
    const started = await journal.start();
    expect(started).toMatchObject({ adopted: null, problems: [{ line: 3, problem: expect.stringContaining('is missing') }] });
    expect(started.keptAs).toMatch(/\.damaged$/);
    await journal.close();
  });

  it('with its format-one lines re-hashed to a current-format line removed, is not adopted once a head says otherwise', async () => {
    const old = formatOneLines(3);
    await write(old);
    await writeFile(headFileFor(file), JSON.stringify({ lines: 4, head: GENESIS }));
    expect(await verifyJournal(file)).toMatchObject({ fromBeforeHead: false, problems: [{ line: 3, problem: expect.stringContaining('lines removed') }] });
  });
});
