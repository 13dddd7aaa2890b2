import { z } from 'zod';
import { ActionFailure } from '../../../shared/api/audit';
import { AgentId, CorrelationId, IsoDateTime, LastFour, VirtualCardId } from '../../../shared/api/ids';
import { IntegrityFinding } from '../../../shared/api/integrity';
import { TOKEN_OPERATIONS } from '../../../shared/domain/transitions';

/** What is known of an action whose outbox file was damaged: from its write-ahead header, else from what is left of the file. */
export const SalvagedIdentity = z.strictObject({
  actionId: z.uuid(),
  correlationId: CorrelationId.nullable(),
  virtualCardId: VirtualCardId.nullable(),
  operation: z.enum(TOKEN_OPERATIONS).nullable(),
  tokenLastFour: LastFour.nullable(),
  requestedAt: IsoDateTime.nullable(),
  agentId: AgentId.nullable(),
  /** Where it was read: the write-ahead header (whole, checked), the damaged file's text, or nothing. */
  from: z.enum(['HEADER', 'FILE_TEXT', 'NOTHING']),
});
export type SalvagedIdentity = z.infer<typeof SalvagedIdentity>;

/**
 * The journal's record of an action whose outbox file was damaged, once the token's history said
 * what became of it (or that nothing ever can). Not an ActionRecord: the file held the rest (the
 * reason, the comment, the cardholder) and that is gone; the line says so by being this kind.
 */
export const ReconciledAfterDamage = z.strictObject({
  auditId: z.uuid(),
  identity: SalvagedIdentity,
  /** The damaged file's name and where it was kept aside. */
  file: z.string().regex(/^[0-9a-f-]{36}\.json$/),
  keptAs: z.string().max(200).nullable(),
  outcome: z.enum(['CONFIRMED', 'FAILED', 'NOT_SENT', 'UNKNOWN']),
  operationId: z.string().regex(/^OP[A-Z0-9]{8,30}$/).nullable(),
  failure: ActionFailure.nullable(),
  /** When the history was read (or, for an unidentified action, when it was given up). */
  reconciledAt: IsoDateTime,
  /** The agent signed in whose session read the history; null when nothing was read. */
  readBy: AgentId.nullable(),
});
export type ReconciledAfterDamage = z.infer<typeof ReconciledAfterDamage>;

/** A damaged action not reconciled yet, kept on disk (`<outbox>/damaged/<actionId>.json`) until it is. */
export const PendingReconciliation = z.strictObject({
  version: z.literal(1),
  identity: SalvagedIdentity,
  file: z.string().regex(/^[0-9a-f-]{36}\.json$/),
  keptAs: z.string().max(200).nullable(),
  /** Chosen when the damage was found, so a line journaled just before a crash is not written twice. */
  auditId: z.uuid(),
  /** The integrity report that told of it, and what its notice showed, to show it again after a restart. */
  reportId: z.uuid().nullable(),
  detectedAt: IsoDateTime,
  findings: z.array(IntegrityFinding).min(1).max(5),
});
export type PendingReconciliation = z.infer<typeof PendingReconciliation>;
