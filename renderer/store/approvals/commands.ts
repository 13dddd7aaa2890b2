import type { ApprovalView } from '../../../shared/contract';
import type { ActionsSliceState } from '../actions/initialState';
import { buildBulkAction, buildTokenAction } from '../actions/validate';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import { approvalSubmissionOf, bulkApprovalSubmissionOf } from './build-submission';
import type { ApprovalsState } from './initialState';

export interface ApprovalsCommands {
  /** Asks main for the agent's requests (at start and after a reload: their events may have come before this window). */
  loadOwnApprovals(): Promise<void>;
  /** "Request approval" in the open dialog: what the agent filled in, checked as for sending, goes to a supervisor. */
  requestApprovalFromDialog(): Promise<void>;
  /** main's approvalRequest.changed: one request moved on. */
  internal_applyOwnApproval(view: ApprovalView): void;
}

type Needs = ApprovalsState & ApprovalsCommands & CallsMain & Pick<ActionsSliceState, 'actionDialog' | 'actionDrafts' | 'actionPolicy'>;

const upsert = (list: readonly ApprovalView[], view: ApprovalView): ApprovalView[] =>
  list.some((item) => item.entryId === view.entryId) ? list.map((item) => (item.entryId === view.entryId ? view : item)) : [view, ...list];

export const createApprovalsCommands: SliceCreator<Needs, ApprovalsCommands> =
  () =>
  (set, get) => ({
    loadOwnApprovals: async () => {
      const result = await get().internal_call('approvals.listOwn', {});
      if (result.ok) set({ ownApprovals: result.data.items });
    },

    requestApprovalFromDialog: async () => {
      const { actionDialog: dialog, actionDrafts, actionPolicy, approvalSending } = get();
      if (dialog === null || approvalSending || get().approvalByDraft[dialog.draftKey] !== undefined) return;
      const { target } = dialog;
      const draft = actionDrafts[dialog.draftKey] ?? { reasonCode: '', comment: '', confirmLastFour: '', verifiers: [], callInbound: null, askedToShareCode: null, confirmCount: '', bulkOperation: 'suspend' };
      const preview = dialog.preview.data;
      // The same checks as sending (for a bulk, the count typed and exactly the tokens the preview
      // shows changing), but a matched risk rule is what the request is for (no signals: no risk refusal).
      const built =
        target.kind === 'token'
          ? buildTokenAction({ actionId: dialog.requestId, operation: target.operation, token: target.token, draft, policy: actionPolicy.data, signals: null })
          : preview === null
            ? null
            : buildBulkAction({ bulkId: dialog.requestId, scope: target.scope, draft, preview, itemActionIds: dialog.itemActionIds });
      if (built === null) return;
      if (!built.ok) {
        set((s) => (s.actionDialog === null ? {} : { actionDialog: { ...s.actionDialog, fieldProblems: built.problems } }));
        return;
      }
      const submission = 'items' in built.input ? bulkApprovalSubmissionOf(built.input) : approvalSubmissionOf(built.input);
      if (submission === null) return;
      set({ approvalSending: true, approvalError: null });
      const result = await get().internal_call('approvals.request', { submission }, { showsOwnError: true });
      if (!result.ok) {
        set({ approvalSending: false, approvalError: result.error });
        return;
      }
      set((s) => ({
        approvalSending: false,
        approvalByDraft: { ...s.approvalByDraft, [dialog.draftKey]: result.data.entryId },
        // Main's event for it may have come first (events and answers travel apart): the answer never goes back over it.
        ownApprovals: s.ownApprovals.some((item) => item.entryId === result.data.entryId) ? s.ownApprovals : [result.data, ...s.ownApprovals],
      }));
    },

    internal_applyOwnApproval: (view) => set((s) => ({ ownApprovals: upsert(s.ownApprovals, view) })),
  });
