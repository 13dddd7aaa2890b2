import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { IntegrityReportSubmission, type DamagedAction, type IntegrityFinding, type IntegritySubject } from '../../../shared/api/integrity';
import type { IntegrityNotice, IntegrityNotices } from '../../../shared/contract';
import type { BackendClient } from '../backend/backend-client';
import { backoffDelay } from '../backend/retry-policy';
import type { EventBus } from '../events/event-bus';
import { openRecordFolder } from '../fs/record-folder';
import type { Logger } from '../logging/logger';

/** What a check found, as the part of core that checks its own files hands it over. */
export interface IntegrityFound {
  readonly subject: IntegritySubject;
  readonly findings: readonly IntegrityFinding[];
  readonly keptAs: string | null;
  readonly action: DamagedAction | null;
}

export interface IntegrityReports {
  /** Sends the reports an earlier run could not (kept on disk), before anything new is found. */
  start(): Promise<void>;
  /** Shows the problem on every screen now, keeps its report on disk, and sends it until the backend stores it; answers the report's id. */
  report(found: IntegrityFound): Promise<string>;
  /**
   * Shows again a notice an earlier run reported (the damaged action it names is still being
   * reconciled), without reporting it again; nothing when it is shown already.
   */
  recall(notice: Omit<IntegrityNotice, 'reported'>): void;
  /** The damaged action a notice names has been reconciled: the notice shows what became of it. */
  settle(reportId: string, action: DamagedAction): void;
  notices(): IntegrityNotices;
  /** Resolves once no send is running or due (tests). */
  idle(): Promise<void>;
  /**
   * Stops retrying and waits for a send under way: one still running after close could be stored
   * by the backend and remove its file while the next start already reads the folder.
   */
  close(): Promise<void>;
}

export interface IntegrityReportsOptions {
  /** `<userData>/integrity`: one file per report until the backend has stored it. */
  readonly dir: string;
  readonly workstationId: string;
  /** The backend client; throws when there is none (not configured, no key yet): the report waits. */
  readonly backend: () => BackendClient;
  /** Who is signed in, named in the report. */
  readonly agentId: () => string | null;
  readonly events: Pick<EventBus, 'emit'>;
  readonly logger: Logger;
  readonly retry?: { readonly baseDelayMs: number; readonly maxDelayMs: number };
  readonly random?: () => number;
}

const PendingReport = z.strictObject({ report: IntegrityReportSubmission });
type PendingReport = z.infer<typeof PendingReport>;

const MAX_FINDINGS = 50;
const SHOWN_FINDINGS = 5;
const MAX_NOTICES = 100;

/**
 * The console's own integrity reports: a problem found in its files is never only logged. The
 * agent sees it at once (`integrity.changed`, a banner on every screen), and the backend is told
 * with the workstation's own credential (`POST /api/v1/integrity-reports`, the reportId as
 * Idempotency-Key), retried with backoff until it is stored; a report not yet stored is kept on
 * disk and sent on the next start.
 */
export const createIntegrityReports = (options: IntegrityReportsOptions): IntegrityReports => {
  const { events, logger } = options;
  const log = logger.child({ component: 'integrity' });
  const folder = openRecordFolder({ dir: options.dir, schema: PendingReport, idOf: (entry) => entry.report.reportId, kind: 'the integrity report schema' });
  const retry = options.retry ?? { baseDelayMs: 1_000, maxDelayMs: 60_000 };
  const random = options.random ?? Math.random;
  const notices = new Map<string, IntegrityNotice>();
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let closed = false;

  const emit = (): void => events.emit('integrity.changed', { notices: [...notices.values()] });

  const noticeOf = ({ report }: PendingReport, reported: boolean): IntegrityNotice => ({
    reportId: report.reportId,
    subject: report.subject,
    detectedAt: report.detectedAt,
    findings: report.findings.slice(0, SHOWN_FINDINGS),
    findingCount: report.findings.length + report.moreFindings,
    keptAs: report.keptAs,
    action: report.action,
    reported,
  });

  const send = (pending: PendingReport, attempt: number): void => {
    if (closed) return;
    const { reportId } = pending.report;
    const run = (async () => {
      try {
        await options.backend().request('createIntegrityReport', { body: pending.report, context: { correlationId: randomUUID(), idempotencyKey: reportId } });
      } catch (error) {
        const delay = Math.max(1, backoffDelay(attempt, { maxAttempts: 0, ...retry }, random));
        log.warn({ reportId, err: error, retryInMs: delay }, 'integrity report not stored yet');
        if (!closed) timers.set(reportId, setTimeout(() => send(pending, attempt + 1), delay).unref());
        return;
      }
      timers.delete(reportId);
      log.info({ reportId, subject: pending.report.subject }, 'integrity report stored by the backend');
      await folder.remove(reportId).catch((error: unknown) => log.error({ reportId, err: error }, 'integrity report file could not be removed'));
      const notice = notices.get(reportId);
      if (notice) notices.set(reportId, { ...notice, reported: true });
      emit();
    })();
    running.add(run);
    void run.finally(() => running.delete(run));
  };

  const keep = (pending: PendingReport): void => {
    if (notices.size >= MAX_NOTICES) return;
    notices.set(pending.report.reportId, noticeOf(pending, false));
  };

  return {
    async start() {
      const loaded = await folder.load();
      for (const problem of loaded.problems) log.error({ dir: folder.dir, file: problem.file, problem: problem.problem }, 'integrity report file damaged; kept aside');
      for (const pending of loaded.entries) {
        keep(pending);
        send(pending, 1);
      }
      if (loaded.entries.length > 0) emit();
    },
    async report(found) {
      const pending: PendingReport = {
        report: {
          reportId: randomUUID(),
          workstationId: options.workstationId,
          detectedAt: new Date().toISOString(),
          subject: found.subject,
          findings: found.findings.slice(0, MAX_FINDINGS),
          moreFindings: Math.max(0, found.findings.length - MAX_FINDINGS),
          keptAs: found.keptAs,
          agentId: options.agentId(),
          action: found.action,
        },
      };
      keep(pending);
      emit();
      const checked = PendingReport.safeParse(pending);
      if (!checked.success) {
        log.error({ reportId: pending.report.reportId, fields: checked.error.issues.map((issue) => issue.path.join('.')) }, 'integrity report does not match its schema; shown, not sent');
        return pending.report.reportId;
      }
      // On disk before the first send: a crash now still tells the backend on the next start.
      await folder.save(checked.data).catch((error: unknown) => log.error({ reportId: pending.report.reportId, err: error }, 'integrity report could not be kept on disk'));
      send(checked.data, 1);
      return pending.report.reportId;
    },
    recall(notice) {
      if (notices.has(notice.reportId) || notices.size >= MAX_NOTICES) return;
      notices.set(notice.reportId, { ...notice, reported: true });
      emit();
    },
    settle(reportId, action) {
      const notice = notices.get(reportId);
      if (notice === undefined) return;
      notices.set(reportId, { ...notice, action });
      emit();
    },
    notices: () => ({ notices: [...notices.values()] }),
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
    async close() {
      closed = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running]);
    },
  };
};
