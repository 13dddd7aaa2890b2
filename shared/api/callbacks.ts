import { z } from 'zod';
import { CorrelationId, EventId, Expiry, IssuerCardRefId, IssuerId, LastFour, VirtualCardId } from './ids';
import { ChangeSource, DeviceType, IdvMethod, TokenState, WalletProviderId } from './model';
import { CardOperation, CardOperationStatus, RequestorType, VirtualCardAction } from './token-terms';
import { withoutCardNumber } from './free-text';

/**
 * The token platform's calls to the issuer's backend
 * (docs/domain.md, "Callbacks from the platform"). The sandbox plays that backend: the paths are
 * fixed so any platform simulator or test can drive them, authenticated with the workstation's
 * bearer token like /api (a real deployment puts mTLS in front), each with the `x-correlation-id`
 * that links it to its enrolment or life-cycle operation.
 */

/** An identifier from the platform, refused when it holds a run of digits that could be a card number. */
const PlatformId = (pattern: RegExp, description: string) => withoutCardNumber(z.string().regex(pattern, description));

const TokenStorageId = PlatformId(/^[\x21-\x7e]{1,64}$/, '1–64 printable ASCII characters');

export const CALLBACK_HEADERS = z.object({
  /** Links the callback to its enrolment session or life-cycle operation (docs/domain.md, "Identifiers"). */
  'x-correlation-id': CorrelationId,
});

export { CardOperationStatus, RequestorType, VirtualCardAction };

/**
 * The token as the TSP reports it at activation: expiry and last four digits only. A full DPAN, if
 * a platform sends one, is accepted here and dropped before anything is stored, logged or shown;
 * any other field is dropped too (the object is not strict for that reason).
 */
export const TokenInfo = z.object({
  expiry: Expiry.optional(),
  lastFour: LastFour.optional(),
  /** Accepted so a platform that sends it is not refused; never kept. */
  dpan: z.string().regex(/^\d{12,19}$/, '12–19 digits').optional(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

/** `POST /tsh/v1/notifyVirtualCardChange` (docs/domain.md, "Callbacks from the platform"). */
export const NotifyVirtualCardChangeRequest = z.strictObject({
  issuerCardRefId: IssuerCardRefId,
  virtualCardId: VirtualCardId,
  walletProviderId: WalletProviderId,
  tokenStorageId: TokenStorageId,
  isPrimary: z.boolean(),
  action: VirtualCardAction,
  source: ChangeSource,
  /** On failure, e.g. 221: the device could not be reached after retries. The token keeps its state. */
  errorCode: z.string().regex(/^[A-Za-z0-9_]{1,12}$/, '1–12 of A–Z a–z 0–9 _').optional(),
  tokenInfo: TokenInfo.optional(),
});
export type NotifyVirtualCardChangeRequest = z.infer<typeof NotifyVirtualCardChangeRequest>;

export const CardOperationParams = z.strictObject({ issuerId: IssuerId, issuerCardRefId: IssuerCardRefId });

/** `POST /d1/v1/issuers/{issuerId}/cards/{issuerCardRefId}/notifications`: card-operation notifications (docs/domain.md, "Callbacks from the platform"). */
export const CardOperationNotification = z.strictObject({
  operationId: PlatformId(/^[A-Za-z0-9_-]{1,64}$/, '1–64 of A–Z a–z 0–9 _ -'),
  operation: CardOperation,
  status: CardOperationStatus,
  requestorType: RequestorType,
  /** The CCI user (an agent) when requestorType is CCI. */
  requestorId: PlatformId(/^[A-Za-z0-9._@-]{1,64}$/, '1–64 of A–Z a–z 0–9 . _ @ -').optional(),
  /** The token concerned; without it the operation concerns the card's tokens. */
  virtualCardId: VirtualCardId.optional(),
});
export type CardOperationNotification = z.infer<typeof CardOperationNotification>;

/**
 * What became of one callback for one token. The ordering rule (sandbox/callbacks/ordering.ts):
 * - APPLIED: the token changed (or, for a failure or a notice that moves nothing, the history grew);
 * - FAILED: it carried an errorCode: recorded as OPERATION_FAILED, the token kept its state;
 * - DUPLICATE: the same x-correlation-id, action and outcome came before: recorded, nothing changed;
 * - LATE: it would move the token backwards (a deleted token anywhere): recorded, ignored;
 * - PARKED: the token is not known yet: kept, and applied when it appears.
 */
const CallbackOutcome = z.enum(['APPLIED', 'FAILED', 'DUPLICATE', 'LATE', 'PARKED']);
export type CallbackOutcome = z.infer<typeof CallbackOutcome>;

export const CallbackResult = z.object({
  virtualCardId: VirtualCardId.nullable(),
  outcome: CallbackOutcome,
  /** The TokenEvent that records it; null when parked. */
  eventId: EventId.nullable(),
  /** The token's state after it; null when parked. */
  state: TokenState.nullable(),
  /** For LATE and a refused transition: why. */
  rule: z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/).optional(),
});
export type CallbackResult = z.infer<typeof CallbackResult>;

export const CallbackReceipt = z.object({
  correlationId: CorrelationId,
  /** One per token concerned: one for a token's callback, one per token of the card for a card-wide one. */
  results: z.array(CallbackResult).max(500),
});
export type CallbackReceipt = z.infer<typeof CallbackReceipt>;

/**
 * `POST /tsh/v1/requestCardDigitization` (docs/domain.md, "Digitization and level of trust"). The
 * sandbox cannot decipher `cipheredCardInfo`, so the card is named by its issuerCardRefId, as the
 * platform's own calls do; the device and scoring signals decide the level of trust by the
 * configurable rules.
 */
export const RequestCardDigitizationRequest = z.strictObject({
  issuerCardRefId: IssuerCardRefId,
  /** The token the TSP will create if approved. */
  virtualCardId: VirtualCardId,
  walletProviderId: WalletProviderId,
  tokenRequestorId: z.string().regex(/^\d{11}$/, '11 digits').optional(),
  device: z.strictObject({
    /** The wallet may not give one (`{{deviceName}}` is optional in notifications). */
    name: z.string().min(1).max(100).optional(),
    type: DeviceType,
    tokenStorageId: TokenStorageId,
  }),
  isPrimary: z.boolean(),
  tokenInfo: TokenInfo.optional(),
  /** The platform's scores, 1 (risky) to 5 (safe), and its reason codes. */
  scoring: z
    .strictObject({
      deviceScore: z.number().int().min(1).max(5).optional(),
      accountScore: z.number().int().min(1).max(5).optional(),
      reasons: z.array(z.string().regex(/^[A-Z_]{2,40}$/)).max(10).optional(),
    })
    .optional(),
  /** Accepted as the platform sends it; the sandbox cannot decipher it and keeps nothing of it. */
  cipheredCardInfo: z.string().max(4096).optional(),
});
export type RequestCardDigitizationRequest = z.infer<typeof RequestCardDigitizationRequest>;

export const RequestCardDigitizationResponse = z.object({
  virtualCardId: VirtualCardId,
  levelOfTrust: z.enum(['GREEN', 'YELLOW', 'RED']),
  /** Only for YELLOW: the step-up methods offered, only those supported end to end (docs/domain.md, "Digitization and level of trust"). */
  idvMethodList: z.array(IdvMethod).max(4).optional(),
  /** The rule that decided, and the reasons recorded with the decision. */
  rule: z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/),
  reasons: z.array(z.string().regex(/^[A-Z_]{2,40}$/)).max(10),
  /** The earlier ended attempt of the same card on the same device, when this is a re-enrolment. */
  previousAttemptVirtualCardId: VirtualCardId.nullable(),
});
export type RequestCardDigitizationResponse = z.infer<typeof RequestCardDigitizationResponse>;

/**
 * One digitization rule: the first whose conditions all hold decides. Conditions left out hold.
 * The training defaults are in sandbox/callbacks/digitization-rules.ts.
 */
export const DigitizationRule = z.strictObject({
  id: z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/),
  when: z.strictObject({
    deviceScoreAtMost: z.number().int().min(1).max(5).optional(),
    accountScoreAtMost: z.number().int().min(1).max(5).optional(),
    /** No earlier token of the cardholder on this token storage. */
    deviceNewForCardholder: z.boolean().optional(),
    /** The cardholder's tokens requested in the 24 hours up to this request, this one included. */
    tokensRequestedLast24hAtLeast: z.number().int().min(1).max(1000).optional(),
    /** One of the platform's scoring reasons. */
    scoringReason: z.string().regex(/^[A-Z_]{2,40}$/).optional(),
  }),
  decision: z.enum(['GREEN', 'YELLOW', 'RED']),
  /** For YELLOW: the methods to offer; those the cardholder cannot receive (no phone, no e-mail) are left out. */
  idvMethods: z.array(IdvMethod).max(4).optional(),
  /** Recorded as the level of trust's reasons. */
  reasons: z.array(z.string().regex(/^[A-Z_]{2,40}$/)).min(1).max(10),
});
export type DigitizationRule = z.infer<typeof DigitizationRule>;

export const DigitizationRules = z.strictObject({ rules: z.array(DigitizationRule).min(1).max(50) });
export type DigitizationRules = z.infer<typeof DigitizationRules>;
