import { isUnderWay, type OutboxEntry } from './action-entry';
import { auditRecordFor } from './audit-record';

/**
 * An entry as the outbox takes it back on start. An action under way resumes
 * (resumedAfterRestart); one that may already have been sent is reconciled with the token's
 * history before anything else. An ended one gets its audit record if it has none (an entry edited
 * by hand), made now, once; and a record the journal already holds (journaled just before a crash,
 * not yet marked) is marked so, never written twice. Returns the entry itself when nothing changes.
 */
export const resumedEntry = (entry: OutboxEntry, journaled: ReadonlySet<string>): OutboxEntry => {
  if (isUnderWay(entry)) {
    return {
      ...entry,
      reconcile: entry.view.status === 'REQUESTED' && (entry.reconcile || entry.view.attempts > 0),
      view: { ...entry.view, resumedAfterRestart: true, nextAttemptAt: null },
    };
  }
  if (entry.audit === null) return { ...entry, audit: { record: auditRecordFor(entry, entry.completedAt ?? entry.view.updatedAt), journaled: false } };
  if (!entry.audit.journaled && journaled.has(entry.audit.record.auditId)) return { ...entry, audit: { ...entry.audit, journaled: true } };
  return entry;
};
