import type { Token } from '../../../shared/api/model';
import type { ActionView, BulkOperationName, BulkScope } from '../../../shared/contract';
import { REASON_CODES } from '../../../shared/domain/reason-codes';
import type { TokenOperation } from '../../../shared/domain/transitions';
import type { CardholderCommands } from '../cardholder/commands';
import type { CardholderSliceState } from '../cardholder/initialState';
import type { StoreDeps } from '../deps';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import {
  emptyDraft,
  notLoaded,
  type ActionDialog,
  type ActionsSliceState,
  type ActionDraft,
  type BulkTarget,
  type Loadable,
} from './initialState';
import { mergeActions } from './reducer';
import { buildBulkAction, buildTokenAction, cardNumberProblem, changing, problemsFromFields } from './validate';

/** The store's commands over the token actions (suspend, resume, delete, activate) the agent sends. */
export interface ActionsCommands {
  /** The issuer's policy (identity checks, risk rules, override, notifications); kept through a failed reload. */
  loadActionPolicy(): Promise<void>;
  /** This workstation's actions, resumed ones included: what the tray and the rows show after a reload. */
  loadActions(): Promise<void>;
  /** Opens the dialog for one token's action, with what was typed for it before. */
  openTokenAction(operation: TokenOperation, token: Token): void;
  /**
   * Opens the bulk dialog for all tokens of a card or of a device, and previews it. `start` fills a
   * draft that does not exist yet (a lost phone: the reason "device lost" chosen already).
   */
  openBulkAction(target: Omit<BulkTarget, 'kind'>, start?: Partial<ActionDraft>): void;
  /** Closes the dialog; what was typed stays for the next opening unless the action was sent. */
  closeActionDialog(): void;
  updateActionDraft(patch: Partial<ActionDraft>): void;
  /** Bulk: picks the action and previews it afresh. */
  setBulkOperation(operation: BulkOperationName): void;
  loadActionSignals(): Promise<void>;
  loadBulkPreview(): Promise<void>;
  /** Sends the open dialog's action, once: a second press while it is on its way does nothing. */
  submitActionDialog(): Promise<void>;
  internal_applyActions(actions: readonly ActionView[]): void;
}

const tokenDraftKey = (operation: TokenOperation, virtualCardId: string): string => `${operation}:${virtualCardId}`;

const bulkDraftKey = (scope: BulkScope): string =>
  scope.kind === 'CARD' ? `bulk:card:${scope.issuerCardRefId}` : `bulk:device:${scope.cardholderId}:${scope.tokenStorageId}`;

const newActionId = (deps: StoreDeps): string => (deps.newActionId ?? (() => crypto.randomUUID()))();

type Needs = ActionsSliceState & ActionsCommands & CallsMain & Pick<CardholderSliceState, 'cardTokens'> & Pick<CardholderCommands, 'reloadCardTokens'>;

export const createActionsCommands: SliceCreator<Needs, ActionsCommands> =
  (deps) =>
  (set, get) => {
    /** Which draft a bulk action came from, so its draft goes once every token in it is done. */
    const bulkDrafts = new Map<string, string>();
    /** Each dialog opening gets a number: answers for an earlier opening do not touch a later one. */
    let openings = 0;
    let opening = 0;

    const patchDialog = (change: Partial<ActionDialog>, forOpening = opening): void =>
      set((s) => (s.actionDialog === null || forOpening !== opening ? {} : { actionDialog: { ...s.actionDialog, ...change } }));

    const draftOf = (key: string): ActionDraft => get().actionDrafts[key] ?? emptyDraft;

    const dropDraft = (key: string): void =>
      set((s) => {
        if (!(key in s.actionDrafts)) return {};
        const { [key]: _dropped, ...rest } = s.actionDrafts;
        return { actionDrafts: rest };
      });

    const loading = <T>(held: Loadable<T>): Loadable<T> => ({ ...held, status: 'loading' });

    const openDialog = (draftKey: string, target: ActionDialog['target']): void => {
      openings += 1;
      opening = openings;
      set({
        actionDialog: {
          draftKey,
          target,
          requestId: newActionId(deps),
          itemActionIds: {},
          submitting: false,
          submitError: null,
          fieldProblems: {},
          sentActionIds: [],
          signals: notLoaded(),
          preview: notLoaded(),
        },
      });
    };

    /** The card's tokens again, so the row and the dialog show the state the backend reported. */
    const refreshToken = async (action: ActionView): Promise<void> => {
      const card = action.issuerCardRefId;
      if (get().cardTokens[card] === undefined) return;
      await get().reloadCardTokens(card);
      const dialog = get().actionDialog;
      if (dialog?.target.kind !== 'token' || dialog.target.token.virtualCardId !== action.virtualCardId) return;
      const fresh = get().cardTokens[card]?.items?.find((token) => token.virtualCardId === action.virtualCardId);
      const currentState = action.failure?.currentState;
      const token = fresh ?? (currentState ? { ...dialog.target.token, state: currentState } : null);
      // The agent has now seen the token as it is: a deliberate retry is checked against that.
      if (token) set({ actionDialog: { ...dialog, target: { ...dialog.target, token } } });
    };

    /** What follows from an action reaching its end: drafts, the dialog's next id, the row. */
    const settle = (before: ActionView | undefined, action: ActionView): void => {
      if (before?.status === action.status) return;
      const dialog = get().actionDialog;
      const sentHere = dialog?.sentActionIds.includes(action.actionId) === true;
      if (action.status === 'CONFIRMED') {
        if (action.bulkId === null) dropDraft(tokenDraftKey(action.operation, action.virtualCardId));
        else {
          const draftKey = bulkDrafts.get(action.bulkId);
          const all = Object.values(get().actionsById).filter((held) => held.bulkId === action.bulkId);
          if (draftKey !== undefined && all.every((held) => held.status === 'CONFIRMED')) dropDraft(draftKey);
        }
      }
      if (action.status !== 'FAILED') return;
      // That id is spent: sending again is a new action the agent chooses, never a blind retry.
      if (sentHere && dialog?.target.kind === 'token') patchDialog({ requestId: newActionId(deps) });
      if (action.failure?.currentState !== undefined || action.failure?.code === 'TOKEN_STATE_CONFLICT') void refreshToken(action);
    };

    return {
      loadActionPolicy: async () => {
        set((s) => ({ actionPolicy: loading(s.actionPolicy) }));
        const result = await get().internal_call('actions.policy', {}, { showsOwnError: true });
        set((s) => ({
          actionPolicy: result.ok ? { status: 'ready', data: result.data, error: null } : { status: 'failed', data: s.actionPolicy.data, error: result.error },
        }));
      },

      loadActions: async () => {
        set((s) => ({ actionsList: loading(s.actionsList) }));
        const result = await get().internal_call('actions.list', {}, { showsOwnError: true });
        if (!result.ok) {
          set((s) => ({ actionsList: { status: 'failed', data: s.actionsList.data, error: result.error } }));
          return;
        }
        get().internal_applyActions(result.data.items);
        set({ actionsList: { status: 'ready', data: true, error: null } });
      },

      openTokenAction: (operation, token) => {
        const draftKey = tokenDraftKey(operation, token.virtualCardId);
        const [only, ...others] = REASON_CODES[operation];
        // One reason only (Option D): chosen already, one field fewer for the agent.
        if (get().actionDrafts[draftKey] === undefined && only !== undefined && others.length === 0) {
          set((s) => ({ actionDrafts: { ...s.actionDrafts, [draftKey]: { ...emptyDraft, reasonCode: only.code } } }));
        }
        openDialog(draftKey, { kind: 'token', operation, token });
        if (operation === 'activate') {
          if (get().actionPolicy.status !== 'ready') void get().loadActionPolicy();
          void get().loadActionSignals();
        }
      },

      openBulkAction: (target, start) => {
        const draftKey = bulkDraftKey(target.scope);
        if (start !== undefined && get().actionDrafts[draftKey] === undefined) {
          set((s) => ({ actionDrafts: { ...s.actionDrafts, [draftKey]: { ...emptyDraft, ...start } } }));
        }
        openDialog(draftKey, { kind: 'bulk', ...target });
        void get().loadBulkPreview();
      },

      closeActionDialog: () => {
        opening = 0;
        set({ actionDialog: null });
      },

      updateActionDraft: (patch) => {
        const dialog = get().actionDialog;
        if (dialog === null) return;
        const key = dialog.draftKey;
        set((s) => ({ actionDrafts: { ...s.actionDrafts, [key]: { ...(s.actionDrafts[key] ?? emptyDraft), ...patch } } }));
        // A problem goes from the field the agent is fixing, except a card number, said while it is there.
        const fixed = Object.keys(patch).map((field) => (field === 'callInbound' || field === 'askedToShareCode' ? 'callAnswers' : field));
        const cardNumber = patch.comment === undefined ? undefined : cardNumberProblem(patch.comment);
        if (cardNumber !== undefined) {
          patchDialog({ fieldProblems: { ...dialog.fieldProblems, comment: cardNumber } });
        } else if (fixed.some((field) => field in dialog.fieldProblems)) {
          patchDialog({ fieldProblems: Object.fromEntries(Object.entries(dialog.fieldProblems).filter(([field]) => !fixed.includes(field))) });
        }
      },

      setBulkOperation: (operation) => {
        const dialog = get().actionDialog;
        if (dialog?.target.kind !== 'bulk' || dialog.sentActionIds.length > 0) return;
        if (draftOf(dialog.draftKey).bulkOperation === operation) return;
        // The reason codes differ per action; a code the new one lacks would only be refused.
        get().updateActionDraft({ bulkOperation: operation, reasonCode: '', confirmCount: '' });
        void get().loadBulkPreview();
      },

      loadActionSignals: async () => {
        const dialog = get().actionDialog;
        if (dialog?.target.kind !== 'token') return;
        const mine = opening;
        patchDialog({ signals: loading(dialog.signals) });
        const result = await get().internal_call('tokens.signals', { virtualCardId: dialog.target.token.virtualCardId }, { showsOwnError: true });
        const held = get().actionDialog?.signals ?? notLoaded();
        patchDialog({ signals: result.ok ? { status: 'ready', data: result.data, error: null } : { status: 'failed', data: held.data, error: result.error } }, mine);
      },

      loadBulkPreview: async () => {
        const dialog = get().actionDialog;
        if (dialog?.target.kind !== 'bulk' || dialog.sentActionIds.length > 0) return;
        const mine = opening;
        const operation = draftOf(dialog.draftKey).bulkOperation;
        patchDialog({ preview: { status: 'loading', data: null, error: null }, itemActionIds: {}, fieldProblems: {}, submitError: null });
        const result = await get().internal_call('actions.previewBulk', { operation, scope: dialog.target.scope }, { showsOwnError: true });
        // The agent switched the action meanwhile: a newer preview is on its way.
        if (get().actionDialog === null || draftOf(dialog.draftKey).bulkOperation !== operation) return;
        if (!result.ok) {
          patchDialog({ preview: { status: 'failed', data: null, error: result.error } }, mine);
          return;
        }
        // One id per token, made with the preview: a retry of the same submit sends the same ids.
        const itemActionIds = Object.fromEntries(changing(result.data).map((item) => [item.virtualCardId, newActionId(deps)]));
        patchDialog({ preview: { status: 'ready', data: result.data, error: null }, itemActionIds, requestId: newActionId(deps) }, mine);
      },

      submitActionDialog: async () => {
        const dialog = get().actionDialog;
        if (dialog === null || dialog.submitting) return;
        const { target } = dialog;
        const sent = dialog.sentActionIds.map((id) => get().actionsById[id]);
        // Already on its way or done: the same dialog never sends a second action beside it.
        if (sent.some((action) => action !== undefined && action.status !== 'FAILED')) return;
        const draft = draftOf(dialog.draftKey);
        const mine = opening;

        if (target.kind === 'token') {
          const built = buildTokenAction({
            actionId: dialog.requestId,
            operation: target.operation,
            token: target.token,
            draft,
            policy: get().actionPolicy.data,
            signals: dialog.signals.data,
          });
          if (!built.ok) {
            patchDialog({ fieldProblems: built.problems });
            return;
          }
          patchDialog({ submitting: true, submitError: null, fieldProblems: {} });
          const result = await get().internal_call('actions.submit', built.input, { showsOwnError: true });
          if (!result.ok) {
            patchDialog({ submitting: false, submitError: result.error, fieldProblems: problemsFromFields(result.error.fields) }, mine);
            return;
          }
          patchDialog({ submitting: false, sentActionIds: [result.data.actionId] }, mine);
          get().internal_applyActions([result.data]);
          return;
        }

        const preview = dialog.preview.data;
        if (preview === null) return;
        const built = buildBulkAction({ bulkId: dialog.requestId, scope: target.scope, draft, preview, itemActionIds: dialog.itemActionIds });
        if (!built.ok) {
          patchDialog({ fieldProblems: built.problems });
          return;
        }
        patchDialog({ submitting: true, submitError: null, fieldProblems: {} });
        bulkDrafts.set(built.input.bulkId, dialog.draftKey);
        const result = await get().internal_call('actions.submitBulk', built.input, { showsOwnError: true });
        if (!result.ok) {
          patchDialog({ submitting: false, submitError: result.error, fieldProblems: problemsFromFields(result.error.fields) }, mine);
          return;
        }
        patchDialog({ submitting: false, sentActionIds: built.input.items.map((item) => item.actionId) }, mine);
        get().internal_applyActions(result.data.items);
      },

      internal_applyActions: (actions) => {
        const before = get().actionsById;
        const after = mergeActions(before, actions);
        if (after === before) return;
        set({ actionsById: after });
        for (const action of actions) {
          const kept = after[action.actionId];
          if (kept !== undefined && kept !== before[action.actionId]) settle(before[action.actionId], kept);
        }
      },
    };
  };
