import type { AuditRecord } from '../../../shared/api/audit';
import { backoffDelay } from '../backend/retry-policy';
import type { Logger } from '../logging/logger';
import type { OutboxEntry } from './action-entry';
import type { ActionTuning } from './action-tuning';
import type { AuditJournal } from './audit-journal';

export interface AuditDeliveryOptions {
  readonly journal: AuditJournal;
  /** Keeps the entry's new version in memory only. */
  readonly remember: (entry: OutboxEntry) => void;
  /** Saves the entry's new version to the outbox. */
  readonly save: (entry: OutboxEntry) => Promise<void>;
  /** Sends the record as the action's own agent: true once stored, false when that agent is not signed in. Throws what the backend client throws. */
  readonly send: (entry: OutboxEntry, record: AuditRecord) => Promise<boolean>;
  readonly wake: (actionId: string, delayMs: number) => void;
  readonly logger: Logger;
  readonly tuning: Pick<ActionTuning, 'auditRetryBaseDelayMs' | 'auditRetryMaxDelayMs'>;
  readonly random: () => number;
}

/**
 * An ended action's audit record, taken to both places it must be: one line in the local journal,
 * then the backend (`POST /api/v1/audit-records`, Idempotency-Key = auditId), retried with backoff
 * until the backend stores it, after a restart too. Nothing here is ever sent twice as two
 * records: the journal is checked on start, and the backend keys the record by its id.
 */
export const createAuditDelivery = (options: AuditDeliveryOptions) => {
  const { journal, logger } = options;
  /** Consecutive failed sends per action, for the backoff; memory only. */
  const tries = new Map<string, number>();

  const retryDelay = (actionId: string): number => {
    const count = (tries.get(actionId) ?? 0) + 1;
    tries.set(actionId, count);
    return Math.max(1, backoffDelay(count, { maxAttempts: 0, baseDelayMs: options.tuning.auditRetryBaseDelayMs, maxDelayMs: options.tuning.auditRetryMaxDelayMs }, options.random));
  };

  return {
    async deliver(entry: OutboxEntry): Promise<void> {
      let current = entry;
      const audit = current.audit;
      if (audit === null) return;
      if (!audit.journaled) {
        await journal.append(audit.record);
        // Kept in memory and saved with `stored`: on start the journal itself says which records
        // it holds, so a crash in between never writes a second line, and this costs no fsync.
        current = { ...current, audit: { ...audit, journaled: true } };
        options.remember(current);
      }
      if (current.audit?.stored !== false) return;
      const record = current.audit.record;
      let stored: boolean;
      try {
        stored = await options.send(current, record);
      } catch (error) {
        const delay = retryDelay(current.view.actionId);
        logger.warn({ actionId: current.view.actionId, auditId: record.auditId, err: error, retryInMs: delay }, 'audit record not stored yet');
        options.wake(current.view.actionId, delay);
        return;
      }
      if (!stored) return;
      tries.delete(current.view.actionId);
      const settled: OutboxEntry = { ...current, audit: { ...current.audit, stored: true } };
      options.remember(settled);
      await options.save(settled);
      logger.info({ actionId: current.view.actionId, auditId: record.auditId }, 'audit record stored');
    },
  };
};
