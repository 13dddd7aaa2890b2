import type { ApprovalView, TypedError } from '../../../shared/contract';

/** The signed-in agent's four-eyes requests as main follows them, and which dialog draft asked for which. */
export interface ApprovalsState {
  /** Newest first, as main keeps them (sending, stored and its state, refused). */
  readonly ownApprovals: readonly ApprovalView[];
  /** Draft key → the entry main wrote for it: the dialog shows that request's state instead of asking again. */
  readonly approvalByDraft: Readonly<Record<string, string>>;
  readonly approvalSending: boolean;
  readonly approvalError: TypedError | null;
}

export const initialApprovalsState: ApprovalsState = {
  ownApprovals: [],
  approvalByDraft: {},
  approvalSending: false,
  approvalError: null,
};
