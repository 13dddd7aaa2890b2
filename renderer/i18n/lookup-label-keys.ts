import type { CardState, ChangeSource, ContactChannel, Decision, DeviceType, EventKind, IdvMethod, TokenState, WalletProviderId } from '../../shared/api/model';
import type { CardOperation, VirtualCardAction } from '../../shared/api/token-terms';
import type { SearchQueryKind } from '../../shared/domain/search-query';
import type { TokenOperation } from '../../shared/domain/transitions';
import type { MessageKey } from '../../shared/i18n';
import type { HistorySource } from '../store/history/initialState';
import type { LiveDisplay } from '../store/live/selectors';

// Values that arrive as data map to message keys here, so every key stays a literal the i18n
// completeness test can find, and `satisfies` keeps each map total.

export const searchKindLabelKey = {
  NAME: 'search.kind.NAME',
  NAME_AND_LAST_FOUR: 'search.kind.NAME_AND_LAST_FOUR',
  CUSTOMER_ID: 'search.kind.CUSTOMER_ID',
  ISSUER_CARD_REF_ID: 'search.kind.ISSUER_CARD_REF_ID',
  VIRTUAL_CARD_ID: 'search.kind.VIRTUAL_CARD_ID',
  TOKEN_LAST_FOUR: 'search.kind.TOKEN_LAST_FOUR',
} as const satisfies Record<SearchQueryKind, MessageKey>;

export const tokenStateLabelKey = {
  DEPLOYMENT_ONGOING: 'states.DEPLOYMENT_ONGOING',
  INACTIVE: 'states.INACTIVE',
  ACTIVE: 'states.ACTIVE',
  SUSPENDED: 'states.SUSPENDED',
  DELETED: 'states.DELETED',
} as const satisfies Record<TokenState, MessageKey>;

export const cardStateLabelKey = {
  ACTIVE: 'cardholder.cardState.ACTIVE',
  SUSPENDED: 'cardholder.cardState.SUSPENDED',
  CLOSED: 'cardholder.cardState.CLOSED',
} as const satisfies Record<CardState, MessageKey>;

export const walletLabelKey = {
  APPLE_PAY: 'wallets.APPLE_PAY',
  GOOGLE_PAY: 'wallets.GOOGLE_PAY',
  SAMSUNG_PAY: 'wallets.SAMSUNG_PAY',
  MERCHANT: 'wallets.MERCHANT',
} as const satisfies Record<WalletProviderId, MessageKey>;

/** The history's sentences name the wallet mid-sentence ("a merchant (card on file)"), the table as a label. */
export const historyWalletKey = {
  APPLE_PAY: 'history.wallet.applePay',
  GOOGLE_PAY: 'history.wallet.googlePay',
  SAMSUNG_PAY: 'history.wallet.samsungPay',
  MERCHANT: 'history.wallet.merchant',
} as const satisfies Record<WalletProviderId, MessageKey>;

export const sourceLabelKey = {
  WALLET: 'sources.label.WALLET',
  TSP: 'sources.label.TSP',
  ISSUER: 'sources.label.ISSUER',
} as const satisfies Record<ChangeSource, MessageKey>;

/** The same parties as the subject of a sentence ("the wallet" in English). */
export const sourceSubjectKey = {
  WALLET: 'sources.subject.WALLET',
  TSP: 'sources.subject.TSP',
  ISSUER: 'sources.subject.ISSUER',
} as const satisfies Record<ChangeSource, MessageKey>;

/**
 * The history's own wording for the same parties, plus the agent: an event log says which system
 * acted ("Issuer (system)", "the issuer's system"), where the token explanation names the party.
 */
export const historySourceLabelKey = {
  WALLET: 'history.source.wallet',
  TSP: 'history.source.tsp',
  ISSUER: 'history.source.issuer',
  AGENT: 'history.source.agent',
} as const satisfies Record<HistorySource, MessageKey>;

export const historyActorKey = {
  WALLET: 'history.actor.wallet',
  TSP: 'history.actor.tsp',
  ISSUER: 'history.actor.issuer',
} as const satisfies Record<ChangeSource, MessageKey>;

export const deviceTypeLabelKey = {
  PHONE: 'tokens.deviceType.PHONE',
  WATCH: 'tokens.deviceType.WATCH',
  TABLET: 'tokens.deviceType.TABLET',
  LAPTOP: 'tokens.deviceType.LAPTOP',
  WEARABLE: 'tokens.deviceType.WEARABLE',
  BROWSER: 'tokens.deviceType.BROWSER',
} as const satisfies Record<DeviceType, MessageKey>;

/** In a history sentence (lower case in English), where the table shows a column label. */
export const historyDeviceTypeKey = {
  PHONE: 'history.deviceType.phone',
  WATCH: 'history.deviceType.watch',
  TABLET: 'history.deviceType.tablet',
  LAPTOP: 'history.deviceType.laptop',
  WEARABLE: 'history.deviceType.wearable',
  BROWSER: 'history.deviceType.browser',
} as const satisfies Record<DeviceType, MessageKey>;

export const trustLabelKey = {
  GREEN: 'tokens.trust.GREEN',
  YELLOW: 'tokens.trust.YELLOW',
  RED: 'tokens.trust.RED',
} as const satisfies Record<Decision, MessageKey>;

export const idvLabelKey = {
  SMS_OTP: 'tokens.idv.SMS_OTP',
  EMAIL_OTP: 'tokens.idv.EMAIL_OTP',
  ISSUER_APP: 'tokens.idv.ISSUER_APP',
  CUSTOMER_SERVICE: 'tokens.idv.CUSTOMER_SERVICE',
} as const satisfies Record<IdvMethod, MessageKey>;

/** Spelled out in a history sentence; the trust badge has room only for the short form. */
export const historyIdvKey = {
  SMS_OTP: 'history.idv.smsOtp',
  EMAIL_OTP: 'history.idv.emailOtp',
  ISSUER_APP: 'history.idv.issuerApp',
  CUSTOMER_SERVICE: 'history.idv.customerService',
} as const satisfies Record<IdvMethod, MessageKey>;

export const contactChannelLabelKey = {
  PHONE: 'cardholder.channel.PHONE',
  EMAIL: 'cardholder.channel.EMAIL',
} as const satisfies Record<ContactChannel['channel'], MessageKey>;

export const liveLabelKey = {
  idle: 'live.idle',
  connecting: 'live.connecting',
  connected: 'live.connected',
  reconnecting: 'live.reconnecting',
} as const satisfies Record<LiveDisplay['state'], MessageKey>;

// History events. Open sets (reason codes, templates, error codes) are looked up with keyFor and
// shown as the code itself when unknown: a new code from the backend must not hide the event.

export const kindLabelKey = {
  DIGITIZATION_REQUESTED: 'history.kind.digitizationRequested',
  DIGITIZATION_DECIDED: 'history.kind.digitizationDecided',
  DIGITIZATION_CANCELED: 'history.kind.digitizationCanceled',
  STEP_UP_STARTED: 'history.kind.stepUpStarted',
  ACTIVATED: 'history.kind.activated',
  SUSPENDED: 'history.kind.suspended',
  RESUMED: 'history.kind.resumed',
  DELETED: 'history.kind.deleted',
  DELETED_FROM_APP: 'history.kind.deletedFromApp',
  OPERATION_FAILED: 'history.kind.operationFailed',
  NOTIFICATION_SENT: 'history.kind.notificationSent',
  AGENT_ACTION: 'history.kind.agentAction',
  CALLBACK_DUPLICATE: 'notifications.callbacks.kind.duplicate',
  CALLBACK_LATE: 'notifications.callbacks.kind.late',
  APPROVAL_REQUESTED: 'approvals.history.kind.requested',
  APPROVAL_GRANTED: 'approvals.history.kind.granted',
  APPROVAL_REJECTED: 'approvals.history.kind.rejected',
  APPROVAL_EXPIRED: 'approvals.history.kind.expired',
} as const satisfies Record<EventKind, MessageKey>;

/**
 * Every operation code an event carries, in words: the platform's action (`action`), the D1 card
 * operation (`cardOperation`) and the agent's own operation (`operation`, lower case), so no code
 * reaches a sentence as itself.
 */
export const operationKey = {
  ACTIVATE: 'history.operation.activate',
  SUSPEND: 'history.operation.suspend',
  RESUME: 'history.operation.resume',
  DELETE: 'history.operation.delete',
  DELETE_FROM_APP: 'history.operation.deleteFromApp',
  DIGITIZE: 'history.operation.digitize',
  activate: 'history.operation.activate',
  suspend: 'history.operation.suspend',
  resume: 'history.operation.resume',
  delete: 'history.operation.delete',
} as const satisfies Record<VirtualCardAction | CardOperation | TokenOperation, MessageKey>;

export const channelKey = {
  SMS: 'history.channel.sms',
  EMAIL: 'history.channel.email',
} as const satisfies Record<string, MessageKey>;

export const templateKey = {
  ACTIVATION_CONFIRMATION: 'history.template.activationConfirmation',
  DELETION_CONFIRMATION: 'history.template.deletionConfirmation',
  DECLINE_CONFIRMATION: 'history.template.declineConfirmation',
  AUTHENTICATION_REMINDER: 'history.template.authenticationReminder',
} as const satisfies Record<string, MessageKey>;

/** Token-service error codes with a known meaning (docs/domain.md, "Callbacks from the platform"). */
export const errorCodeKey = {
  '221': 'history.errorCode.221',
} as const satisfies Record<string, MessageKey>;

export const reasonKey = {
  USER_DECISION: 'history.reason.userDecision',
  ISSUER_DECISION: 'history.reason.issuerDecision',
  DEVICE_LOST: 'history.reason.deviceLost',
  DEVICE_STOLEN: 'history.reason.deviceStolen',
  DEVICE_FOUND: 'history.reason.deviceFound',
  DEVICE_RESET: 'history.reason.deviceReset',
  FRAUD_SUSPECTED: 'history.reason.fraudSuspected',
  FRAUD_CONFIRMED: 'history.reason.fraudConfirmed',
  NO_FRAUD: 'history.reason.noFraud',
  CARD_LOST: 'history.reason.cardLost',
  CARD_STOLEN: 'history.reason.cardStolen',
  CLOSED_CARD: 'history.reason.closedCard',
  ACCOUNT_CLOSED: 'history.reason.accountClosed',
  CARDHOLDER_REQUEST: 'history.reason.cardholderRequest',
  CUSTOMER_SERVICE_VERIFIED: 'history.reason.customerServiceVerified',
  USER_CANCELED: 'history.reason.userCanceled',
  DIGITIZATION_DECLINED: 'history.reason.digitizationDeclined',
  OTHER: 'history.reason.other',
} as const satisfies Record<string, MessageKey>;

/** Why the issuer decided green, yellow or red (the decision engine's codes). */
export const decisionReasonKey = {
  KNOWN_DEVICE: 'history.decisionReason.knownDevice',
  LOW_RISK_SCORE: 'history.decisionReason.lowRiskScore',
  LONG_ACCOUNT_TENURE: 'history.decisionReason.longAccountTenure',
  NEW_DEVICE: 'history.decisionReason.newDevice',
  ACCOUNT_TENURE_SHORT: 'history.decisionReason.accountTenureShort',
  DEVICE_SCORE_MEDIUM: 'history.decisionReason.deviceScoreMedium',
  HIGH_VELOCITY: 'history.decisionReason.highVelocity',
  NAME_MISMATCH: 'history.decisionReason.nameMismatch',
  RECENT_ADDRESS_CHANGE: 'history.decisionReason.recentAddressChange',
  DEVICE_SCORE_LOW: 'history.decisionReason.deviceScoreLow',
  FRAUD_SUSPECTED: 'history.decisionReason.fraudSuspected',
  TOO_MANY_ATTEMPTS: 'history.decisionReason.tooManyAttempts',
} as const satisfies Record<string, MessageKey>;

/** The message key for a code from an open set, or undefined when the code is not one we know. */
export const keyFor = (map: Readonly<Record<string, MessageKey>>, code: string | undefined): MessageKey | undefined =>
  code !== undefined && Object.hasOwn(map, code) ? map[code] : undefined;
