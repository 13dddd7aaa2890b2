import { z } from 'zod';
import { TOKEN_OPERATIONS } from '../domain/transitions';
import { ActionFailure } from './audit';
import { FreeText } from './free-text';
import { AgentId, IsoDateTime, LastFour, WorkstationId } from './ids';

/**
 * A console's report that something it keeps on disk failed its check on start: its local audit
 * journal (an edited, removed, reordered or cut-off line, or its head kept apart not matching) or
 * an outbox entry of a token action that could not be read back. The console never repairs either
 * silently; it shows the agent a banner and tells the backend (`POST /api/v1/integrity-reports`,
 * idempotent by `reportId`), where supervisors read them.
 */
export const IntegritySubject = z.enum(['AUDIT_JOURNAL', 'OUTBOX_ENTRY']);
export type IntegritySubject = z.infer<typeof IntegritySubject>;

/** One thing found wrong: where (a line of the journal, an outbox file's name) and what. */
export const IntegrityFinding = z.strictObject({
  /** The journal's 1-based line number; 0 for the file as a whole or an outbox file. */
  line: z.number().int().min(0).max(10_000_000),
  problem: FreeText(300).min(1),
});
export type IntegrityFinding = z.infer<typeof IntegrityFinding>;

/** What could still be read of the token action a damaged outbox entry was. */
export const DamagedAction = z.strictObject({
  /** The outbox file's name, `<actionId>.json`. */
  file: z.string().regex(/^[0-9a-f-]{36}\.json$/),
  operation: z.enum(TOKEN_OPERATIONS).nullable(),
  tokenLastFour: LastFour.nullable(),
  requestedAt: IsoDateTime.nullable(),
  /**
   * How the action ended, as the token's history says: CONFIRMED (done), FAILED (it reached the
   * backend and was not done), NOT_SENT (no trace of it: it never reached the backend, or was
   * refused before it was taken), or UNKNOWN (not read yet, or nothing identifying was left to read by).
   */
  reconciled: z.enum(['CONFIRMED', 'FAILED', 'NOT_SENT', 'UNKNOWN']),
  /** Why it FAILED, as the history says. */
  failure: ActionFailure.optional(),
  /** UNKNOWN for good: neither the file nor its write-ahead header names the token and the correlation id. */
  unidentified: z.literal(true).optional(),
});
export type DamagedAction = z.infer<typeof DamagedAction>;

export const IntegrityReportSubmission = z.strictObject({
  reportId: z.uuid(),
  workstationId: WorkstationId,
  detectedAt: IsoDateTime,
  subject: IntegritySubject,
  findings: z.array(IntegrityFinding).min(1).max(50),
  /** More findings than the report carries were made (the first 50 are sent). */
  moreFindings: z.number().int().min(0),
  /** Where the damaged file was kept aside on the workstation (its name), null when it could not be moved. */
  keptAs: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/).nullable(),
  /** The agent signed in when it was found, if any (usually none: the check runs at start). */
  agentId: AgentId.nullable(),
  action: DamagedAction.nullable(),
});
export type IntegrityReportSubmission = z.infer<typeof IntegrityReportSubmission>;

export const IntegrityReportStored = z.strictObject({ reportId: z.uuid(), receivedAt: IsoDateTime });
export type IntegrityReportStored = z.infer<typeof IntegrityReportStored>;

/** A report as supervisors list it: what the console sent, which client sent it, and when it arrived. */
export const StoredIntegrityReport = IntegrityReportSubmission.extend({ clientId: z.string().min(1).max(200), receivedAt: IsoDateTime });
export type StoredIntegrityReport = z.infer<typeof StoredIntegrityReport>;
