import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { AuditRecord } from '../../../shared/api/audit';
import { failure, type AuditExport, type AuditFilter, type ExportFormat } from '../../../shared/contract';
import { writeExportFile } from '../audit-export/export-file';
import type { EventBus } from '../events/event-bus';
import { CallError } from '../ipc/dispatch';
import type { Logger } from '../logging/logger';
import { AUDIT_EXPORT_COLUMNS } from './audit-columns';

/** Where the supervisor saves an export: main's save dialog, the test bridge's own folder. Null: they chose none. */
export type ChooseExportFile = (request: { readonly caller: string; readonly suggestedName: string; readonly format: ExportFormat }) => Promise<string | null>;

/** One page of the filtered trail; the first is asked for with no cursor (and recorded as an export by the backend). */
export type ReadAuditPage = (cursor: string | undefined) => Promise<{ readonly items: readonly AuditRecord[]; readonly nextCursor: string | null }>;

export interface AuditExportsOptions {
  readonly choose: ChooseExportFile;
  readonly events: EventBus;
  readonly logger: Logger;
  readonly now?: () => Date;
  /** How often progress is told at most while records flow (the end is always told). */
  readonly progressEveryMs?: number;
}

export interface StartExport {
  readonly caller: string;
  readonly correlationId: string;
  readonly filter: AuditFilter;
  readonly format: ExportFormat;
  readonly readPage: ReadAuditPage;
}

export interface AuditExports {
  /** Asks where to save, then runs the export in the background; null when no file was chosen. */
  start(request: StartExport): Promise<AuditExport | null>;
  cancel(exportId: string): boolean;
  /** Cancels every export under way (sign-out, quit); each leaves no file behind. */
  cancelAll(): void;
  /** Resolves once the exports under way have ended (for quitting and the tests). */
  settled(): Promise<void>;
}

const pad = (n: number): string => String(n).padStart(2, '0');

const suggestedNameFor = (at: Date, format: ExportFormat): string =>
  `audit-${String(at.getFullYear())}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}.${format}`;

/**
 * The exports main runs for supervisors: each pages the filtered trail from the backend and streams
 * it to the chosen file (`writeExportFile`: constant memory, nothing under the chosen name unless
 * complete), telling its progress as `export.changed` on the one event channel, and can be cancelled.
 */
export const createAuditExports = (options: AuditExportsOptions): AuditExports => {
  const { events, logger } = options;
  const now = options.now ?? (() => new Date());
  const progressEveryMs = options.progressEveryMs ?? 250;
  const running = new Map<string, { readonly controller: AbortController; readonly done: Promise<void> }>();

  const run = async (request: StartExport, target: string, view: AuditExport, controller: AbortController): Promise<void> => {
    let current = view;
    const tell = (change: Partial<AuditExport>): void => {
      current = { ...current, ...change };
      events.emit('export.changed', current);
    };
    let toldAt = 0;
    async function* pages(): AsyncGenerator<readonly AuditRecord[]> {
      let cursor: string | undefined;
      do {
        const page = await request.readPage(cursor);
        yield page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
    }
    try {
      const written = await writeExportFile({
        target,
        format: request.format,
        pages: pages(),
        columns: AUDIT_EXPORT_COLUMNS,
        signal: controller.signal,
        onProgress: (progress) => {
          const at = Date.now();
          if (at - toldAt < progressEveryMs) return;
          toldAt = at;
          tell({ records: progress.records, bytes: progress.bytes });
        },
      });
      logger.info({ correlationId: request.correlationId, exportId: view.exportId, records: written.records, bytes: written.bytes }, 'audit export written');
      tell({ state: 'done', records: written.records, bytes: written.bytes, finishedAt: now().toISOString() });
    } catch (error) {
      if (controller.signal.aborted) {
        logger.info({ correlationId: request.correlationId, exportId: view.exportId }, 'audit export cancelled; no file left');
        tell({ state: 'cancelled', finishedAt: now().toISOString() });
        return;
      }
      const typed =
        error instanceof CallError
          ? failure(error.code, request.correlationId, error.fields, error.backend).error
          : failure('INTERNAL', request.correlationId).error;
      logger.error({ correlationId: request.correlationId, exportId: view.exportId, err: error }, 'audit export failed; no file left');
      tell({ state: 'failed', finishedAt: now().toISOString(), error: typed });
    }
  };

  return {
    async start(request) {
      const startedAt = now();
      const target = await options.choose({ caller: request.caller, suggestedName: suggestedNameFor(startedAt, request.format), format: request.format });
      if (target === null) return null;
      const exportId = randomUUID();
      const view: AuditExport = {
        exportId,
        fileName: basename(target),
        format: request.format,
        state: 'running',
        records: 0,
        bytes: 0,
        startedAt: startedAt.toISOString(),
        finishedAt: null,
        error: null,
      };
      const controller = new AbortController();
      const done = run(request, target, view, controller).finally(() => running.delete(exportId));
      running.set(exportId, { controller, done });
      return view;
    },
    cancel(exportId) {
      const entry = running.get(exportId);
      if (entry === undefined) return false;
      entry.controller.abort();
      return true;
    },
    cancelAll() {
      for (const entry of running.values()) entry.controller.abort();
    },
    async settled() {
      await Promise.all([...running.values()].map((entry) => entry.done));
    },
  };
};
