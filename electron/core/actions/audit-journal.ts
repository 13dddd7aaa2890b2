import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { AuditRecord } from '../../../shared/api/audit';
import { maskCardNumbers } from '../../../shared/domain/card-number-runs';

/**
 * The local audit journal: one JSON line per ended action, appended (the file is opened in append
 * mode and never rewritten) and fsynced before the record counts as journaled. Each line carries
 * the SHA-256 of the line before it, so an edited, removed or reordered line breaks the chain at
 * the next one and shows on the next start. The newest line is covered once another follows it.
 */
export const GENESIS = '0'.repeat(64);

export const JournalLine = z.strictObject({
  /** SHA-256 (hex) of the previous line's text, without its newline; GENESIS for the first. */
  prev: z.string().regex(/^[0-9a-f]{64}$/),
  record: AuditRecord,
});
export type JournalLine = z.infer<typeof JournalLine>;

export interface JournalProblem {
  /** 1-based line number. */
  readonly line: number;
  readonly problem: string;
}

export interface JournalCheck {
  readonly lines: number;
  /** Every auditId the journal holds, readable lines only. */
  readonly auditIds: ReadonlySet<string>;
  readonly problems: readonly JournalProblem[];
}

export interface AuditJournal {
  readonly file: string;
  /** Reads the whole journal and checks the chain. */
  verify(): Promise<JournalCheck>;
  /** Appends one record; durable when it resolves. */
  append(record: AuditRecord): Promise<void>;
  close(): Promise<void>;
}

/**
 * The record as the journal keeps it: its free text (the comment, the agent's name, what the token
 * service was sent) with any card number masked to its last four. Every border refuses a comment
 * that holds one; this keeps it out of the file whatever made the record (an outbox entry written
 * before that rule, a caller that skipped it), as a line once written is never rewritten.
 */
const journaled = (record: AuditRecord): AuditRecord => {
  const masked = (text: string): string => maskCardNumbers(text).text;
  return {
    ...record,
    agent: { ...record.agent, name: masked(record.agent.name) },
    reasonSent: record.reasonSent === null ? null : masked(record.reasonSent),
    comment: record.comment === null ? null : masked(record.comment),
  };
};

export const hashLine = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Checks a journal file line by line; a missing file is an empty journal. */
export const verifyJournal = async (file: string): Promise<JournalCheck & { readonly head: string; readonly endsWithNewline: boolean }> => {
  const problems: JournalProblem[] = [];
  const auditIds = new Set<string>();
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: 0, auditIds, problems, head: GENESIS, endsWithNewline: true };
    throw error;
  }
  let head = GENESIS;
  let lines = 0;
  let endsWithNewline = true;
  if (size > 0) {
    const last = await open(file, 'r');
    try {
      const byte = Buffer.alloc(1);
      await last.read(byte, 0, 1, size - 1);
      endsWithNewline = byte[0] === 0x0a;
    } finally {
      await last.close();
    }
  }
  const reader = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const text of reader) {
    lines += 1;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      problems.push({ line: lines, problem: 'not valid JSON (a torn write or an edit)' });
      head = hashLine(text);
      continue;
    }
    const parsed = JournalLine.safeParse(json);
    if (!parsed.success) {
      problems.push({ line: lines, problem: 'not a journal line (schema)' });
    } else {
      if (parsed.data.prev !== head) problems.push({ line: lines, problem: 'chain broken: the line before it was changed, removed or reordered' });
      if (auditIds.has(parsed.data.record.auditId)) problems.push({ line: lines, problem: 'the same audit record twice' });
      auditIds.add(parsed.data.record.auditId);
    }
    head = hashLine(text);
  }
  if (!endsWithNewline) problems.push({ line: lines, problem: 'the last line is incomplete (a write was cut short)' });
  return { lines, auditIds, problems, head, endsWithNewline };
};

export const openAuditJournal = (file: string): AuditJournal => {
  let handle: FileHandle | null = null;
  let head: string | null = null;
  let needsNewline = false;
  // One append at a time: each line's `prev` is the line written just before it.
  let queue: Promise<unknown> = Promise.resolve();

  const ready = async (): Promise<FileHandle> => {
    if (handle && head !== null) return handle;
    await mkdir(dirname(file), { recursive: true });
    const check = await verifyJournal(file);
    head = check.head;
    needsNewline = !check.endsWithNewline;
    handle = await open(file, 'a', 0o600);
    return handle;
  };

  return {
    file,
    verify: () => verifyJournal(file),
    append(record) {
      const run = queue.then(async () => {
        const out = await ready();
        const line: JournalLine = { prev: head ?? GENESIS, record: journaled(record) };
        const text = JSON.stringify(line);
        // After a torn last line the next record still starts on a line of its own.
        await out.appendFile(`${needsNewline ? '\n' : ''}${text}\n`, 'utf8');
        await out.sync();
        needsNewline = false;
        head = hashLine(text);
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      await queue;
      await handle?.close();
      handle = null;
      head = null;
    },
  };
};
