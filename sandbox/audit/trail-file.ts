import { open, readFile, rename, truncate, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { TrailHash } from '../../shared/api/audit';
import { EMPTY_HEAD, readLine, type ReadLine, type TrailHead } from './chain';

/**
 * Where a data file's trail lives: beside it, `<name>.audit.jsonl` and its head `<name>.audit-head.json`
 * (`sandbox.json` → `sandbox.audit.jsonl`). Not part of the state snapshot: the snapshot is
 * rewritten whole on a timer, the trail is only ever appended to.
 */
export const trailFilesOf = (dataFile: string): { readonly trail: string; readonly head: string } => {
  const stem = basename(dataFile).replace(/\.json$/i, '');
  return { trail: join(dirname(dataFile), `${stem}.audit.jsonl`), head: join(dirname(dataFile), `${stem}.audit-head.json`) };
};

const HeadFile = z.strictObject({ count: z.number().int().min(0), hash: TrailHash });

export interface LoadedTrail {
  readonly lines: readonly ReadLine[];
  /** Null when there is no head file (a trail that was never written to). */
  readonly head: TrailHead | null;
  /** An unfinished last line past the head was cut off: a write that never completed, never answered. */
  readonly tornTailDropped: boolean;
}

const readHead = async (file: string): Promise<TrailHead | null> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = HeadFile.safeParse(JSON.parse(text));
  // A head that cannot be read is no evidence either way: the chain itself is still checked.
  return parsed.success ? parsed.data : null;
};

/**
 * Reads the trail and its head. A last line without its newline that lies past the head's count
 * was being written when the backend stopped: its call was never answered, so it is cut off
 * before anything is appended after it. Anything else stays as found, for verify to report.
 */
export const loadTrail = async (files: { readonly trail: string; readonly head: string }): Promise<LoadedTrail> => {
  const head = await readHead(files.head);
  let text: string;
  try {
    text = await readFile(files.trail, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], head, tornTailDropped: false };
    throw error;
  }
  const parts = text.split('\n');
  const last = parts.pop() ?? '';
  let tornTailDropped = false;
  if (last !== '') {
    if (parts.length >= (head?.count ?? 0)) {
      await truncate(files.trail, Buffer.byteLength(text, 'utf8') - Buffer.byteLength(last, 'utf8'));
      tornTailDropped = true;
    } else {
      parts.push(last);
    }
  }
  return { lines: parts.map(readLine), head, tornTailDropped };
};

/** Reads the stored trail back for verification (no repair). */
export const readTrailForCheck = async (files: { readonly trail: string; readonly head: string }): Promise<LoadedTrail> => {
  const head = await readHead(files.head).catch(() => null);
  let text = '';
  try {
    text = await readFile(files.trail, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const parts = text.split('\n');
  if (parts.at(-1) === '') parts.pop();
  return { lines: parts.map(readLine), head, tornTailDropped: false };
};

/**
 * The trail's writer: lines appended to a file opened in append mode, fsynced before the append
 * resolves; appends that arrive while a sync runs are written and synced together (group commit),
 * each still resolved only once its own line is on disk. After each sync the head file is
 * replaced (written, synced, renamed), so a tail cut off later is found.
 */
export class TrailFileWriter {
  private handle: FileHandle | null = null;
  private waiting: { text: string; head: TrailHead; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private running = false;

  constructor(private readonly files: { readonly trail: string; readonly head: string }) {}

  append(text: string, head: TrailHead): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ text, head, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      try {
        this.handle ??= await open(this.files.trail, 'a', 0o600);
        await this.handle.appendFile(batch.map((item) => `${item.text}\n`).join(''), 'utf8');
        await this.handle.sync();
        await this.writeHead(batch.at(-1)?.head ?? EMPTY_HEAD);
        for (const item of batch) item.resolve();
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    this.running = false;
  }

  private async writeHead(head: TrailHead): Promise<void> {
    const tmp = `${this.files.head}.tmp`;
    const out = await open(tmp, 'w', 0o600);
    try {
      await out.writeFile(JSON.stringify(head), 'utf8');
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(tmp, this.files.head);
  }

  async close(): Promise<void> {
    while (this.running || this.waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.handle?.close();
    this.handle = null;
  }
}
