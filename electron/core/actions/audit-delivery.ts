import type { Logger } from '../logging/logger';
import type { OutboxEntry } from './action-entry';
import type { AuditJournal } from './audit-journal';

export interface AuditDeliveryOptions {
  readonly journal: AuditJournal;
  /** Keeps the entry's new version in memory only. */
  readonly remember: (entry: OutboxEntry) => void;
  /** Saves the entry's new version to the outbox. */
  readonly save: (entry: OutboxEntry) => Promise<void>;
  readonly logger: Logger;
}

/**
 * An ended action's record, written as one line of the local journal with the backend's receipt
 * of the record it wrote itself when it took the action (the backend's trail is written by the
 * backend, from what it knows: a console no longer sends audit facts). Written once: on start the
 * journal says which records it holds, so a crash between the line and the save never writes a
 * second one.
 */
export const createAuditDelivery = (options: AuditDeliveryOptions) => {
  const { journal, logger } = options;
  return {
    async deliver(entry: OutboxEntry): Promise<void> {
      const audit = entry.audit;
      if (audit === null || audit.journaled) return;
      await journal.append(audit.record, entry.receipt ?? null);
      const settled: OutboxEntry = { ...entry, audit: { ...audit, journaled: true } };
      options.remember(settled);
      await options.save(settled);
      logger.info({ actionId: entry.view.actionId, auditId: audit.record.auditId, receipt: entry.receipt?.recordId ?? null }, 'action journaled');
    },
  };
};
