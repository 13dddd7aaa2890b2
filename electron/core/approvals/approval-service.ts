import type { BackendClient } from '../backend/backend-client';
import { CallError, type Services } from '../ipc/dispatch';
import type { AgentSessionManager } from '../session/agent-session';
import { mapBackendErrors } from '../services/backend-call-error';
import { requestContextFor } from '../services/request-context';
import type { ApprovalOutbox } from './approval-outbox';

type ApprovalCalls = Pick<Services, 'approvals.request' | 'approvals.listOwn' | 'approvals.list' | 'approvals.approve' | 'approvals.reject'>;

export interface ApprovalServiceOptions {
  readonly session: AgentSessionManager;
  /** The backend client; throws a CallError (NOT_CONFIGURED…) when the console has none. */
  readonly backend: () => BackendClient;
  readonly outbox: ApprovalOutbox;
}

/**
 * Four-eyes approval over IPC, as typed core functions: the agent's request goes through main's
 * outbox and is followed live; the supervisors' screens list the queue and decide. A decision is
 * refused to an agent here before the backend is asked (the backend refuses it again, and refuses
 * the requester their own request): the renderer hiding a button is no enforcement.
 */
export const approvalService = ({ session, backend, outbox }: ApprovalServiceOptions): ApprovalCalls => {
  const decide = (decision: 'approve' | 'reject') => (input: { requestId: string; comment: string }, context: Parameters<ApprovalCalls['approvals.approve']>[1]) => {
    const { role } = session.requireAgent().agent;
    if (role !== 'supervisor' && role !== 'admin') throw new CallError('FORBIDDEN_ROLE', 'only a supervisor or an administrator may decide an approval request');
    return mapBackendErrors(() =>
      session.withAgent(() =>
        backend().request(decision === 'approve' ? 'approveApprovalRequest' : 'rejectApprovalRequest', {
          params: { requestId: input.requestId },
          body: { comment: input.comment },
          context: requestContextFor(context),
        }),
      ),
    );
  };
  return {
    'approvals.request': async (input) => outbox.add(input.submission, session.requireAgent().agent),
    'approvals.listOwn': () => ({ items: outbox.listOwn(session.requireAgent().agent.agentId) }),
    'approvals.list': (input, context) =>
      mapBackendErrors(() =>
        session.withAgent(() => backend().request('listApprovalRequests', { query: input.state === undefined ? {} : { state: input.state }, context: requestContextFor(context) })),
      ),
    'approvals.approve': decide('approve'),
    'approvals.reject': decide('reject'),
  };
};
