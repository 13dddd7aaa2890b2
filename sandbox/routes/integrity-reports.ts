import { createHash } from 'node:crypto';
import type { IntegrityReportSubmission, StoredIntegrityReport } from '../../shared/api/integrity';
import { ApiFailure } from '../http/errors';
import { canonicalJson } from '../http/idempotency';
import type { HandlersFor } from './context';

const PAGE_SIZE = 50;

interface Kept {
  readonly report: StoredIntegrityReport;
  readonly fingerprint: string;
}

const fingerprintOf = (report: IntegrityReportSubmission): string => createHash('sha256').update(canonicalJson(report)).digest('base64url');

/**
 * The consoles' integrity reports. A console sends one with its workstation's credential as soon
 * as it finds its journal or an outbox entry damaged, before anyone signs in; supervisors read
 * them. Storing is idempotent twice over, as the phone calls' records are: the route layer replays
 * a retry with the same Idempotency-Key, and a reportId already stored answers its first receipt
 * (the same report) or a conflict (another report under that id). Kept for the sandbox's life.
 */
export const integrityReportHandlers = (): HandlersFor<'createIntegrityReport' | 'listIntegrityReports'> => {
  const reports = new Map<string, Kept>();
  return {
    createIntegrityReport: ({ body, client, now }) => {
      const fingerprint = fingerprintOf(body);
      const stored = reports.get(body.reportId);
      if (stored) {
        if (stored.fingerprint !== fingerprint) throw new ApiFailure('IDEMPOTENCY_CONFLICT', 'reportId: a different report is already stored under this id.', 'reportId');
        return { reportId: stored.report.reportId, receivedAt: stored.report.receivedAt };
      }
      const receivedAt = now.toISOString();
      reports.set(body.reportId, { report: { ...body, clientId: client.clientId, receivedAt }, fingerprint });
      return { reportId: body.reportId, receivedAt };
    },

    /** The cursor names the next report by its id, so reports arriving meanwhile do not shift the pages still to be read. */
    listIntegrityReports: ({ query }) => {
      const matching = [...reports.values()]
        .map((kept) => kept.report)
        .filter((report) => query.workstationId === undefined || report.workstationId === query.workstationId)
        .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt) || b.reportId.localeCompare(a.reportId));
      let start = 0;
      if (query.cursor !== undefined) {
        start = matching.findIndex((report) => report.reportId === query.cursor);
        if (start < 0) throw new ApiFailure('BAD_FORMAT', 'cursor: the report it points to is not in this list.', 'cursor');
      }
      const limit = query.limit ?? PAGE_SIZE;
      return { items: matching.slice(start, start + limit), nextCursor: matching[start + limit]?.reportId ?? null };
    },
  };
};
