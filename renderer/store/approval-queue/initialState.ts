import type { ApprovalRequest } from '../../../shared/api/approvals';
import type { TypedError } from '../../../shared/contract';

/** Which requests the queue shows: those still waiting for a decision, those decided (or expired), or all. */
export type ApprovalQueueFilter = 'pending' | 'decided' | 'all';

/** The token and cardholder a request concerns, as the supervisor's console looked them up (never a full card number). */
export interface ApprovalTokenContext {
  /** The cardholder's name masked: the first character of each part. */
  readonly maskedName: string;
  readonly cardLastFour: string;
  readonly productName: string | null;
  readonly walletName: string;
  readonly walletProviderId: string;
  readonly deviceType: string;
  readonly deviceName: string | null;
}

/** What a decision the supervisor asked for came to, beside its request. */
export interface ApprovalDecisionOutcome {
  readonly requestId: string;
  readonly decision: 'approve' | 'reject';
  /** The backend's refusal (403 self-approval or role, 409 decided meanwhile…); null once it went through. */
  readonly error: TypedError | null;
}

/** The supervisors' approvals queue: every request the backend lets this console see, followed live. */
export interface ApprovalQueueState {
  /** By request id: the latest the console knows of each (the list, then the live events). */
  readonly approvalRequests: Readonly<Record<string, ApprovalRequest>>;
  /** True once the list has been read since sign-in; events before that are kept too. */
  readonly approvalQueueLoaded: boolean;
  readonly approvalQueueLoading: boolean;
  readonly approvalQueueError: TypedError | null;
  readonly approvalQueueFilter: ApprovalQueueFilter;
  readonly selectedApprovalId: string | null;
  /** By virtual card id; null while it is being looked up or could not be. */
  readonly approvalContexts: Readonly<Record<string, ApprovalTokenContext | null>>;
  /** The request a decision is being sent for. */
  readonly approvalDeciding: string | null;
  readonly approvalDecisionOutcome: ApprovalDecisionOutcome | null;
}

export const initialApprovalQueueState: ApprovalQueueState = {
  approvalRequests: {},
  approvalQueueLoaded: false,
  approvalQueueLoading: false,
  approvalQueueError: null,
  approvalQueueFilter: 'pending',
  selectedApprovalId: null,
  approvalContexts: {},
  approvalDeciding: null,
  approvalDecisionOutcome: null,
};
