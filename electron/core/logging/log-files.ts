import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';

const LOG_FILE = 'token-desk.log';
/** The rotation's list of kept files; the library's own default name, so an older list is still read. */
const HISTORY_FILE = `${LOG_FILE}.txt`;
/** Redacted or not, a log says who called about which token: the user alone may read it. */
const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;

export interface LogFileOptions {
  /** A file rotates when it reaches this size; 10 MB unless a test needs rotation sooner. */
  readonly maxFileBytes?: number;
  readonly maxFiles?: number;
}

/** The live file, the rotated ones (`<time>-<n>-token-desk.log`) and the rotation's list. */
const isLogFile = (name: string): boolean => name.includes(LOG_FILE);

/**
 * A folder or file made by an earlier version, or by hand, may be readable by others; `mkdir` and
 * `open` apply a mode only when they create. Symbolic links are left alone: chmod would follow them.
 * On Windows chmod only sets the read-only flag; the profile folder's ACL keeps the files private.
 */
const restrictExisting = (dir: string): void => {
  mkdirSync(dir, { recursive: true, mode: FOLDER_MODE });
  chmodSync(dir, FOLDER_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && isLogFile(entry.name)) chmodSync(join(dir, entry.name), FILE_MODE);
  }
};

/** The size-rotated log file in `dir`, readable and writable by the user only, before and after rotation. */
export const openLogFile = (dir: string, options: LogFileOptions = {}): RotatingFileStream => {
  restrictExisting(dir);
  const stream = createStream(LOG_FILE, {
    path: dir,
    size: `${options.maxFileBytes ?? 10 * 1024 * 1024}B`,
    maxFiles: options.maxFiles ?? 10,
    history: HISTORY_FILE,
    mode: FILE_MODE,
  });
  // A rotated file keeps the live file's mode, which is already private; the list of kept files is
  // written with the default mode, and a file opened again keeps whatever mode it had.
  const restrict = (file: string): void => {
    chmod(file, FILE_MODE).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') stream.emit('warning', error as Error);
    });
  };
  stream.on('open', restrict);
  stream.on('rotated', restrict);
  stream.on('history', () => restrict(join(dir, HISTORY_FILE)));
  return stream;
};
