import { z } from 'zod';
import { AgentId, IsoDateTime } from '../../../shared/api/ids';
import { Role } from '../../../shared/api/model';
import { ApprovalView } from '../../../shared/contract/approvals';

/**
 * An agent's approval request as main keeps it on disk (`<profile>/approvals/<entryId>.json`),
 * written ahead before its one send and kept with the backend's answer, so a crash between the
 * agent's click and the backend's answer neither loses the request nor makes a second one: the
 * resumed send carries the same Idempotency-Key (the entry id).
 */
export const APPROVAL_FILE_VERSION = 1;

export const ApprovalOutboxEntry = z.strictObject({
  version: z.literal(APPROVAL_FILE_VERSION),
  /** Whose request it is: it is sent only in their session, and only they see it in their tray. */
  agent: z.strictObject({ agentId: AgentId, name: z.string().min(1).max(200), role: Role }),
  createdAt: IsoDateTime,
  view: ApprovalView,
});
export type ApprovalOutboxEntry = z.infer<typeof ApprovalOutboxEntry>;
