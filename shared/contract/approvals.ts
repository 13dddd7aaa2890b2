import { z } from 'zod';
import { ApprovalDecision, ApprovalRequest, ApprovalRequestPage, ApprovalRequestSubmission, ApprovalState } from '../api/approvals';
import { ApprovalRequestId } from '../api/ids';

/**
 * Four-eyes approval between the renderer and main: the agent's request (written ahead to main's
 * outbox and sent once), its state as it changes live, and for the supervisors' screens the
 * queue and the decisions. The request itself is the API's, checked by the same schemas.
 */

/** A request as main knows it: the backend's request once stored, or only the entry main is still sending. */
export const ApprovalView = z.strictObject({
  /** Main's own id of the request entry; also its Idempotency-Key. */
  entryId: z.uuid(),
  /** SENDING until the backend stored it; then the backend's state. FAILED: the backend refused the request itself. */
  phase: z.enum(['SENDING', 'STORED', 'FAILED']),
  submission: ApprovalRequestSubmission,
  request: ApprovalRequest.nullable(),
  /** Why the request could not be stored (FAILED), as the backend's error code. */
  failure: z.strictObject({ code: z.string().regex(/^[A-Z0-9_]{2,40}$/), message: z.string().max(500) }).nullable(),
});
export type ApprovalView = z.infer<typeof ApprovalView>;

/** An approval request changed on the backend (the live stream, or a poll while it is down). */
export const ApprovalChanged = z.strictObject({ request: ApprovalRequest, previousState: ApprovalState.nullable() });
export type ApprovalChanged = z.infer<typeof ApprovalChanged>;

const RequestApprovalInput = z.strictObject({ submission: ApprovalRequestSubmission });

const ListApprovalsInput = z.strictObject({ state: ApprovalState.optional() });

const DecisionInput = z.strictObject({ requestId: ApprovalRequestId, ...ApprovalDecision.shape });

/** The four-eyes calls, spread into the contract's table (`calls.ts`). */
export const approvalCalls = {
  'approvals.request': {
    description:
      "Asks a supervisor to approve an action the issuer's policy holds back: written ahead to main's durable outbox and sent once (one Idempotency-Key, resumed after a restart). Answers at once; the request's progress comes as approvalRequest.changed, then live as the backend decides and runs it.",
    input: RequestApprovalInput,
    output: ApprovalView,
  },
  'approvals.listOwn': {
    description: "The signed-in agent's approval requests on this workstation, newest first, each as far as it got (sending, stored and its state, refused).",
    input: z.strictObject({}),
    output: z.strictObject({ items: z.array(ApprovalView).max(500) }),
  },
  'approvals.list': {
    description: "The backend's approval requests, newest first, optionally in one state (the supervisors' queue); an agent gets only their own.",
    input: ListApprovalsInput,
    output: ApprovalRequestPage,
  },
  'approvals.approve': {
    description:
      "A supervisor approves another agent's request, with a comment; the backend runs the action once and answers it EXECUTED or EXECUTION_FAILED. Refused to an agent (FORBIDDEN_ROLE) and to the requester themselves.",
    input: DecisionInput,
    output: ApprovalRequest,
  },
  'approvals.reject': {
    description: "A supervisor rejects another agent's request, with a comment; the action never runs. Refused to an agent (FORBIDDEN_ROLE) and to the requester themselves.",
    input: DecisionInput,
    output: ApprovalRequest,
  },
} as const;
