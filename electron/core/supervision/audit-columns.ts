import type { AuditRecord } from '../../../shared/api/audit';
import type { ExportColumn } from '../audit-export/export-file';

const agentOf = (record: AuditRecord) => (record.actor.type === 'AGENT' ? record.actor : null);

/** What a record's detail says an agent asked for or decided, whatever its kind, in one flat view for the columns. */
const detailText = (record: AuditRecord, field: 'reasonCode' | 'comment' | 'operation'): string => {
  const value = (record.detail as Partial<Record<typeof field, unknown>>)[field];
  return typeof value === 'string' ? value : '';
};

const verifiersOf = (record: AuditRecord): string => {
  const value = (record.detail as { verifiers?: unknown }).verifiers;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').join(' ') : '';
};

/** Who approved a token action, or who decided an approval request. */
const approverOf = (record: AuditRecord): string => {
  if (record.kind === 'TOKEN_ACTION') return record.detail.approval?.approvedBy ?? '';
  if (record.kind === 'APPROVAL_GRANTED' || record.kind === 'APPROVAL_REJECTED') return record.detail.decidedBy ?? '';
  return '';
};

/**
 * The CSV columns of an audit export, in the order a supervisor reads a record: who, where, when,
 * on whom, what and why, how it ended. Headings are English identifiers (a file read by tools as
 * much as by people); the cardholder's name is as the trail holds it, masked; the token and the card
 * by their last four only. JSON Lines carries each record whole instead.
 */
export const AUDIT_EXPORT_COLUMNS: readonly ExportColumn<AuditRecord>[] = [
  { header: 'sequence', value: (r) => String(r.sequence) },
  { header: 'at', value: (r) => r.at },
  { header: 'kind', value: (r) => r.kind },
  { header: 'outcome', value: (r) => r.outcome },
  { header: 'agent_id', value: (r) => agentOf(r)?.agentId ?? '' },
  { header: 'agent_name', value: (r) => agentOf(r)?.name ?? '' },
  { header: 'role', value: (r) => agentOf(r)?.role ?? '' },
  { header: 'actor', value: (r) => r.actor.type },
  { header: 'workstation_id', value: (r) => r.workstationId ?? '' },
  { header: 'cardholder_id', value: (r) => r.cardholder?.cardholderId ?? '' },
  { header: 'cardholder_name_masked', value: (r) => r.cardholder?.maskedName ?? '' },
  { header: 'card_last_four', value: (r) => r.token?.cardLastFour ?? '' },
  { header: 'token_last_four', value: (r) => r.token?.tokenLastFour ?? '' },
  { header: 'virtual_card_id', value: (r) => r.token?.virtualCardId ?? '' },
  { header: 'operation', value: (r) => detailText(r, 'operation') },
  { header: 'reason_code', value: (r) => detailText(r, 'reasonCode') },
  { header: 'comment', value: (r) => detailText(r, 'comment') },
  { header: 'verifiers', value: verifiersOf },
  { header: 'approver', value: approverOf },
  { header: 'correlation_id', value: (r) => r.correlationId ?? '' },
  { header: 'record_id', value: (r) => r.recordId },
  { header: 'hash', value: (r) => r.hash },
];
