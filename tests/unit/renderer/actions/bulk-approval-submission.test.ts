import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ApprovalRequestSubmission } from '../../../../shared/api/approvals';
import type { SubmitBulkInput } from '../../../../shared/contract';
import { bulkApprovalSubmissionOf } from '../../../../renderer/store/approvals/build-submission';

/** The bulk dialog's one approval request: every token the preview changes, each with the state it showed, and the reason's words from the table. */
const bulk = (items: SubmitBulkInput['items']): SubmitBulkInput => ({
  bulkId: randomUUID(),
  operation: 'delete',
  scope: { kind: 'CARD', issuerCardRefId: 'CR000009CLSC' },
  reasonCode: 'DEVICE_LOST',
  comment: 'まとめて削除',
  items,
});

describe('bulkApprovalSubmissionOf', () => {
  it('names the first token and carries every token with the state the agent saw', () => {
    const input = bulk([
      { actionId: randomUUID(), virtualCardId: 'VCBULKCARD01', expectedState: 'ACTIVE' },
      { actionId: randomUUID(), virtualCardId: 'VCBULKCARD04', expectedState: 'SUSPENDED' },
    ]);
    const submission = bulkApprovalSubmissionOf(input);
    expect(ApprovalRequestSubmission.safeParse(submission).success).toBe(true);
    expect(submission).toEqual({
      operation: 'delete',
      virtualCardId: 'VCBULKCARD01',
      action: { reasonCode: 'DEVICE_LOST', reason: 'DEVICE LOST', comment: 'まとめて削除', expectedState: 'ACTIVE' },
      bulk: {
        bulkId: input.bulkId,
        scope: input.scope,
        tokens: [
          { virtualCardId: 'VCBULKCARD01', expectedState: 'ACTIVE' },
          { virtualCardId: 'VCBULKCARD04', expectedState: 'SUSPENDED' },
        ],
      },
    });
  });

  it('makes no request for a selection with no token', () => {
    expect(bulkApprovalSubmissionOf(bulk([]))).toBeNull();
  });
});
