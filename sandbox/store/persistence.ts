import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PersistedState } from './state';

/** A data file that exists but cannot be used; the sandbox refuses to start rather than lose it. */
export class SandboxDataError extends Error {
  override readonly name = 'SandboxDataError';
}

/** The saved state, `null` when the file does not exist yet, or a SandboxDataError naming the file. */
export const loadState = async (file: string): Promise<PersistedState | null> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SandboxDataError(`Cannot read the sandbox data file ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SandboxDataError(`The sandbox data file ${file} is not valid JSON. Move it away or delete it to start again from the seed.`);
  }
  const result = PersistedState.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown problem';
    throw new SandboxDataError(
      `The sandbox data file ${file} is not a Token Desk sandbox state (${where}). Move it away or delete it to start again from the seed.`,
    );
  }
  return result.data;
};

/** tmp file in the same folder, fsync, rename: a crash leaves the old file or the new one, never half. */
const writeAtomically = async (file: string, text: string): Promise<void> => {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  // The rename is durable once the folder is synced; not every platform lets a folder be opened.
  try {
    const folder = await open(dirname(file), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  } catch {
    // Best effort (Windows cannot fsync a directory).
  }
};

/**
 * Writes the state after changes, debounced so a burst of mutations is one write, and never two
 * writes at once. `flush()` writes what is pending (used on close).
 */
export class StateWriter {
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => PersistedState,
    private readonly onError: (error: unknown) => void,
    private readonly delayMs = 100,
  ) {}

  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.writeNow();
    }, this.delayMs);
  }

  private writeNow(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await writeAtomically(this.file, JSON.stringify(this.snapshot()));
      } catch (error) {
        this.dirty = true;
        this.onError(error);
      }
    });
    return this.writing;
  }

  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.writeNow();
  }
}
