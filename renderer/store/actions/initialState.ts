import type { Token } from '../../../shared/api/model';
import type {
  ActionView,
  BulkOperationName,
  BulkPreview,
  BulkScope,
  DigitizationSignals,
  TokenActionPolicy,
  TypedError,
  Verifier,
} from '../../../shared/contract';
import type { TokenOperation } from '../../../shared/domain/transitions';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed';

/** Something the store fetches, with what was last answered kept through a failed reload. */
export interface Loadable<T> {
  readonly status: LoadStatus;
  readonly data: T | null;
  readonly error: TypedError | null;
}

export const notLoaded = <T>(): Loadable<T> => ({ status: 'idle', data: null, error: null });

/**
 * What the agent typed into an action dialog. Kept by token and operation (or bulk scope) until
 * the action is confirmed, so closing the dialog, a failed call or a refusal loses nothing.
 */
export interface ActionDraft {
  /** '' until chosen. */
  readonly reasonCode: string;
  readonly comment: string;
  readonly confirmLastFour: string;
  readonly verifiers: readonly Verifier[];
  /** null until the agent answered. */
  readonly callInbound: boolean | null;
  readonly askedToShareCode: boolean | null;
  /** Bulk delete: the number of tokens, typed to confirm. */
  readonly confirmCount: string;
  /** Bulk only: which action applies to every token in scope. */
  readonly bulkOperation: BulkOperationName;
}

export const emptyDraft: ActionDraft = {
  reasonCode: '',
  comment: '',
  confirmLastFour: '',
  verifiers: [],
  callInbound: null,
  askedToShareCode: null,
  confirmCount: '',
  bulkOperation: 'suspend',
};

export type ActionField = 'reasonCode' | 'comment' | 'confirmLastFour' | 'verifiers' | 'callAnswers' | 'confirmCount';

export type FieldProblemKey =
  | 'actions.field.reasonRequired'
  | 'actions.field.commentRequired'
  | 'actions.field.commentTooLong'
  | 'actions.field.lastFourMismatch'
  | 'actions.field.countMismatch'
  | 'actions.field.callAnswersRequired'
  | 'actions.field.identityNotMet'
  | 'actions.field.invalid'
  | 'freeText.cardNumber';

export interface FieldProblem {
  readonly key: FieldProblemKey;
  readonly values?: Readonly<Record<string, number>>;
}

export type FieldProblems = Partial<Record<ActionField, FieldProblem>>;

/** What a bulk dialog acts on, with what its title names. */
export interface BulkTarget {
  readonly kind: 'bulk';
  readonly scope: BulkScope;
  /** The card as its header names it, "ゴールド ••••4821" (CARD), or the device's name (DEVICE), for the title. */
  readonly cardLabel: string | null;
  readonly deviceName: string | null;
}

export interface TokenTarget {
  readonly kind: 'token';
  readonly operation: TokenOperation;
  /** The token as the agent saw it when the dialog opened: its state is the expectedState sent. */
  readonly token: Token;
}

export interface ActionDialog {
  readonly draftKey: string;
  readonly target: TokenTarget | BulkTarget;
  /**
   * This opening's action id (a bulk action's bulkId): a double click or a retry after a failed
   * call sends the same id, so main does the work once. Renewed only once the action it named
   * has definitely failed, when sending again is a new, deliberate action.
   */
  readonly requestId: string;
  /** Bulk: each previewed token's action id, made with the preview and reused on a retry. */
  readonly itemActionIds: Readonly<Record<string, string>>;
  readonly submitting: boolean;
  /** The call itself failed (main not reached, input refused): nothing typed is lost. */
  readonly submitError: TypedError | null;
  readonly fieldProblems: FieldProblems;
  /** The actions this opening sent, which the dialog follows to their end. */
  readonly sentActionIds: readonly string[];
  readonly signals: Loadable<DigitizationSignals>;
  readonly preview: Loadable<BulkPreview>;
}

export interface ActionsSliceState {
  readonly actionPolicy: Loadable<TokenActionPolicy>;
  /** The workstation's actions this session (and those main resumed), by actionId. */
  readonly actionsById: Readonly<Record<string, ActionView>>;
  readonly actionsList: Loadable<true>;
  readonly actionDialog: ActionDialog | null;
  readonly actionDrafts: Readonly<Record<string, ActionDraft>>;
}

export const initialActionsState: ActionsSliceState = {
  actionPolicy: notLoaded(),
  actionsById: {},
  actionsList: notLoaded(),
  actionDialog: null,
  actionDrafts: {},
};
