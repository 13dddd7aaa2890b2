import { z } from 'zod';
import { ActionFailure } from '../api/audit';
import { CardholderId, IsoDateTime, IssuerCardRefId, LastFour, VirtualCardId } from '../api/ids';
import { ChangeSource, Device, DeviceType, TokenState, WalletProviderId } from '../api/model';
import { CallAnswers, DigitizationSignals, TokenActionPolicy, Verifier } from '../api/policy';
import { findReason } from '../domain/reason-codes';
import type { TokenOperation } from '../domain/transitions';
import { TokenOperationName } from '../api/operations';
import { FreeText } from '../api/free-text';

/**
 * The agent's token actions over IPC. The renderer names each action with an id it
 * makes when the dialog opens, so a double-click or a retry of the same submit is the same
 * action; main keeps it in a durable outbox and reports every change on `action.changed`.
 */
export { ActionFailure, DigitizationSignals, TokenActionPolicy, Verifier };

const ActionId = z.uuid();
/** A bulk action never activates: Option D is one token, one caller, one verification. */
export const BulkOperationName = z.enum(['suspend', 'resume', 'delete']);
export type BulkOperationName = z.infer<typeof BulkOperationName>;

const ReasonCodeText = z.string().regex(/^[A-Z_]{1,40}$/);
/** The agent's comment as main keeps and shows it. */
const Comment = z.string().max(500);
/** The agent's comment as it comes in: refused with a card number in it, before anything keeps it. */
const CommentInput = FreeText(500);

/**
 * 送信中 REQUESTED (in the outbox, being sent) → 受付済 ACCEPTED (the backend took it; the device
 * may not be updated yet) → 完了 CONFIRMED (the TSP confirmed) or 失敗 FAILED (with the reason).
 */
export const ActionStatus = z.enum(['REQUESTED', 'ACCEPTED', 'CONFIRMED', 'FAILED']);
export type ActionStatus = z.infer<typeof ActionStatus>;

/** How far an action has got: main never moves one back, and the console never shows one going back. */
export const ACTION_STATUS_RANK: Readonly<Record<ActionStatus, number>> = { REQUESTED: 0, ACCEPTED: 1, CONFIRMED: 2, FAILED: 2 };

/** Not yet confirmed or failed: main still works on it, and the console shows it as under way. */
export const isActionUnderWay = (status: ActionStatus): boolean => ACTION_STATUS_RANK[status] < ACTION_STATUS_RANK.CONFIRMED;

export const NotificationView = z.strictObject({
  /** The template the backend used or will use (e.g. ACTIVATION_CONFIRMATION). */
  template: z.string().regex(/^[A-Z_]{2,60}$/),
  channel: z.enum(['SMS', 'EMAIL']).nullable(),
  /** QUEUED: the backend queued it; NO_CHANNEL: no contact to send to; OFF: the issuer sends its own OTP, so the platform sends none. */
  status: z.enum(['QUEUED', 'NO_CHANNEL', 'OFF']),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const ActionView = z.strictObject({
  actionId: ActionId,
  bulkId: z.uuid().nullable(),
  operation: TokenOperationName,
  virtualCardId: VirtualCardId,
  issuerCardRefId: IssuerCardRefId,
  cardholderId: CardholderId,
  tokenLastFour: LastFour,
  walletProviderId: WalletProviderId,
  deviceName: Device.shape.name,
  reasonCode: ReasonCodeText,
  /** What the token service is sent; the dialog showed it before the agent confirmed. */
  reasonSent: z.string().max(64),
  comment: Comment.nullable(),
  verifiers: z.array(Verifier).max(Verifier.options.length),
  status: ActionStatus,
  failure: ActionFailure.nullable(),
  correlationId: z.string().min(1).max(64),
  operationId: z.string().regex(/^OP[A-Z0-9]{8,30}$/).nullable(),
  requestedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /** Sends so far; a retry reuses the correlation id and the idempotency key. */
  attempts: z.number().int().min(0).max(1000),
  /** While REQUESTED after a failed send: when main tries again. */
  nextAttemptAt: IsoDateTime.nullable(),
  /** Main restarted while this action was under way and resumed it from the outbox. */
  resumedAfterRestart: z.boolean(),
  /** The cardholder notification the action caused, once the backend reported it. */
  notification: NotificationView.nullable(),
});
export type ActionView = z.infer<typeof ActionView>;

/** Rules the contract checks before main does anything, each reported on its own field. */
const checkActionFields = (
  operation: TokenOperation,
  input: { reasonCode: string; comment?: string | undefined },
  context: z.RefinementCtx,
): void => {
  const reason = findReason(operation, input.reasonCode);
  if (!reason) {
    context.addIssue({ code: 'custom', path: ['reasonCode'], message: `not a reason code for ${operation}` });
    return;
  }
  if (reason.commentRequired && (input.comment ?? '').trim() === '') {
    context.addIssue({ code: 'custom', path: ['comment'], message: 'required for this reason code' });
  }
};

export const SubmitActionInput = z
  .strictObject({
    actionId: ActionId,
    virtualCardId: VirtualCardId,
    operation: TokenOperationName,
    reasonCode: ReasonCodeText,
    comment: CommentInput.optional(),
    /** The state the agent saw: a token that changed meanwhile is a conflict, never a blind change. */
    expectedState: TokenState,
    /** Option D only: which identity checks the caller passed. */
    verifiers: z.array(Verifier).max(Verifier.options.length).optional(),
    /** Option D only: what the agent learned on the call, for the risk rules. */
    callAnswers: CallAnswers.optional(),
    /** Delete only: the token's last four digits as the agent typed them to confirm. */
    confirmTokenLastFour: LastFour.optional(),
  })
  .superRefine((input, context) => {
    checkActionFields(input.operation, input, context);
    if (input.operation === 'activate') {
      if (input.verifiers === undefined) context.addIssue({ code: 'custom', path: ['verifiers'], message: 'required to activate' });
      if (input.callAnswers === undefined) context.addIssue({ code: 'custom', path: ['callAnswers'], message: 'required to activate' });
    } else {
      if (input.verifiers !== undefined) context.addIssue({ code: 'custom', path: ['verifiers'], message: 'only for activate' });
      if (input.callAnswers !== undefined) context.addIssue({ code: 'custom', path: ['callAnswers'], message: 'only for activate' });
    }
    if (input.operation === 'delete' && input.confirmTokenLastFour === undefined) {
      context.addIssue({ code: 'custom', path: ['confirmTokenLastFour'], message: 'required to delete' });
    }
    if (input.operation !== 'delete' && input.confirmTokenLastFour !== undefined) {
      context.addIssue({ code: 'custom', path: ['confirmTokenLastFour'], message: 'only for delete' });
    }
  });
export type SubmitActionInput = z.infer<typeof SubmitActionInput>;

/** "All tokens of this card", or "all tokens on this device" across all the cardholder's cards (lost phone). */
export const BulkScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('CARD'), issuerCardRefId: IssuerCardRefId }),
  z.strictObject({ kind: z.literal('DEVICE'), cardholderId: CardholderId, tokenStorageId: Device.shape.tokenStorageId }),
]);
export type BulkScope = z.infer<typeof BulkScope>;

export const PreviewBulkInput = z.strictObject({ operation: BulkOperationName, scope: BulkScope });

/** Why a token in scope is left alone: a transition rule, or an action already under way. */
const SkipReason = z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/);

export const BulkPreviewItem = z.strictObject({
  virtualCardId: VirtualCardId,
  issuerCardRefId: IssuerCardRefId,
  cardLastFour: LastFour,
  tokenLastFour: LastFour,
  walletProviderId: WalletProviderId,
  tokenRequestorName: z.string().min(1).max(100),
  deviceName: Device.shape.name,
  deviceType: DeviceType,
  state: TokenState,
  suspendedBy: z.array(ChangeSource).max(3),
  /** CHANGE: the action applies; SKIP: it does not, `skipReason` says why. */
  decision: z.enum(['CHANGE', 'SKIP']),
  stateAfter: TokenState.nullable(),
  skipReason: SkipReason.nullable(),
});
export type BulkPreviewItem = z.infer<typeof BulkPreviewItem>;

export const BulkPreview = z.strictObject({
  operation: BulkOperationName,
  scope: BulkScope,
  items: z.array(BulkPreviewItem).max(500),
  generatedAt: IsoDateTime,
});
export type BulkPreview = z.infer<typeof BulkPreview>;

export const SubmitBulkInput = z
  .strictObject({
    bulkId: z.uuid(),
    operation: BulkOperationName,
    scope: BulkScope,
    reasonCode: ReasonCodeText,
    comment: CommentInput.optional(),
    /** Exactly the tokens the preview said would change, each with the state it showed. */
    items: z
      .array(z.strictObject({ actionId: ActionId, virtualCardId: VirtualCardId, expectedState: TokenState }))
      .min(1)
      .max(200),
  })
  .superRefine((input, context) => checkActionFields(input.operation, input, context));
export type SubmitBulkInput = z.infer<typeof SubmitBulkInput>;

export const ActionList = z.strictObject({ items: z.array(ActionView).max(500) });

export const SignalsInput = z.strictObject({ virtualCardId: VirtualCardId });
