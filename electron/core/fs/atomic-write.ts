import { open, rename, mkdir, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * Writes a file so that a crash leaves either the old content or the new, never half of it:
 * write a temporary file beside it, fsync, rename over the original, then fsync the folder so the
 * rename itself survives a power cut. (The sandbox has its own copy on purpose: it stands in for a
 * remote backend and shares no code with the client.)
 */
export const writeFileAtomic = async (file: string, content: string): Promise<void> => {
  const folder = dirname(file);
  const temporary = `${file}.${randomUUID()}.tmp`;
  try {
    const handle = await openForWrite(temporary, folder);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
};

/** The folder is made only when it is missing: a write that finds it (nearly all) costs no mkdir. */
const openForWrite = async (temporary: string, folder: string): Promise<FileHandle> => {
  try {
    return await open(temporary, 'w', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(folder, { recursive: true });
    return open(temporary, 'w', 0o600);
  }
};

/**
 * Makes a rename in the folder durable. Not every platform lets a folder be opened for fsync
 * (Windows does not); there the rename is as durable as it gets.
 */
export const syncFolder = async (folder: string): Promise<void> => {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Best effort where the OS refuses: the file itself is complete either way.
  } finally {
    await handle?.close();
  }
};
