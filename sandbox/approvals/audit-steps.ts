import type { AuditActor } from '../../shared/api/audit';
import { cardholderPart, tokenPart } from '../audit/parts';
import type { AuditDraft } from '../audit/trail';
import type { SandboxStore } from '../store/store';
import type { ApprovalStep } from './approval-book';

/**
 * One step of a four-eyes request as the backend's audit trail records it: who took it (the
 * requester, the supervisor, or the backend when it expired), the token and cardholder it
 * concerns, and the request's facts. The approved action's own TOKEN_ACTION record follows from
 * the operation path, under the requester's name.
 */
export const approvalAuditRecord = (store: SandboxStore, step: ApprovalStep): AuditDraft => {
  const { request, actor } = step;
  const who: AuditActor = actor ? { type: 'AGENT', agentId: actor.agentId, name: actor.name, role: actor.role } : { type: 'BACKEND' };
  const token = store.tokens.get(request.virtualCardId);
  const detail = {
    requestId: request.requestId,
    operation: request.operation,
    requestedBy: request.requestedBy.agentId,
    ...(request.decidedBy && step.kind !== 'APPROVAL_REQUESTED' && step.kind !== 'APPROVAL_EXPIRED' ? { decidedBy: request.decidedBy.agentId } : {}),
    reasonCode: request.action.reasonCode,
    comment: (step.kind === 'APPROVAL_REQUESTED' ? request.action.comment : request.decisionComment) ?? null,
    ...(request.action.verifiers ? { verifiers: [...request.action.verifiers] } : {}),
    ...(request.riskRules.length > 0 ? { riskRules: [...request.riskRules] } : {}),
    expiresAt: request.expiresAt,
  };
  return {
    kind: step.kind,
    actor: who,
    workstationId: step.workstationId,
    correlationId: step.kind === 'APPROVAL_EXPIRED' ? null : step.correlationId,
    outcome: 'SUCCEEDED',
    cardholder: cardholderPart(store, request.cardholderId),
    token: token ? tokenPart(token) : null,
    detail,
  };
};
