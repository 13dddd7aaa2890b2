import { join } from 'node:path';
import { z } from 'zod';
import { AgentId, CorrelationId, IsoDateTime, LastFour, VirtualCardId } from '../../../shared/api/ids';
import { TOKEN_OPERATIONS } from '../../../shared/domain/transitions';
import { openRecordFolder, type RecordFolder } from '../fs/record-folder';
import type { OutboxEntry } from './action-entry';

/**
 * What identifies a token action, written once beside its outbox entry, at the same moment
 * (`<outbox>/identity/<actionId>.json`, fsynced) and never rewritten: the entry's file is replaced
 * on every step, so a damaged disk or a hand edit is likelier to spoil it, and then this small file
 * still says which action it was, to ask the backend what became of it (integrity/damaged-reconciler.ts).
 * It holds no free text: no comment, no name.
 */
export const ActionIdentity = z.strictObject({
  version: z.literal(1),
  actionId: z.uuid(),
  correlationId: CorrelationId,
  idempotencyKey: CorrelationId,
  virtualCardId: VirtualCardId,
  operation: z.enum(TOKEN_OPERATIONS),
  tokenLastFour: LastFour,
  requestedAt: IsoDateTime,
  agentId: AgentId,
});
export type ActionIdentity = z.infer<typeof ActionIdentity>;

export type IdentityStore = RecordFolder<ActionIdentity>;

export const openIdentityStore = (outboxDir: string): IdentityStore =>
  openRecordFolder({ dir: join(outboxDir, 'identity'), schema: ActionIdentity, idOf: (identity) => identity.actionId, kind: 'the action identity schema' });

export const identityOf = (entry: OutboxEntry): ActionIdentity => ({
  version: 1,
  actionId: entry.view.actionId,
  correlationId: entry.view.correlationId,
  idempotencyKey: entry.idempotencyKey,
  virtualCardId: entry.view.virtualCardId,
  operation: entry.view.operation,
  tokenLastFour: entry.view.tokenLastFour,
  requestedAt: entry.view.requestedAt,
  agentId: entry.agent.agentId,
});
