import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rename, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { ActionRecord, AuditReceipt } from '../../../shared/api/audit';
import { IsoDateTime } from '../../../shared/api/ids';
import { maskCardNumbers } from '../../../shared/domain/card-number-runs';
import { writeFileAtomic } from '../fs/atomic-write';
import { ReconciledAfterDamage } from '../integrity/reconciled-action';

/**
 * The local audit journal: one JSON line per ended action, appended (the file is opened in append
 * mode and never rewritten) and fsynced before the record counts as journaled. Each line carries
 * the SHA-256 of the line before it, so an edited, removed or reordered line breaks the chain at
 * the next one and shows on the next start.
 *
 * The chain alone cannot see its own end cut off, nor a line removed and every line after it
 * re-hashed: what is left is a valid chain. So the journal's head (how many lines, the hash of the
 * last) is also kept apart, in `audit-head.json` beside it, written atomically after each append
 * and compared on start: a removed last line changes the count, a re-hashed rest changes the last
 * hash. A journal written before the head file was kept (its lines carry no format) is adopted once
 * when its chain holds (see JOURNAL_FORMAT, AdoptionNote). (Whoever can rewrite both files can
 * hide a change locally; the backend holds every record too, and is told of every problem found
 * here.)
 */
export const GENESIS = '0'.repeat(64);

/**
 * The format of the lines written now. Lines from before the head file was kept carry no format
 * (format 1); every line written since carries this one, so a journal with no head file can be
 * told apart: all lines of format 1 is a journal from before the head file (adopted, see
 * AdoptionNote), any line of this format means its head was removed (tampering).
 */
export const JOURNAL_FORMAT = 2;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const JournalLine = z.strictObject({
  /** Absent on lines from before the head file (format 1). */
  format: z.literal(JOURNAL_FORMAT).optional(),
  /** SHA-256 (hex) of the previous line's text, without its newline; GENESIS for the first. */
  prev: Sha256Hex,
  record: ActionRecord,
  /**
   * The backend's receipt (record id and hash) of the record it wrote when it took the action,
   * so the console's line and the backend's trail can be matched; null when the backend took
   * nothing (refused before sending) or its answer never arrived. Lines from before the backend
   * kept a trail have none.
   */
  receipt: AuditReceipt.nullable().optional(),
});
export type JournalLine = z.infer<typeof JournalLine>;

/**
 * An informational line, in the chain like any other: a journal from before the head file was
 * found whole (its chain verified) and adopted, its head written from then on. Not an integrity
 * problem; it records when the journal started being checked against a head, and what it held.
 */
export const AdoptionNote = z.strictObject({
  format: z.literal(JOURNAL_FORMAT),
  prev: Sha256Hex,
  note: z.strictObject({
    kind: z.literal('ADOPTED_WITHOUT_HEAD'),
    at: IsoDateTime,
    /** The lines (all of format 1) and the last hash the journal held when adopted. */
    lines: z.number().int().positive(),
    head: Sha256Hex,
  }),
});
export type AdoptionNote = z.infer<typeof AdoptionNote>;

/**
 * The line of an action whose outbox file was found damaged: not its ActionRecord (the reason, the
 * comment, the cardholder were in the file and are gone) but what identified it and what the
 * token's history said of it, with the backend's receipt of its TOKEN_ACTION record when one could
 * be read. Its `auditId` counts like a record's: never written twice.
 */
export const ReconciledLine = z.strictObject({
  format: z.literal(JOURNAL_FORMAT),
  prev: Sha256Hex,
  reconciledAfterDamage: ReconciledAfterDamage,
  receipt: AuditReceipt.nullable(),
});
export type ReconciledLine = z.infer<typeof ReconciledLine>;

const AnyLine = z.union([JournalLine, AdoptionNote, ReconciledLine]);

/** The journal's head as kept apart from it: what the journal held after the last append. */
const JournalHead = z.strictObject({
  lines: z.number().int().nonnegative(),
  /** SHA-256 of the last line (GENESIS for none). */
  head: z.string().regex(/^[0-9a-f]{64}$/),
  /**
   * A journal found damaged on start is never repaired or rewritten: it is moved aside as it was
   * (`audit-journal.jsonl.<time>.damaged`) and a new journal starts from GENESIS; its head names the
   * one it follows, so the break itself stays on record.
   */
  follows: z
    .strictObject({
      file: z.string().min(1).max(200),
      lines: z.number().int().nonnegative(),
      head: z.string().regex(/^[0-9a-f]{64}$/),
      problems: z.number().int().positive(),
    })
    .optional(),
});
type JournalHead = z.infer<typeof JournalHead>;

/** Where the journal's head is kept: beside it, so the installer's backups take both. */
export const headFileFor = (journalFile: string): string => join(dirname(journalFile), 'audit-head.json');

export interface JournalProblem {
  /** 1-based line number. */
  readonly line: number;
  readonly problem: string;
}

export interface JournalCheck {
  readonly lines: number;
  /**
   * The journal has lines, all of format 1 and sound, and no head: it was written before the head
   * file existed. start() adopts it; verifyJournal reports no problem for it.
   */
  readonly fromBeforeHead: boolean;
  /** Every auditId the journal holds, readable lines only. */
  readonly auditIds: ReadonlySet<string>;
  readonly problems: readonly JournalProblem[];
}

export interface AuditJournal {
  readonly file: string;
  /**
   * Checks the journal on start. A damaged one is moved aside as it is and a new one begins
   * (see JournalHead.follows); `keptAs` names where the damaged one went.
   */
  start(): Promise<JournalCheck & { readonly keptAs: string | null; readonly adopted: AdoptionNote['note'] | null }>;
  /** Appends one record with the backend's receipt; durable when it resolves. */
  append(record: ActionRecord, receipt: AuditReceipt | null): Promise<void>;
  /** Appends the line of an action whose outbox file was damaged, once reconciled; durable when it resolves. */
  appendReconciled(reconciled: ReconciledAfterDamage, receipt: AuditReceipt | null): Promise<void>;
  close(): Promise<void>;
}

/**
 * The record as the journal keeps it: its free text (the comment, the agent's name, what the token
 * service was sent) with any card number masked to its last four. Every border refuses a comment
 * that holds one; this keeps it out of the file whatever made the record (an outbox entry written
 * before that rule, a caller that skipped it), as a line once written is never rewritten.
 */
const journaled = (record: ActionRecord): ActionRecord => {
  const masked = (text: string): string => maskCardNumbers(text).text;
  return {
    ...record,
    agent: { ...record.agent, name: masked(record.agent.name) },
    reasonSent: record.reasonSent === null ? null : masked(record.reasonSent),
    comment: record.comment === null ? null : masked(record.comment),
  };
};

export const hashLine = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

type HeadRead = { readonly state: 'missing' } | { readonly state: 'damaged' } | { readonly state: 'read'; readonly head: JournalHead };

const readHead = async (file: string): Promise<HeadRead> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    throw error;
  }
  try {
    const parsed = JournalHead.safeParse(JSON.parse(text));
    return parsed.success ? { state: 'read', head: parsed.data } : { state: 'damaged' };
  } catch {
    return { state: 'damaged' };
  }
};

/**
 * The journal against its head. One line more than the head says is a crash between the append
 * and the head's write (the line is fsynced first), and is fine when its chain holds; anything
 * else is a change to the journal or to its head.
 */
const headProblems = (read: HeadRead, lines: number, current: number, hashAt: ReadonlyMap<number, string>): JournalProblem[] => {
  if (read.state === 'missing') {
    // A journal of format 1 lines only never had a head; its own lines' problems, if any, are reported.
    if (lines === 0 || current === 0) return [];
    return [{ line: lines, problem: 'the journal head (audit-head.json) is missing: the journal cannot be checked for removed lines' }];
  }
  if (read.state === 'damaged') return [{ line: lines, problem: 'the journal head (audit-head.json) is not readable: it was edited or damaged' }];
  const { head } = read;
  if (lines < head.lines) {
    return [{ line: lines, problem: `lines removed from the journal: the head records ${head.lines}, the journal holds ${lines}` }];
  }
  if (lines > head.lines + 1) {
    return [{ line: lines, problem: `more lines than the head records (${head.lines}, the journal holds ${lines}): lines were added, or the head was edited` }];
  }
  if (hashAt.get(head.lines) !== head.head) {
    return [{ line: head.lines, problem: 'the journal was rewritten: this line is not the one the head records (a line changed, or removed and the rest re-hashed), or the head was edited' }];
  }
  return [];
};

/** Checks a journal file line by line, and against its head; a missing file is an empty journal. */
export const verifyJournal = async (file: string): Promise<JournalCheck & { readonly head: string; readonly endsWithNewline: boolean }> => {
  const problems: JournalProblem[] = [];
  const auditIds = new Set<string>();
  const headRead = await readHead(headFileFor(file));
  // The hash after each line the head may point at: only its own line and the one after are needed.
  const wanted = headRead.state === 'read' ? headRead.head.lines : -1;
  const hashAt = new Map<number, string>([[0, GENESIS]]);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    problems.push(...headProblems(headRead, 0, 0, hashAt));
    return { lines: 0, fromBeforeHead: false, auditIds, problems, head: GENESIS, endsWithNewline: true };
  }
  let head = GENESIS;
  let lines = 0;
  /** Lines of the current format (or of no known format): any of them means a head was kept. */
  let current = 0;
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
      current += 1;
      head = hashLine(text);
      if (lines === wanted) hashAt.set(lines, head);
      continue;
    }
    const parsed = AnyLine.safeParse(json);
    if (!parsed.success) {
      problems.push({ line: lines, problem: 'not a journal line (schema)' });
      current += 1;
    } else {
      if (parsed.data.format !== undefined) current += 1;
      if (parsed.data.prev !== head) problems.push({ line: lines, problem: 'chain broken: the line before it was changed, removed or reordered' });
      const auditId = 'record' in parsed.data ? parsed.data.record.auditId : 'reconciledAfterDamage' in parsed.data ? parsed.data.reconciledAfterDamage.auditId : null;
      if (auditId !== null) {
        if (auditIds.has(auditId)) problems.push({ line: lines, problem: 'the same audit record twice' });
        auditIds.add(auditId);
      }
    }
    head = hashLine(text);
    if (lines === wanted) hashAt.set(lines, head);
  }
  if (!endsWithNewline) problems.push({ line: lines, problem: 'the last line is incomplete (a write was cut short)' });
  problems.push(...headProblems(headRead, lines, current, hashAt));
  const fromBeforeHead = headRead.state === 'missing' && lines > 0 && current === 0 && problems.length === 0;
  return { lines, fromBeforeHead, auditIds, problems, head, endsWithNewline };
};

/** A readable time, not epoch milliseconds: a long run of digits would be masked in the log as a card number. */
const stamp = (): string => new Date().toISOString().replace(/[-:.]/g, '');

const moveAside = async (file: string, kept: string): Promise<boolean> => {
  try {
    await rename(file, kept);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
};

export const openAuditJournal = (file: string): AuditJournal => {
  let handle: FileHandle | null = null;
  let head: string | null = null;
  let needsNewline = false;
  let lines = 0;
  const headFile = headFileFor(file);
  /** The break the current journal follows, kept in every head written; null until read. */
  let follows: JournalHead['follows'] | null = null;
  // One append at a time: each line's `prev` is the line written just before it.
  let queue: Promise<unknown> = Promise.resolve();

  const ready = async (): Promise<FileHandle> => {
    if (handle && head !== null) return handle;
    await mkdir(dirname(file), { recursive: true });
    const check = await verifyJournal(file);
    head = check.head;
    lines = check.lines;
    needsNewline = !check.endsWithNewline;
    if (follows === null) {
      const previous = await readHead(headFile);
      follows = previous.state === 'read' ? previous.head.follows : undefined;
    }
    handle = await open(file, 'a', 0o600);
    return handle;
  };

  const writeHead = (next: Omit<JournalHead, 'follows'>): Promise<void> =>
    writeFileAtomic(headFile, `${JSON.stringify({ ...next, ...(follows ? { follows } : {}) } satisfies JournalHead)}\n`);

  /** Appends one line, chained to the last; fsynced, then the head is written. */
  const appendLine = (lineAfter: (prev: string) => JournalLine | AdoptionNote | ReconciledLine): Promise<void> => {
    const run = queue.then(async () => {
      const out = await ready();
      const text = JSON.stringify(lineAfter(head ?? GENESIS));
      // After a torn last line the next record still starts on a line of its own.
      await out.appendFile(`${needsNewline ? '\n' : ''}${text}\n`, 'utf8');
      await out.sync();
      needsNewline = false;
      head = hashLine(text);
      // A torn last line was counted already: the newline only ends it.
      lines += 1;
      await writeHead({ lines, head });
    });
    queue = run.catch(() => undefined);
    return run;
  };

  const start: AuditJournal['start'] = async () => {
    await queue;
    await handle?.close();
    handle = null;
    head = null;
    await mkdir(dirname(file), { recursive: true });
    const check = await verifyJournal(file);
    const previous = await readHead(headFile);
    if (check.problems.length === 0) {
      follows = previous.state === 'read' ? previous.head.follows : undefined;
      if (!check.fromBeforeHead) return { ...check, keptAs: null, adopted: null };
      // The head first, then the note through the ordinary append (which writes the head again): a
      // crash between the two leaves a sound journal with its head, only without the note.
      await writeHead({ lines: check.lines, head: check.head });
      const note: AdoptionNote['note'] = { kind: 'ADOPTED_WITHOUT_HEAD', at: new Date().toISOString(), lines: check.lines, head: check.head };
      await appendLine((prev) => ({ format: JOURNAL_FORMAT, prev, note }) satisfies AdoptionNote);
      return { ...check, keptAs: null, adopted: note };
    }
    // Kept exactly as found, for whoever looks into it; the new journal names it in its head.
    const time = stamp();
    const kept = `${basename(file)}.${time}.damaged`;
    const moved = await moveAside(file, join(dirname(file), kept));
    await moveAside(headFile, `${headFile}.${time}.damaged`);
    follows = { file: moved ? kept : '(no journal file)', lines: check.lines, head: check.head, problems: check.problems.length };
    await writeHead({ lines: 0, head: GENESIS });
    return { ...check, keptAs: moved ? kept : null, adopted: null };
  };

  return {
    file,
    start,
    append: (record, receipt) => appendLine((prev) => ({ format: JOURNAL_FORMAT, prev, record: journaled(record), receipt }) satisfies JournalLine),
    appendReconciled: (reconciledAfterDamage, receipt) => appendLine((prev) => ({ format: JOURNAL_FORMAT, prev, reconciledAfterDamage, receipt }) satisfies ReconciledLine),
    async close() {
      await queue;
      await handle?.close();
      handle = null;
      head = null;
    },
  };
};
