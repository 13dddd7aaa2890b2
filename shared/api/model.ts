import { z } from 'zod';

// Entities arrive in responses: unknown fields are dropped, not refused, because a backend may add
// fields at any time (MDES: clients must tolerate new response fields). Requests stay strict.
import { AgentId, CardholderId, CorrelationId, Expiry, IsoDateTime, IssuerCardRefId, LastFour, VirtualCardId } from './ids';

/**
 * The console's normalised token states (domain.md §6). Thales classic `RESUMED` and D1 `ACTIVE`
 * both map to ACTIVE; `ERASED` maps to DELETED.
 */
export const TokenState = z.enum(['DEPLOYMENT_ONGOING', 'INACTIVE', 'ACTIVE', 'SUSPENDED', 'DELETED']);
export type TokenState = z.infer<typeof TokenState>;

/** Who made a change, as `notifyVirtualCardChange.source` says it. */
export const ChangeSource = z.enum(['WALLET', 'TSP', 'ISSUER']);
export type ChangeSource = z.infer<typeof ChangeSource>;

export const WalletProviderId = z.enum(['APPLE_PAY', 'GOOGLE_PAY', 'SAMSUNG_PAY', 'MERCHANT']);
export type WalletProviderId = z.infer<typeof WalletProviderId>;

export const TokenRequestor = z.object({
  tokenRequestorId: z.string().regex(/^\d{11}$/),
  name: z.string().min(1).max(100),
  walletProviderId: WalletProviderId,
});
export type TokenRequestor = z.infer<typeof TokenRequestor>;

export const DeviceType = z.enum(['PHONE', 'WATCH', 'TABLET', 'LAPTOP', 'WEARABLE', 'BROWSER']);
export type DeviceType = z.infer<typeof DeviceType>;

export const Device = z.object({
  /** The wallet may not give a name (page 003: `{{deviceName}}` is optional). */
  name: z.string().min(1).max(100).nullable(),
  type: DeviceType,
  /** SE id or HCE instance id, as the token service reports it. */
  tokenStorageId: z.string().min(1).max(64),
});
export type Device = z.infer<typeof Device>;

export const IdvMethod = z.enum(['SMS_OTP', 'EMAIL_OTP', 'ISSUER_APP', 'CUSTOMER_SERVICE']);
export type IdvMethod = z.infer<typeof IdvMethod>;

export const Decision = z.enum(['GREEN', 'YELLOW', 'RED']);
export type Decision = z.infer<typeof Decision>;

/** The digitization decision (page 002): green, yellow with the step-up methods offered, or red. */
export const LevelOfTrust = z.object({
  decision: Decision,
  idvMethods: z.array(IdvMethod).max(4),
  /** Why the decision was taken, as reason codes (e.g. NEW_DEVICE, HIGH_VELOCITY). */
  reasons: z.array(z.string().regex(/^[A-Z_]{2,40}$/)).max(10),
  decidedAt: IsoDateTime,
});
export type LevelOfTrust = z.infer<typeof LevelOfTrust>;

export const Role = z.enum(['agent', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

/** Who changed a token last: the wallet, the TSP, or the issuer (and then which agent, if any). */
export const Actor = z.object({
  source: ChangeSource,
  agentId: AgentId.optional(),
  agentName: z.string().min(1).max(200).optional(),
});
export type Actor = z.infer<typeof Actor>;

export const Token = z.object({
  virtualCardId: VirtualCardId,
  issuerCardRefId: IssuerCardRefId,
  cardholderId: CardholderId,
  tokenRequestor: TokenRequestor,
  device: Device,
  tokenLastFour: LastFour,
  fundingLastFour: LastFour,
  expiry: Expiry,
  state: TokenState,
  stateSince: IsoDateTime,
  lastChangedBy: Actor,
  /** Who holds a suspension; an issuer suspension can be lifted only by the issuer. */
  suspendedBy: z.array(ChangeSource).max(3),
  isPrimary: z.boolean(),
  levelOfTrust: LevelOfTrust,
  digitizedAt: IsoDateTime,
  /** The enrolment's `x-correlation-id`, linking the request to later callbacks. */
  enrolmentCorrelationId: CorrelationId,
  /**
   * How an enrolment that never became usable ended (page 000): CANCELED when the cardholder
   * removed the card during step-up (DIGITIZE FAILED after YELLOW, or a delete while waiting for
   * step-up); DECLINED after a RED decision. Absent for every other token.
   */
  digitizationOutcome: z.enum(['CANCELED', 'DECLINED']).optional(),
  /** The earlier, ended enrolment of the same card on the same device that this one retries (page 001). */
  previousAttemptVirtualCardId: VirtualCardId.optional(),
});
export type Token = z.infer<typeof Token>;

export const CardState = z.enum(['ACTIVE', 'SUSPENDED', 'CLOSED']);
export type CardState = z.infer<typeof CardState>;

export const Card = z.object({
  issuerCardRefId: IssuerCardRefId,
  cardholderId: CardholderId,
  productName: z.string().min(1).max(100),
  lastFour: LastFour,
  expiry: Expiry,
  state: CardState,
  tokenCount: z.number().int().nonnegative(),
});
export type Card = z.infer<typeof Card>;

export const PersonName = z.object({
  kanji: z.string().min(1).max(100).nullable(),
  kana: z.string().min(1).max(100).nullable(),
  latin: z.string().min(1).max(100),
});
export type PersonName = z.infer<typeof PersonName>;

export const ContactChannel = z.object({
  channel: z.enum(['PHONE', 'EMAIL']),
  /** Masked by the backend: the console never receives a full phone number or address. */
  masked: z.string().min(1).max(100),
});
export type ContactChannel = z.infer<typeof ContactChannel>;

export const Cardholder = z.object({
  cardholderId: CardholderId,
  name: PersonName,
  contacts: z.array(ContactChannel).max(10),
  hasServiceNotes: z.boolean(),
  cards: z.array(Card).max(50),
});
export type Cardholder = z.infer<typeof Cardholder>;

export const CardholderSummary = z.object({
  cardholderId: CardholderId,
  name: PersonName,
  cards: z.array(Card.pick({ issuerCardRefId: true, productName: true, lastFour: true, state: true })).max(50),
  tokenCount: z.number().int().nonnegative(),
});
export type CardholderSummary = z.infer<typeof CardholderSummary>;

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
]);
export type EventKind = z.infer<typeof EventKind>;

export const TokenEvent = z.object({
  eventId: z.string().regex(/^EV[0-9A-Z]{8,30}$/),
  virtualCardId: VirtualCardId,
  occurredAt: IsoDateTime,
  kind: EventKind,
  actor: Actor,
  correlationId: CorrelationId,
  reasonCode: z.string().regex(/^[A-Z_]{1,40}$/).optional(),
  comment: z.string().max(500).optional(),
  /** The event as received, for the agent who wants the raw record. Never holds a PAN. */
  detail: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])),
});
export type TokenEvent = z.infer<typeof TokenEvent>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    /** Opaque; absent when this is the last page. */
    nextCursor: z.string().max(200).nullable(),
  });

export const Agent = z.object({
  agentId: AgentId,
  name: z.string().min(1).max(200),
  role: Role,
});
export type Agent = z.infer<typeof Agent>;
