/** Four-eyes approval: the agent's request from the action dialogs and its states in the tray (English). */
export const enApprovals = {
  request: 'Request approval',
  requesting: 'Requesting…',
  requested: 'A supervisor has been asked to approve. Once approved, it runs by itself.',
  needed: {
    DELETE: 'Deleting a token needs a supervisor’s approval.',
    RESUME_OVERRIDING_SUSPENSION: 'Lifting another party’s suspension needs a supervisor’s approval.',
    ACTIVATION_RISK_RULE: 'A risk rule matched, so this activation needs a supervisor’s approval.',
  },
  neededAfterRefusal: 'The backend asked for a supervisor’s approval. You can request it.',
  state: {
    SENDING: 'Sending the request',
    FAILED: 'Could not request',
    PENDING: 'Waiting for approval',
    APPROVED: 'Approved, running',
    EXECUTED: 'Approved, done',
    EXECUTION_FAILED: 'Approved, could not run',
    PARTLY_EXECUTED: 'Approved, partly done',
    REJECTED: 'Rejected',
    EXPIRED: 'Expired',
  },
  decidedBy: '{{name}}: “{{comment}}”',
  expiresAt: 'Expires {{time}}',
  tray: {
    title: 'Approval requests',
    item: 'Approval of {{operation}} ({{wallet}} ••••{{lastFour}})',
  },
  history: {
    kind: { requested: 'Approval requested', granted: 'Approved', rejected: 'Rejected', expired: 'Approval request expired' },
    requested: '{{agent}} asked for approval to {{operation}} (expires {{time}}).',
    granted: '{{approver}} approved {{agent}}’s request to {{operation}}.',
    rejected: '{{approver}} rejected {{agent}}’s request to {{operation}}.',
    expired: '{{agent}}’s request to {{operation}} expired without a decision.',
    approvedRun: 'Run by the backend after {{approver}} approved it.',
  },
};
