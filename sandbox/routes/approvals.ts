import type { ApprovalBook } from '../approvals/approval-book';
import { assessRequest } from '../approvals/assess';
import { mayAgentSeeApproval } from '../approvals/visibility';
import { ApiFailure } from '../http/errors';
import type { TrainingClock } from '../clock/training-clock';
import type { SandboxStore } from '../store/store';
import type { HandlersFor } from './context';

const PAGE_SIZE = 50;

/**
 * Four-eyes approval over the API. Each call first expires what is due on the training clock, so
 * a request past its time is never approved, whatever the periodic check has done. An agent sees
 * only their own requests (another's reads as unknown); deciding is for supervisors and
 * administrators (the role table), never on their own request (the book).
 */
export const approvalHandlers = (
  store: SandboxStore,
  book: ApprovalBook,
  clock: TrainingClock,
): HandlersFor<'createApprovalRequest' | 'listApprovalRequests' | 'getApprovalRequest' | 'approveApprovalRequest' | 'rejectApprovalRequest'> => {
  const visible = (requestId: string, agent: Parameters<typeof mayAgentSeeApproval>[0]) => {
    book.expireDue(clock.now());
    const request = book.get(requestId);
    if (!request || !mayAgentSeeApproval(agent, request)) throw new ApiFailure('UNKNOWN_APPROVAL_REQUEST', 'No approval request has this id.', 'requestId');
    return request;
  };
  return {
    createApprovalRequest: ({ body, session, client, trainingNow, correlationId }) => {
      book.expireDue(trainingNow);
      return book.create(body, assessRequest(store, body), session.agent, trainingNow, { correlationId, workstationId: client.clientId });
    },
    listApprovalRequests: ({ query, session }) => {
      book.expireDue(clock.now());
      const all = book.list(session.agent, query.state, mayAgentSeeApproval);
      // The cursor is the id of the next request to show: ids never move, so new requests do not shift the pages still to come.
      const start = query.cursor === undefined ? 0 : all.findIndex((request) => request.requestId === query.cursor);
      if (start < 0) throw new ApiFailure('BAD_FORMAT', 'cursor: no request of this list has this id.', 'cursor');
      const limit = query.limit ?? PAGE_SIZE;
      const items = all.slice(start, start + limit);
      return { items, nextCursor: all[start + limit]?.requestId ?? null };
    },
    getApprovalRequest: ({ params, session }) => visible(params.requestId, session.agent),
    approveApprovalRequest: ({ params, body, session, client, trainingNow, correlationId }) => {
      visible(params.requestId, session.agent);
      return book.decide(params.requestId, 'approve', session.agent, body.comment, trainingNow, { correlationId, workstationId: client.clientId });
    },
    rejectApprovalRequest: ({ params, body, session, client, trainingNow, correlationId }) => {
      visible(params.requestId, session.agent);
      return book.decide(params.requestId, 'reject', session.agent, body.comment, trainingNow, { correlationId, workstationId: client.clientId });
    },
  };
};
