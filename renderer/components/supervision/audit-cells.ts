import type { AuditRecordView } from '../../store/supervision/initialState';

/** The fields of a record's detail the table shows, whatever its kind (each kind declares its own detail). */
interface DetailView {
  readonly operation?: string;
  readonly reasonCode?: string;
  readonly comment?: string | null;
  readonly verifiers?: readonly string[];
}

export const detailOf = (record: AuditRecordView): DetailView => record.detail as DetailView;

/** Who approved a token action, or who decided an approval request. */
export const approverOf = (record: AuditRecordView): string | null => {
  if (record.kind === 'TOKEN_ACTION') return record.detail.approval?.approvedBy ?? null;
  if (record.kind === 'APPROVAL_GRANTED' || record.kind === 'APPROVAL_REJECTED') return record.detail.decidedBy ?? null;
  return null;
};

/** A record opens its token's history when it names both the token and its cardholder. */
export const opensToken = (record: AuditRecordView): boolean => record.token !== null && record.cardholder !== null;
