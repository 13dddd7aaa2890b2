import type { AuditRecord, AuditRecordOf } from '../../shared/api/audit';

/** An agent's token action in the backend's trail: the record of its acceptance, and how the platform ended it (null while it has not). */
export interface TrailAction {
  readonly record: AuditRecordOf<'TOKEN_ACTION'>;
  readonly outcome: 'CONFIRMED' | 'FAILED' | null;
}

/** The accepted token actions of a list of trail records (any order), oldest first, each with its outcome record's verdict. */
export const acceptedActions = (records: readonly AuditRecord[]): TrailAction[] => {
  const outcomes = new Map<string, 'CONFIRMED' | 'FAILED'>();
  for (const record of records) {
    if (record.kind === 'TOKEN_ACTION_OUTCOME' && record.detail.refersTo && (record.outcome === 'CONFIRMED' || record.outcome === 'FAILED')) {
      outcomes.set(record.detail.refersTo.recordId, record.outcome);
    }
  }
  return records
    .filter((record): record is AuditRecordOf<'TOKEN_ACTION'> => record.kind === 'TOKEN_ACTION' && record.outcome === 'ACCEPTED')
    .sort((a, b) => a.sequence - b.sequence)
    .map((record) => ({ record, outcome: outcomes.get(record.recordId) ?? null }));
};

/** `operation outcome` per accepted action, oldest first: what a test compares. */
export const actionSummary = (records: readonly AuditRecord[]): string[] =>
  acceptedActions(records).map(({ record, outcome }) => `${record.detail.operation} ${outcome ?? 'ACCEPTED'}`);
