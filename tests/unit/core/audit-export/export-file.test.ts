import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeExportFile, type ExportColumn, type ExportProgress } from '../../../../electron/core/audit-export/export-file';

/** The streaming export under plain Node: what lands on disk, and what never does. */
interface Row {
  readonly id: number;
  readonly name: string;
  readonly comment: string;
}

const COLUMNS: readonly ExportColumn<Row>[] = [
  { header: '番号 / No.', value: (row) => String(row.id) },
  { header: '担当者 / Agent', value: (row) => row.name },
  { header: 'コメント / Comment', value: (row) => row.comment },
];

/** Values a CSV writer gets wrong: separators, quotes, line breaks, Japanese, and formulas. */
const TRICKY = [
  'plain',
  'a, b',
  'she said "no"',
  '一行目\n二行目',
  'CR\r\nLF',
  '電話を紛失したとのこと',
  '=HYPERLINK("http://evil.example","click")',
  '+81 3 1234',
  '-2+3',
  '@SUM(A1:A2)',
  '\tindented',
  '\rreturn',
  '',
  "'already quoted",
];

const rowsOf = (count: number, from = 0): Row[] =>
  Array.from({ length: count }, (_, index) => ({ id: from + index, name: `佐藤 ${String(from + index)}`, comment: TRICKY[(from + index) % TRICKY.length] ?? '' }));

async function* pagesOf(total: number, pageSize: number, failAt?: number): AsyncGenerator<Row[]> {
  for (let from = 0; from < total; from += pageSize) {
    if (failAt !== undefined && from >= failAt) throw new Error('backend went away');
    yield rowsOf(Math.min(pageSize, total - from), from);
    // A page arrives over the network: let the event loop run between them.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const exists = async (file: string): Promise<boolean> =>
  stat(file).then(
    () => true,
    () => false,
  );

describe('CSV export', () => {
  it('starts with the UTF-8 BOM and reads back through a real CSV parser, field for field', async () => {
    const target = join(dir, 'audit.csv');
    const progress: ExportProgress[] = [];
    const done = await writeExportFile({ target, format: 'csv', pages: pagesOf(140, 50), columns: COLUMNS, onProgress: (p) => progress.push(p) });

    const bytes = await readFile(target);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = parseSync(bytes, { bom: true, relax_quotes: false }) as string[][];
    expect(parsed[0]).toEqual(COLUMNS.map((column) => column.header));
    expect(parsed).toHaveLength(141);
    const unescape = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
    expect(parsed.slice(1).map(([id, name, comment]) => ({ id: Number(id), name, comment: unescape(comment ?? '') }))).toEqual(rowsOf(140));
    // Records end with CRLF, as RFC 4180 has them.
    const text = bytes.toString('utf8');
    expect(text.slice(1, text.indexOf('\n') + 1)).toBe(`${COLUMNS.map((column) => column.header).join(',')}\r\n`);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(done.records).toBe(140);
    expect(done.bytes).toBe(bytes.length);
    expect(progress.map((p) => p.records)).toEqual([50, 100, 140]);
  });

  it("prefixes every cell a spreadsheet would run as a formula with ', and no other", async () => {
    const target = join(dir, 'formulas.csv');
    await writeExportFile({ target, format: 'csv', pages: pagesOf(TRICKY.length, 100), columns: COLUMNS });
    const comments = (parseSync(await readFile(target), { bom: true }) as string[][]).slice(1).map((row) => row[2]);
    expect(comments).toEqual([
      'plain',
      'a, b',
      'she said "no"',
      '一行目\n二行目',
      'CR\r\nLF',
      '電話を紛失したとのこと',
      `'=HYPERLINK("http://evil.example","click")`,
      "'+81 3 1234",
      "'-2+3",
      "'@SUM(A1:A2)",
      "'\tindented",
      "'\rreturn",
      '',
      "'already quoted",
    ]);
  });

  it('pages in as the file takes them: an empty filter set still writes the header', async () => {
    const target = join(dir, 'empty.csv');
    const done = await writeExportFile({ target, format: 'csv', pages: pagesOf(0, 50), columns: COLUMNS });
    expect(done.records).toBe(0);
    expect(parseSync(await readFile(target), { bom: true })).toEqual([COLUMNS.map((column) => column.header)]);
  });
});

describe('JSON Lines export', () => {
  it('writes one JSON record per line, each parsing back to the record', async () => {
    const target = join(dir, 'audit.jsonl');
    await writeExportFile({ target, format: 'jsonl', pages: pagesOf(75, 20), columns: COLUMNS });
    const lines = (await readFile(target, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as Row)).toEqual(rowsOf(75));
  });
});

describe('cancel and failure', () => {
  const leftovers = async (): Promise<string[]> => readdir(dir);

  it('a cancel part-way leaves no file under the chosen name and no temporary file', async () => {
    const target = join(dir, 'cancelled.csv');
    const controller = new AbortController();
    const run = writeExportFile({
      target,
      format: 'csv',
      pages: pagesOf(10_000, 100),
      columns: COLUMNS,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.records >= 1_000) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/abort/i);
    expect(await exists(target)).toBe(false);
    expect(await leftovers()).toEqual([]);
  });

  it('a failure mid-way (the backend gone at page 30) leaves nothing, and a file already there stays as it was', async () => {
    const target = join(dir, 'audit.csv');
    await writeFile(target, 'the export of last week\n');
    const run = writeExportFile({ target, format: 'csv', pages: pagesOf(10_000, 100, 3_000), columns: COLUMNS });
    await expect(run).rejects.toThrow('backend went away');
    expect(await readFile(target, 'utf8')).toBe('the export of last week\n');
    expect(await leftovers()).toEqual(['audit.csv']);
  });

  it('a JSON Lines failure leaves nothing either', async () => {
    const target = join(dir, 'audit.jsonl');
    await expect(writeExportFile({ target, format: 'jsonl', pages: pagesOf(1_000, 100, 500), columns: COLUMNS })).rejects.toThrow('backend went away');
    expect(await leftovers()).toEqual([]);
  });

  it('a folder that cannot be written fails at once and creates nothing', async () => {
    const target = join(dir, 'no-such-folder', 'audit.csv');
    await expect(writeExportFile({ target, format: 'csv', pages: pagesOf(10, 10), columns: COLUMNS })).rejects.toThrow(/ENOENT/);
    expect(await leftovers()).toEqual([]);
  });

  it('an export already cancelled before it starts writes nothing', async () => {
    const target = join(dir, 'never.csv');
    await expect(writeExportFile({ target, format: 'csv', pages: pagesOf(10, 10), columns: COLUMNS, signal: AbortSignal.abort() })).rejects.toThrow();
    expect(await leftovers()).toEqual([]);
  });
});

describe('memory', () => {
  /** A full collection before each sample, so the heap says what is kept, not what awaits collection. */
  const collectGarbage = (): (() => void) => {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  };

  it('stays flat however large the export: what the heap keeps at the end of a 30 MB file is what it kept near the start', async () => {
    const gc = collectGarbage();
    const target = join(dir, 'large.csv');
    const total = 200_000;
    const samples: number[] = [];
    // Longer rows, so the file is large against the heap: about 170 bytes a record.
    const wide: readonly ExportColumn<Row>[] = [...COLUMNS, { header: 'detail', value: (row) => `${row.name} ${'詳細'.repeat(20)} ${String(row.id)}` }];
    let pages = 0;
    const done = await writeExportFile({
      target,
      format: 'csv',
      pages: pagesOf(total, 200),
      columns: wide,
      onProgress: () => {
        pages += 1;
        if (pages % 25 !== 0) return;
        gc();
        samples.push(process.memoryUsage().heapUsed);
      },
    });
    expect(done.records).toBe(total);
    const size = (await stat(target)).size;
    expect(size).toBeGreaterThan(30 * 1024 * 1024);
    expect(samples.length).toBe(40);
    // A writer that buffered the export would keep it all by the end: 30 MB and more.
    const first = samples[0] ?? 0;
    expect(Math.max(...samples) - first).toBeLessThan(4 * 1024 * 1024);

    // And the file is whole: every record is there, counted by a streaming parser.
    let records = -1;
    for await (const _row of createReadStream(target).pipe(parse({ bom: true }))) records += 1;
    expect(records).toBe(total);
  }, 120_000);
});
