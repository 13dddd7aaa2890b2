import { z } from 'zod';

// Entities arrive in responses: unknown fields are dropped, not refused, because a backend may add
// fields at any time (MDES: clients must tolerate new response fields). Requests stay strict.
import { AgentId, CardholderId, CorrelationId, Expiry, IsoDateTime, IssuerCardRefId, LastFour, VirtualCardId } from './ids';
import { Actor, ChangeSource, Decision, DecisionReason, DeviceType, IdvMethod, TokenState, WalletProviderId } from './token-terms';

export { Actor, ChangeSource, Decision, DeviceType, IdvMethod, TokenState, WalletProviderId };
export { EventKind, TokenEvent } from './token-event';

export const TokenRequestor = z.object({
  tokenRequestorId: z.string().regex(/^\d{11}$/),
  name: z.string().min(1).max(100),
  walletProviderId: WalletProviderId,
});
export type TokenRequestor = z.infer<typeof TokenRequestor>;

export const Device = z.object({
  /** The wallet may not give a name (`{{deviceName}}` is optional in notifications). */
  name: z.string().min(1).max(100).nullable(),
  type: DeviceType,
  /** SE id or HCE instance id, as the token service reports it. */
  tokenStorageId: z.string().min(1).max(64),
});
export type Device = z.infer<typeof Device>;

/** The digitization decision (docs/domain.md, "Digitization and level of trust"): green, yellow with the step-up methods offered, or red. */
export const LevelOfTrust = z.object({
  decision: Decision,
  idvMethods: z.array(IdvMethod).max(4),
  /** Why the decision was taken, as reason codes (e.g. NEW_DEVICE, HIGH_VELOCITY). */
  reasons: z.array(DecisionReason).max(10),
  decidedAt: IsoDateTime,
});
export type LevelOfTrust = z.infer<typeof LevelOfTrust>;

export const Role = z.enum(['agent', 'supervisor', 'admin']);
export type Role = z.infer<typeof Role>;

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
   * How an enrolment that never became usable ended
   * (docs/domain.md, "Canceled and declined enrolments"): CANCELED when the cardholder removed the
   * card during step-up (DIGITIZE FAILED after YELLOW, or a delete while waiting for step-up);
   * DECLINED after a RED decision. Absent for every other token.
   */
  digitizationOutcome: z.enum(['CANCELED', 'DECLINED']).optional(),
  /** The earlier, ended enrolment of the same card on the same device that this one retries (docs/domain.md, "Enrolment failures"). */
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
