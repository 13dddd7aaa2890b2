import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { syncFolder } from '../fs/atomic-write';

export type ExportFileFormat = 'csv' | 'jsonl';

/** One column of a CSV export: its heading and how a record reads in it. */
export interface ExportColumn<T> {
  readonly header: string;
  readonly value: (record: T) => string;
}

export interface ExportProgress {
  readonly records: number;
  /** Bytes handed to the file so far (the file on disk may lag by what the OS still buffers). */
  readonly bytes: number;
}

export interface WriteExportOptions<T> {
  /** The file the supervisor chose. Nothing appears under this name until the export is complete. */
  readonly target: string;
  readonly format: ExportFileFormat;
  /** The records, a page at a time: the next page is asked for only when the file has taken the last. */
  readonly pages: AsyncIterable<readonly T[]>;
  /** The CSV columns; JSON Lines writes each record whole. */
  readonly columns: readonly ExportColumn<T>[];
  /** Aborting stops the export; the temporary file goes and the target is left as it was. */
  readonly signal?: AbortSignal;
  /** Told after each page has been handed to the file. */
  readonly onProgress?: (progress: ExportProgress) => void;
}

/**
 * The temporary file beside the target: in the same folder, so the final rename is atomic and
 * never crosses file systems; hidden and named for the target, so a reader of the folder sees
 * what it is.
 */
const temporaryFor = (target: string): string => join(dirname(target), `.${basename(target)}.${randomUUID()}.part`);

/**
 * CSV goes through csv-stringify (kept, streaming, RFC 4180 quoting), with the BOM Excel needs to
 * read UTF-8 in Japan, CRLF line ends (RFC 4180), and every cell a spreadsheet would run as a
 * formula (`=`, `+`, `-`, `@`, tab or carriage return first) prefixed with `'`.
 */
const csvEncoder = (headers: readonly string[]) =>
  stringify({ bom: true, header: true, columns: headers.map((header, index) => ({ key: String(index), header })), escape_formulas: true, record_delimiter: 'windows' });

/** Flattens the pages into what the file takes, one record at a time, counting after each page. */
async function* encoded<T>(pages: AsyncIterable<readonly T[]>, encode: (record: T) => unknown, counted: (records: number) => void): AsyncGenerator<unknown> {
  let records = 0;
  for await (const page of pages) {
    for (const record of page) yield encode(record);
    records += page.length;
    counted(records);
  }
}

/**
 * Writes an export of any size in constant memory: records are read a page at a time, encoded as
 * they come and written through a stream whose backpressure holds the next page back until the
 * disk has taken the last. The file is written under a temporary name beside the target, synced
 * and renamed at the end; a cancel or a failure at any point removes the temporary file, so no
 * half export is ever found under the chosen name (and a file that was there stays as it was).
 */
export const writeExportFile = async <T>(options: WriteExportOptions<T>): Promise<ExportProgress> => {
  const { target, signal } = options;
  signal?.throwIfAborted();
  const temporary = temporaryFor(target);
  const file = createWriteStream(temporary, { flags: 'wx', mode: 0o600, flush: true });
  let progress: ExportProgress = { records: 0, bytes: 0 };
  const counted = (records: number): void => {
    progress = { records, bytes: file.bytesWritten + file.writableLength };
    options.onProgress?.(progress);
  };
  const { columns } = options;
  // A small buffer of records ahead of the encoder: the pages themselves are the unit of memory.
  const readable = { objectMode: true, highWaterMark: 64 };
  try {
    if (options.format === 'csv') {
      const rows = Readable.from(encoded(options.pages, (record) => columns.map((column) => column.value(record)), counted), readable);
      await pipeline(rows, csvEncoder(columns.map((column) => column.header)), file, signal ? { signal } : {});
    } else {
      const lines = Readable.from(encoded(options.pages, (record) => `${JSON.stringify(record)}\n`, counted), readable);
      await pipeline(lines, file, signal ? { signal } : {});
    }
    signal?.throwIfAborted();
    progress = { records: progress.records, bytes: file.bytesWritten };
    await rename(temporary, target);
  } catch (error) {
    file.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(dirname(target));
  return progress;
};
