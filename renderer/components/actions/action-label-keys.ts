import type { ActionFailureCode } from '../../../shared/api/audit';
import type { ActionStatus, BulkOperationName, Verifier } from '../../../shared/contract';
import type { NotificationEvent } from '../../../shared/api/notifications';
import type { ChangeSource } from '../../../shared/api/model';
import type { TokenOperation, TransitionRule } from '../../../shared/domain/transitions';
import type { MessageKey } from '../../../shared/i18n';

// Values that arrive as data map to message keys here, so every key stays a literal that
// TypeScript checks, and `satisfies` keeps each closed map total.

export const operationLabelKey = {
  activate: 'actions.operation.activate',
  suspend: 'actions.operation.suspend',
  resume: 'actions.operation.resume',
  delete: 'actions.operation.delete',
} as const satisfies Record<TokenOperation, MessageKey>;

export const openLabelKey = {
  activate: 'actions.open.activate',
  suspend: 'actions.open.suspend',
  resume: 'actions.open.resume',
  delete: 'actions.open.delete',
} as const satisfies Record<TokenOperation, MessageKey>;

export const submitLabelKey = {
  activate: 'actions.dialog.submit.activate',
  suspend: 'actions.dialog.submit.suspend',
  resume: 'actions.dialog.submit.resume',
  delete: 'actions.dialog.submit.delete',
} as const satisfies Record<TokenOperation, MessageKey>;

export const bulkSubmitLabelKey = {
  suspend: 'actions.bulk.submit.suspend',
  resume: 'actions.bulk.submit.resume',
  delete: 'actions.bulk.submit.delete',
} as const satisfies Record<BulkOperationName, MessageKey>;

export const statusLabelKey = {
  REQUESTED: 'actions.status.REQUESTED',
  ACCEPTED: 'actions.status.ACCEPTED',
  CONFIRMED: 'actions.status.CONFIRMED',
  FAILED: 'actions.status.FAILED',
} as const satisfies Record<ActionStatus, MessageKey>;

export const failureLabelKey = {
  TRANSITION_NOT_ALLOWED: 'actions.failure.TRANSITION_NOT_ALLOWED',
  TOKEN_STATE_CONFLICT: 'actions.failure.TOKEN_STATE_CONFLICT',
  OPERATION_PENDING: 'actions.failure.OPERATION_PENDING',
  IDENTITY_NOT_VERIFIED: 'actions.failure.IDENTITY_NOT_VERIFIED',
  SUPERVISOR_APPROVAL_REQUIRED: 'actions.failure.SUPERVISOR_APPROVAL_REQUIRED',
  TSP_FAILED: 'actions.failure.TSP_FAILED',
  UNKNOWN_TOKEN: 'actions.failure.UNKNOWN_TOKEN',
  BACKEND_REJECTED: 'actions.failure.BACKEND_REJECTED',
  BACKEND_REFUSED: 'actions.failure.BACKEND_REFUSED',
  BACKEND_UNAVAILABLE: 'actions.failure.BACKEND_UNAVAILABLE',
} as const satisfies Record<ActionFailureCode, MessageKey>;

/** Every transition rule, plus the refusals of the outbox and the backend that read as rules. */
export const ruleLabelKey = {
  ACTIVATE_ONLY_INACTIVE: 'actions.rules.ACTIVATE_ONLY_INACTIVE',
  ACTIVATE_NEEDS_STEP_UP_BY_CUSTOMER_SERVICE: 'actions.rules.ACTIVATE_NEEDS_STEP_UP_BY_CUSTOMER_SERVICE',
  SUSPEND_ONLY_ACTIVE: 'actions.rules.SUSPEND_ONLY_ACTIVE',
  RESUME_ONLY_SUSPENDED: 'actions.rules.RESUME_ONLY_SUSPENDED',
  RESUME_ONLY_OWN_SUSPENSION: 'actions.rules.RESUME_ONLY_OWN_SUSPENSION',
  DELETE_ALREADY_DELETED: 'actions.rules.DELETE_ALREADY_DELETED',
  OPERATION_PENDING: 'actions.rules.OPERATION_PENDING',
  ACTION_IN_PROGRESS: 'actions.rules.ACTION_IN_PROGRESS',
} as const satisfies Record<TransitionRule | 'OPERATION_PENDING' | 'ACTION_IN_PROGRESS', MessageKey>;

export const resumeOnlyKey = {
  WALLET: 'actions.resumeOnly.WALLET',
  TSP: 'actions.resumeOnly.TSP',
  ISSUER: 'actions.resumeOnly.ISSUER',
} as const satisfies Record<ChangeSource, MessageKey>;

export const reasonLabelKey = {
  CUSTOMER_SERVICE_VERIFIED: 'actions.reasons.CUSTOMER_SERVICE_VERIFIED',
  DEVICE_LOST: 'actions.reasons.DEVICE_LOST',
  DEVICE_STOLEN: 'actions.reasons.DEVICE_STOLEN',
  DEVICE_FOUND: 'actions.reasons.DEVICE_FOUND',
  FRAUD_SUSPECTED: 'actions.reasons.FRAUD_SUSPECTED',
  FRAUD_CONFIRMED: 'actions.reasons.FRAUD_CONFIRMED',
  NO_FRAUD: 'actions.reasons.NO_FRAUD',
  ACCOUNT_CLOSED: 'actions.reasons.ACCOUNT_CLOSED',
  CARDHOLDER_REQUEST: 'actions.reasons.CARDHOLDER_REQUEST',
  OTHER: 'actions.reasons.OTHER',
} as const satisfies Record<string, MessageKey>;

export const verifierLabelKey = {
  FULL_NAME: 'actions.verifiers.FULL_NAME',
  DATE_OF_BIRTH: 'actions.verifiers.DATE_OF_BIRTH',
  REGISTERED_PHONE: 'actions.verifiers.REGISTERED_PHONE',
  ADDRESS: 'actions.verifiers.ADDRESS',
  LAST_TRANSACTION_AMOUNT: 'actions.verifiers.LAST_TRANSACTION_AMOUNT',
  SECURITY_WORD: 'actions.verifiers.SECURITY_WORD',
} as const satisfies Record<Verifier, MessageKey>;

export const riskRuleKey = {
  ASKED_TO_SHARE_CODE: 'actions.riskRules.ASKED_TO_SHARE_CODE',
  OUTBOUND_CALL: 'actions.riskRules.OUTBOUND_CALL',
  NEW_DEVICE_HIGH_VELOCITY: 'actions.riskRules.NEW_DEVICE_HIGH_VELOCITY',
  NAME_MISMATCH: 'actions.riskRules.NAME_MISMATCH',
} as const satisfies Record<string, MessageKey>;

export const notificationEventKey = {
  ACTIVATION_CONFIRMED: 'actions.notification.events.ACTIVATION_CONFIRMED',
  TOKEN_SUSPENDED: 'actions.notification.events.TOKEN_SUSPENDED',
  TOKEN_RESUMED: 'actions.notification.events.TOKEN_RESUMED',
  TOKEN_DELETED: 'actions.notification.events.TOKEN_DELETED',
} as const satisfies Partial<Record<NotificationEvent, MessageKey>>;

/** The template names the backend reports on a queued notification (they differ from the event names). */
export const notificationTemplateKey = {
  ...notificationEventKey,
  ACTIVATION_CONFIRMATION: 'actions.notification.events.ACTIVATION_CONFIRMED',
  DELETION_CONFIRMATION: 'actions.notification.events.TOKEN_DELETED',
} as const satisfies Record<string, MessageKey>;

export const channelLabelKey = {
  SMS: 'actions.notification.channels.SMS',
  EMAIL: 'actions.notification.channels.EMAIL',
} as const satisfies Record<'SMS' | 'EMAIL', MessageKey>;

export const tspErrorKey = {
  '221': 'actions.tspErrors.221',
} as const satisfies Record<string, MessageKey>;
