import { z } from 'zod';
import { DamagedAction, IntegrityFinding, IntegritySubject } from '../api/integrity';

/**
 * What the agent's screen shows of a problem main found in its own files on start (its audit
 * journal, an outbox entry): what was found and whether a supervisor has been told yet (the report
 * reached the backend). Main keeps them for as long as it runs; every screen shows them.
 */
export const IntegrityNotice = z.strictObject({
  reportId: z.uuid(),
  subject: IntegritySubject,
  detectedAt: z.iso.datetime({ offset: true }),
  /** The first few findings; `findingCount` says how many there were. */
  findings: z.array(IntegrityFinding).max(5),
  findingCount: z.number().int().min(1),
  keptAs: z.string().max(200).nullable(),
  action: DamagedAction.nullable(),
  /** The backend has stored the report: supervisors can see it. */
  reported: z.boolean(),
});
export type IntegrityNotice = z.infer<typeof IntegrityNotice>;

export const IntegrityNotices = z.strictObject({ notices: z.array(IntegrityNotice).max(100) });
export type IntegrityNotices = z.infer<typeof IntegrityNotices>;
