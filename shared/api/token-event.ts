import { z } from 'zod';
import { ACTION_OF_OPERATION, EVENT_OF_ACTION } from '../domain/operation-events';
import { APPROVAL_RULES } from '../domain/approval-rules';
import { TOKEN_OPERATIONS } from '../domain/transitions';
import { AgentId, ApprovalRequestId, CorrelationId, EventId, Expiry, IsoDateTime, LastFour, OperationId, VirtualCardId } from './ids';
import { NotificationChannel, TemplateLanguage } from './notifications';
import {
  Actor,
  CardOperation,
  CardOperationStatus,
  ChangeSource,
  Decision,
  DecisionReason,
  DeviceType,
  IdvMethod,
  RequestorType,
  TokenState,
  Verifier,
  VirtualCardAction,
  WalletProviderId,
} from './token-terms';

/**
 * A token's history: one event per thing that happened to it, a discriminated union on `kind`
 * where each kind declares the `detail` it carries. Declared once, checked where events cross a
 * border: the backend client parses its responses and the live stream with it, the training
 * backend checks every event against it (strictly, `RecordedTokenEvent`) before recording it.
 *
 * Like every entity in a response, an event is tolerant of what it does not know: an unknown
 * field in it or in its detail is dropped (a backend may add fields at any time). A known kind
 * whose detail lacks a field or carries a wrong one fails to parse, with the path of the field
 * (`detail.operationId`), so nothing reads half an event. `detail` is the record as received:
 * the history's raw view shows it.
 */

export const EventKind = z.enum([
  'DIGITIZATION_REQUESTED',
  'DIGITIZATION_DECIDED',
  'DIGITIZATION_CANCELED',
  'STEP_UP_STARTED',
  'ACTIVATED',
  'SUSPENDED',
  'RESUMED',
  'DELETED',
  'DELETED_FROM_APP',
  'OPERATION_FAILED',
  'NOTIFICATION_SENT',
  'AGENT_ACTION',
  /**
   * A callback that was already processed came again (same x-correlation-id, action and outcome):
   * recorded, nothing changed. `detail.duplicateOf` is the eventId of the first.
   */
  'CALLBACK_DUPLICATE',
  /**
   * A callback that would move the token backwards (anything but a duplicate after DELETED, an
   * ACTIVATE after the token was already active or suspended…): recorded, ignored. `detail.rule`
   * says why, `detail.stateAtArrival` what the token was.
   */
  'CALLBACK_LATE',
  /** Four-eyes approval of an agent's action on this token: requested, granted, rejected, or expired undecided. */
  'APPROVAL_REQUESTED',
  'APPROVAL_GRANTED',
  'APPROVAL_REJECTED',
  'APPROVAL_EXPIRED',
]);
export type EventKind = z.infer<typeof EventKind>;

const TokenOperationName = z.enum(TOKEN_OPERATIONS);

/** A rule's id: the transition table's (SUSPEND_ONLY_ACTIVE), the ordering rule's (TOKEN_DELETED) or a digitization rule's. */
const RuleId = z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/, 'a rule id: a capital, then 1–59 capitals, digits or _');

/** An agent of the issuer, as an approval names the other person involved. */
const NamedAgent = z.object({ agentId: AgentId, agentName: z.string().min(1).max(200) });

/** The token service's error code (221: the device could not be reached after retries). */
const TspErrorCode = z.string().regex(/^[A-Za-z0-9_]{1,20}$/, '1–20 of A–Z a–z 0–9 _');

/** How a callback arrived at the backend. */
export const CallbackChannel = z.enum(['notifyVirtualCardChange', 'cardOperation', 'tspConfirmation', 'simulator']);
export type CallbackChannel = z.infer<typeof CallbackChannel>;

const PlatformText = z.string().min(1).max(64);

/**
 * What a platform callback said, kept on the event it caused. `callback` is absent from histories
 * the platform reported before the backend kept it (the seeded ones).
 */
const callbackFields = {
  callback: CallbackChannel.optional(),
  // notifyVirtualCardChange (and the TSP's confirmation, and the simulator, which speak it too)
  walletProviderId: WalletProviderId.optional(),
  tokenStorageId: PlatformText.optional(),
  isPrimary: z.boolean().optional(),
  /** Played by a trainer through the training simulator. */
  simulated: z.literal(true).optional(),
  // D1 card-operation notification
  cardOperationId: PlatformText.optional(),
  cardOperation: CardOperation.optional(),
  status: CardOperationStatus.optional(),
  requestorType: RequestorType.optional(),
  requestorId: PlatformText.nullable().optional(),
  /** A callback kept for a token not known yet: when it really arrived (the event's time is when it was applied). */
  receivedAt: IsoDateTime.optional(),
};

/** What a callback said, as the events it causes keep it. */
export type CallbackFields = z.output<z.ZodObject<typeof callbackFields>>;

/** The agent's operation a callback answers (found by its x-correlation-id): the operation and the id the backend gave it. */
const agentOperationFields = {
  operation: TokenOperationName.optional(),
  operationId: OperationId.optional(),
};

/** What a callback changed on the token when it was applied. */
const appliedFields = {
  /** The reason text the agent's operation sent to the token service; null when it sent none. */
  reasonSent: z.string().max(500).nullable().optional(),
  /** The TSP confirmed the agent's operation. */
  confirmedBy: z.literal('TSP').optional(),
  /** The token's last four and expiry as the TSP reported them (never the DPAN). */
  tokenLastFour: LastFour.optional(),
  tokenExpiry: Expiry.optional(),
};

/** A deletion that ended a pending step-up: the step-up is canceled with it. */
const stepUpCanceledField = { stepUpCanceled: z.literal(true).optional() };

/** A platform action applied to the token: the action recorded by this kind, and who reported it. */
const lifecycle = <A extends VirtualCardAction>(action: A) => ({
  ...callbackFields,
  action: z.literal(action),
  source: ChangeSource,
});

const DigitizationRequestedDetail = z.object({
  walletProviderId: WalletProviderId,
  tokenRequestorId: z.string().regex(/^\d{11}$/, '11 digits'),
  deviceType: DeviceType,
  /** Masked of any card-number run; null when the wallet gave none. */
  deviceName: z.string().min(1).max(100).nullable(),
  isPrimary: z.boolean(),
  tokenStorageId: PlatformText.optional(),
  /** The platform's scores (1 risky … 5 safe), null when it sent none. */
  deviceScore: z.number().int().min(1).max(5).nullable().optional(),
  accountScore: z.number().int().min(1).max(5).nullable().optional(),
  deviceNewForCardholder: z.boolean().optional(),
  tokensRequestedLast24h: z.number().int().nonnegative().optional(),
  /** The ended enrolment of the same card on the same device that this one retries. */
  previousAttemptVirtualCardId: VirtualCardId.nullable().optional(),
});

const DigitizationDecidedDetail = z.object({
  decision: Decision,
  /** The step-up methods offered (yellow); empty otherwise. */
  idvMethods: z.array(IdvMethod).max(4),
  reasons: z.array(DecisionReason).max(10),
  /** The issuer's digitization rule that decided it. */
  rule: RuleId.optional(),
});

const DigitizationCanceledDetail = z.object({
  callback: z.literal('cardOperation').optional(),
  cardOperationId: PlatformText.optional(),
  cardOperation: z.literal('DIGITIZE'),
  status: z.literal('FAILED'),
  requestorType: RequestorType.optional(),
  requestorId: PlatformText.nullable().optional(),
  receivedAt: IsoDateTime.optional(),
  ...stepUpCanceledField,
});

const StepUpStartedDetail = z.object({
  /** The methods the wallet offered the cardholder… */
  idvMethods: z.array(IdvMethod).max(4).optional(),
  /** …or the one the cardholder chose. */
  idvMethod: IdvMethod.optional(),
});

const ActivatedDetail = z.object({
  ...lifecycle(ACTION_OF_OPERATION.activate),
  ...agentOperationFields,
  ...appliedFields,
  /** The step-up method that verified the cardholder. */
  idvMethod: IdvMethod.optional(),
});

const SuspendedDetail = z.object({ ...lifecycle(ACTION_OF_OPERATION.suspend), ...agentOperationFields, ...appliedFields });

const ResumedDetail = z.object({ ...lifecycle(ACTION_OF_OPERATION.resume), ...agentOperationFields, ...appliedFields });

/**
 * A deletion by a DELETE, or the platform's DIGITIZE FAILED ending a declined enrolment: then
 * there is no action or source, and `cardOperation` and `status` say what it was.
 */
const DeletedDetail = z.object({
  ...callbackFields,
  action: z.literal(ACTION_OF_OPERATION.delete).optional(),
  source: ChangeSource.optional(),
  ...agentOperationFields,
  ...appliedFields,
  ...stepUpCanceledField,
});

const DeletedFromAppDetail = z.object({
  ...lifecycle('DELETE_FROM_APP'),
  tokenLastFour: appliedFields.tokenLastFour,
  tokenExpiry: appliedFields.tokenExpiry,
  ...stepUpCanceledField,
});

/**
 * The TSP could not do what a callback reports (`errorCode`, e.g. 221), or the token could no
 * longer take the agent's operation when the TSP confirmed it (`rule`); either way the token kept
 * its `state`.
 */
const OperationFailedDetail = z.object({
  ...callbackFields,
  action: VirtualCardAction,
  source: ChangeSource.optional(),
  ...agentOperationFields,
  errorCode: TspErrorCode.optional(),
  /** What the error code means, as the backend words it; null for a code it does not know. */
  description: z.string().max(500).nullable().optional(),
  rule: RuleId.optional(),
  state: TokenState.optional(),
});

/** No action for a repeated DIGITIZE notice: `cardOperation` says it. */
const CallbackDuplicateDetail = z.object({
  ...callbackFields,
  action: VirtualCardAction.optional(),
  source: ChangeSource.optional(),
  ...agentOperationFields,
  duplicateOf: EventId,
});

const CallbackLateDetail = z.object({
  ...callbackFields,
  action: VirtualCardAction.optional(),
  source: ChangeSource.optional(),
  rule: RuleId,
  stateAtArrival: TokenState,
});

/** QUEUED: sent to the cardholder; NO_CHANNEL: no contact to send to; OFF: the issuer sends its own; NOT_SENT: the template could not be rendered. */
const NotificationStatus = z.enum(['QUEUED', 'NO_CHANNEL', 'OFF', 'NOT_SENT']);

const NotificationSentDetail = z.object({
  /** The template's event (ACTIVATION_CONFIRMED…), or the platform's older template names in seeded histories. */
  template: z.string().regex(/^[A-Z_]{2,60}$/, '2–60 capitals or _'),
  /** The agent's operation the notification follows. */
  operationId: OperationId.optional(),
  status: NotificationStatus,
  channel: NotificationChannel.nullable(),
  language: TemplateLanguage.optional(),
  /** Masked as the console shows contacts. */
  destination: z.string().min(1).max(200).optional(),
  notificationId: z.string().regex(/^NT[A-Z]{8,30}$/).optional(),
  /** The text as sent, shortened to 500 characters (`textTruncated`); the backend keeps it in full. */
  subject: z.string().max(500).nullable().optional(),
  text: z.string().max(500).optional(),
  textTruncated: z.literal(true).optional(),
  /** Why nothing was sent (OFF). */
  why: z.literal('ISSUER_SENDS_OWN_OTP').optional(),
  /** Why the template could not be rendered (NOT_SENT). */
  problem: z.string().regex(/^[A-Z_]{2,60}$/).optional(),
});

/** The agent's operation as the backend accepted it, before the TSP confirms it. */
const AgentActionDetail = z.object({
  operation: TokenOperationName,
  operationId: OperationId,
  status: z.literal('ACCEPTED'),
  /** The reason text sent on to the token service. */
  reasonSent: z.string().max(500).optional(),
  /** Which identity checks passed (Option D), never the answers. */
  verifiers: z.array(Verifier).max(10).optional(),
  /** The scam questions about the call, as the agent answered them. */
  callInbound: z.boolean().optional(),
  askedToShareCode: z.boolean().optional(),
  /** The step-up method the activation completes (Option D: CUSTOMER_SERVICE). */
  idvMethod: IdvMethod.optional(),
  /** Run by the backend after a supervisor approved it (four-eyes): the request and the approver. */
  requestId: ApprovalRequestId.optional(),
  approvedBy: NamedAgent.optional(),
});

/** Every approval event: which request, for which operation, and who asked (the event's actor is who acted now). */
const approvalFields = {
  requestId: ApprovalRequestId,
  operation: TokenOperationName,
  /** The policy's rule that held the action back. */
  rule: z.enum(APPROVAL_RULES),
  requestedBy: NamedAgent,
};

const ApprovalRequestedDetail = z.object({
  ...approvalFields,
  /** Option D: the risk rules the activation matched. */
  riskRules: z.array(RuleId).max(50).optional(),
  /** When the request expires undecided, on the training clock. */
  expiresAt: IsoDateTime,
});

/** A supervisor's decision; their words are the event's `comment`. */
const ApprovalDecidedDetail = z.object({ ...approvalFields, decidedBy: NamedAgent });

const ApprovalExpiredDetail = z.object({ ...approvalFields, expiresAt: IsoDateTime });

const eventFields = {
  eventId: EventId,
  virtualCardId: VirtualCardId,
  occurredAt: IsoDateTime,
  actor: Actor,
  correlationId: CorrelationId,
  reasonCode: z.string().regex(/^[A-Z_]{1,40}$/).optional(),
  comment: z.string().max(500).optional(),
};

const eventOf = <K extends EventKind, D extends z.ZodObject>(kind: K, detail: D) => z.object({ ...eventFields, kind: z.literal(kind), detail });

export const TokenEvent = z.discriminatedUnion('kind', [
  eventOf('DIGITIZATION_REQUESTED', DigitizationRequestedDetail),
  eventOf('DIGITIZATION_DECIDED', DigitizationDecidedDetail),
  eventOf('DIGITIZATION_CANCELED', DigitizationCanceledDetail),
  eventOf('STEP_UP_STARTED', StepUpStartedDetail),
  eventOf(EVENT_OF_ACTION.ACTIVATE, ActivatedDetail),
  eventOf(EVENT_OF_ACTION.SUSPEND, SuspendedDetail),
  eventOf(EVENT_OF_ACTION.RESUME, ResumedDetail),
  eventOf(EVENT_OF_ACTION.DELETE, DeletedDetail),
  eventOf(EVENT_OF_ACTION.DELETE_FROM_APP, DeletedFromAppDetail),
  eventOf('OPERATION_FAILED', OperationFailedDetail),
  eventOf('NOTIFICATION_SENT', NotificationSentDetail),
  eventOf('AGENT_ACTION', AgentActionDetail),
  eventOf('CALLBACK_DUPLICATE', CallbackDuplicateDetail),
  eventOf('CALLBACK_LATE', CallbackLateDetail),
  eventOf('APPROVAL_REQUESTED', ApprovalRequestedDetail),
  eventOf('APPROVAL_GRANTED', ApprovalDecidedDetail),
  eventOf('APPROVAL_REJECTED', ApprovalDecidedDetail),
  eventOf('APPROVAL_EXPIRED', ApprovalExpiredDetail),
]);
export type TokenEvent = z.infer<typeof TokenEvent>;

/** The event of one kind, and its detail: what a producer builds and a consumer reads after checking `kind`. */
export type TokenEventOf<K extends EventKind> = Extract<TokenEvent, { kind: K }>;
export type EventDetail<K extends EventKind> = TokenEventOf<K>['detail'];

// Every kind has its member in the union: a new kind without a declared detail does not compile.
const everyKindDeclared: readonly TokenEvent['kind'][] = EventKind.options;
void everyKindDeclared;

/**
 * The union refusing any field it does not declare, in the event or its detail. The training
 * backend checks its own events against it before recording them, so it never records (and
 * streams) a field that a client would drop unread.
 */
export const RecordedTokenEvent: z.ZodType<TokenEvent> = z.discriminatedUnion(
  'kind',
  TokenEvent.options.map((option) => z.strictObject({ ...option.shape, detail: z.strictObject(option.shape.detail.shape) })) as unknown as typeof TokenEvent.options,
);
