import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-write';

/**
 * A folder of durable records, one file per record (`<id>.json`), each written whole with
 * writeFileAtomic (temporary file, fsync, rename, folder fsync): the write-ahead of main's outboxes
 * (the token actions', the phone calls').
 *
 * Why a file per record and not one append-only log: a record is replaced as a whole on every
 * change, so a crash leaves its old version or its new one, never a torn mixture; a damaged file
 * spoils one record, not the list; records never wait for each other's writes; and there is no log
 * to compact. The cost, a rename and a folder fsync per change, is small next to the HTTP round
 * trip each change stands for.
 */
export interface RecordProblem {
  /** The file's name in the folder (never its content: a record may hold personal data). */
  readonly file: string;
  readonly problem: string;
  /** Where the damaged file was moved so nothing is lost; null when it could not be moved. */
  readonly keptAs: string | null;
}

export interface RecordLoad<T> {
  readonly entries: T[];
  readonly problems: RecordProblem[];
}

export interface RecordFolder<T> {
  readonly dir: string;
  /** Every readable record; damaged files are moved aside (`*.damaged`) and reported. */
  load(): Promise<RecordLoad<T>>;
  /** Durable when it resolves: the record survives a crash from then on. */
  save(entry: T): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface RecordFolderOptions<S extends z.ZodType> {
  readonly dir: string;
  /** What every file must hold; a file that does not is kept aside, never half-trusted. */
  readonly schema: S;
  /** The record's id, which names its file: a UUID. */
  readonly idOf: (entry: z.output<S>) => string;
  /** How the schema names the record kind in a problem ("the outbox entry schema"). */
  readonly kind: string;
}

const ENTRY_FILE = /^([0-9a-f-]{36})\.json$/;
const LEFTOVER = /\.tmp$/;

export const openRecordFolder = <S extends z.ZodType>({ dir, schema, idOf, kind }: RecordFolderOptions<S>): RecordFolder<z.output<S>> => {
  type T = z.output<S>;
  const fileFor = (id: string): string => join(dir, `${id}.json`);

  const problemOf = (text: string): string | T => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return text.length === 0 ? 'empty file' : 'not valid JSON (truncated or overwritten)';
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const fields = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(root)');
      return `does not match ${kind} (${fields.join(', ')})`;
    }
    return parsed.data;
  };

  // Writes to one record's file wait for each other; different records go in parallel.
  const queues = new Map<string, Promise<unknown>>();
  const serial = (id: string, work: () => Promise<void>): Promise<void> => {
    const previous = queues.get(id) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    queues.set(id, settled);
    void settled.then(() => {
      if (queues.get(id) === settled) queues.delete(id);
    });
    return run;
  };

  const quarantine = async (name: string): Promise<string | null> => {
    // A readable time, not epoch milliseconds: a long run of digits would be masked in the log as a card number.
    const kept = `${name}.${new Date().toISOString().replace(/[-:.]/g, '')}.damaged`;
    try {
      await rename(join(dir, name), join(dir, kept));
      return kept;
    } catch {
      return null;
    }
  };

  return {
    dir,
    async load() {
      await mkdir(dir, { recursive: true });
      const entries: T[] = [];
      const problems: RecordProblem[] = [];
      for (const name of (await readdir(dir)).sort()) {
        // A temporary file is a write that never committed (the rename did not happen), so
        // nothing acted on it: the record's previous version is the true one.
        if (LEFTOVER.test(name)) {
          await rm(join(dir, name), { force: true });
          continue;
        }
        const match = ENTRY_FILE.exec(name);
        if (!match) continue;
        let text: string;
        try {
          text = await readFile(join(dir, name), 'utf8');
        } catch (error) {
          problems.push({ file: name, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, keptAs: null });
          continue;
        }
        const read = problemOf(text);
        if (typeof read === 'string') {
          problems.push({ file: name, problem: read, keptAs: await quarantine(name) });
          continue;
        }
        if (idOf(read) !== match[1]) {
          problems.push({ file: name, problem: 'holds another record than its name says', keptAs: await quarantine(name) });
          continue;
        }
        entries.push(read);
      }
      return { entries, problems };
    },
    save: (entry) => {
      const id = idOf(entry);
      return serial(id, () => writeFileAtomic(fileFor(id), `${JSON.stringify(entry)}\n`));
    },
    remove: (id) => serial(id, () => rm(fileFor(id), { force: true })),
  };
};
