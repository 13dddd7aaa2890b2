import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { OutboxEntry } from './action-entry';

/**
 * The outbox on disk: one file per action, `<actionId>.json`, each written whole with
 * writeFileAtomic (temporary file, fsync, rename, folder fsync).
 *
 * Why a file per action and not one append-only log: an action's record is replaced as a whole
 * on every change, so a crash leaves its old version or its new one, never a torn mixture; a
 * damaged file spoils one action, not the list; actions never wait for each other's writes; and
 * there is no log to compact. The cost, a rename and a folder fsync per change, is small next to
 * the HTTP round trip each change stands for.
 */
export interface OutboxProblem {
  /** The file's name in the outbox folder (never its content: a comment may hold personal data). */
  readonly file: string;
  readonly problem: string;
  /** Where the damaged file was moved so nothing is lost; null when it could not be moved. */
  readonly keptAs: string | null;
}

export interface OutboxLoad {
  readonly entries: OutboxEntry[];
  readonly problems: OutboxProblem[];
}

export interface OutboxStore {
  readonly dir: string;
  /** Every readable entry; damaged files are moved aside (`*.damaged`) and reported. */
  load(): Promise<OutboxLoad>;
  /** Durable when it resolves: the action survives a crash from then on. */
  save(entry: OutboxEntry): Promise<void>;
  remove(actionId: string): Promise<void>;
}

const ENTRY_FILE = /^([0-9a-f-]{36})\.json$/;
const LEFTOVER = /\.tmp$/;

const fileFor = (dir: string, actionId: string): string => join(dir, `${actionId}.json`);

const problemOf = (text: string): string | OutboxEntry => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return text.length === 0 ? 'empty file' : 'not valid JSON (truncated or overwritten)';
  }
  const parsed = OutboxEntry.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.slice(0, 5).map((issue) => issue.path.join('.') || '(root)');
    return `does not match the outbox entry schema (${fields.join(', ')})`;
  }
  return parsed.data;
};

export const openOutboxStore = (dir: string): OutboxStore => {
  // Writes to one action's file wait for each other; different actions go in parallel.
  const queues = new Map<string, Promise<unknown>>();
  const serial = (actionId: string, work: () => Promise<void>): Promise<void> => {
    const previous = queues.get(actionId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    queues.set(actionId, settled);
    void settled.then(() => {
      if (queues.get(actionId) === settled) queues.delete(actionId);
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
      const entries: OutboxEntry[] = [];
      const problems: OutboxProblem[] = [];
      for (const name of (await readdir(dir)).sort()) {
        // A temporary file is a write that never committed (the rename did not happen), so
        // nothing acted on it: the action's previous version is the true one.
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
        if (read.view.actionId !== match[1]) {
          problems.push({ file: name, problem: 'holds another action than its name says', keptAs: await quarantine(name) });
          continue;
        }
        entries.push(read);
      }
      return { entries, problems };
    },
    save: (entry) =>
      serial(entry.view.actionId, () => writeFileAtomic(fileFor(dir, entry.view.actionId), `${JSON.stringify(entry)}\n`)),
    remove: (actionId) => serial(actionId, () => rm(fileFor(dir, actionId), { force: true })),
  };
};
