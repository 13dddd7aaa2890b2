import { randomUUID } from 'node:crypto';
import type { ActionRecord } from '../../../shared/api/audit';
import type { OutboxEntry } from './action-entry';

/**
 * The one audit record of an ended action: who (agent, role, workstation), what (token, card,
 * cardholder, operation), why (reason code, the full comment, what the token service was sent),
 * with which identity checks and risk rules, how it ended and how many sends it took. Made once,
 * when the action ends, and kept in the outbox entry, so the journal and the backend receive the
 * very same record, after a restart too.
 */
export const auditRecordFor = (entry: OutboxEntry, completedAt: string): ActionRecord => {
  const { view } = entry;
  const outcome = view.status === 'CONFIRMED' ? 'CONFIRMED' : 'FAILED';
  return {
    auditId: randomUUID(),
    actionId: view.actionId,
    bulkId: view.bulkId,
    agent: { ...entry.agent },
    workstationId: entry.workstationId,
    requestedAt: view.requestedAt,
    completedAt,
    virtualCardId: view.virtualCardId,
    issuerCardRefId: view.issuerCardRefId,
    cardholderId: view.cardholderId,
    tokenLastFour: view.tokenLastFour,
    operation: view.operation,
    reasonCode: view.reasonCode,
    // Nothing went to the token service when the action was refused before sending.
    reasonSent: view.attempts > 0 ? view.reasonSent : null,
    comment: view.comment,
    verifiers: [...view.verifiers],
    riskRules: [...entry.riskRules],
    correlationId: view.correlationId,
    operationId: view.operationId,
    outcome,
    failure: outcome === 'FAILED' ? view.failure : null,
    attempts: view.attempts,
    resumedAfterRestart: view.resumedAfterRestart,
  };
};
