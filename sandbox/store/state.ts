import { z } from 'zod';
import { AgentId, CardholderId, CorrelationId, IsoDateTime, IssuerId, VirtualCardId } from '../../shared/api/ids';
import { CardOperationNotification, DigitizationRule, NotifyVirtualCardChangeRequest } from '../../shared/api/callbacks';
import { ApprovalRequest } from '../../shared/api/approvals';
import { StoredFloorAlertSettings } from '../../shared/api/floor-alert-settings';
import { DEFAULT_FLOOR_ALERT_SETTINGS } from '../../shared/domain/floor-alerts';
import { Agent, Card, PersonName, Token } from '../../shared/api/model';
import { NotificationSettings, NotificationTemplate } from '../../shared/api/notifications';
import { TokenActionPolicy } from '../../shared/api/policy';
import { CallOutcome, PhoneCallRecord, ServiceNote } from '../../shared/api/phone-calls';
import { trainingDigitizationRules } from '../callbacks/digitization-rules';
import { defaultNotificationSettings, defaultNotificationTemplates } from '../notifications/defaults';
import { trainingActionPolicy } from '../policy/action-policy';
import { trainingCallOutcomes } from '../phone-calls/training-outcomes';
import { StoredTokenEvent } from './stored-event';

/**
 * The sandbox's whole state as it is kept in memory and written by `--data FILE`. Declared with
 * zod so a data file is checked field by field before the sandbox trusts it. Times are ISO
 * strings, never epoch numbers: a 13-digit millisecond count would look like a card number.
 */

/** Contact data as the issuer holds it; the API only ever hands it out masked. */
export const ContactRecord = z.strictObject({
  channel: z.enum(['PHONE', 'EMAIL']),
  value: z.string().min(3).max(200),
});
export type ContactRecord = z.infer<typeof ContactRecord>;

export const CardholderRecord = z.strictObject({
  cardholderId: CardholderId,
  name: PersonName,
  contacts: z.array(ContactRecord).max(10),
  hasServiceNotes: z.boolean(),
});
export type CardholderRecord = z.infer<typeof CardholderRecord>;

/** A card as stored; `tokenCount` is counted when it is served. */
export const CardRecord = Card.omit({ tokenCount: true });
export type CardRecord = z.infer<typeof CardRecord>;

/**
 * A history too long to store event by event (the 10,000-event training token): its events are
 * computed from their position, so paging through it costs nothing and the data file stays small.
 */
export const SyntheticHistory = z.strictObject({
  kind: z.literal('suspend-resume-cycle'),
  count: z.number().int().min(4).max(1_000_000),
  serial: z.number().int().min(1).max(99_999),
  startsAt: IsoDateTime,
  intervalMinutes: z.number().int().min(1).max(1440),
});
export type SyntheticHistory = z.infer<typeof SyntheticHistory>;

const Base64Url = z.string().regex(/^[A-Za-z0-9_-]{16,200}$/);

/** scrypt parameters travel with each hash so they can be raised later without a migration. */
export const PasswordHash = z.strictObject({
  algorithm: z.literal('scrypt'),
  cost: z.number().int().min(1024).max(1_048_576),
  blockSize: z.number().int().min(1).max(32),
  parallelization: z.number().int().min(1).max(16),
  salt: Base64Url,
  hash: Base64Url,
});
export type PasswordHash = z.infer<typeof PasswordHash>;

export const AgentRecord = Agent.extend({ password: PasswordHash });
export type AgentRecord = z.infer<typeof AgentRecord>;

/** Failed sign-ins in a row, kept for unknown agent ids too so both look the same from outside. */
export const SignInAttempts = z.strictObject({
  agentId: AgentId,
  failures: z.number().int().min(0).max(1000),
  lockedUntil: IsoDateTime.nullable(),
});
export type SignInAttempts = z.infer<typeof SignInAttempts>;

/** Session and access tokens are kept as SHA-256 hashes: the data file holds no usable secret. */
export const SessionRecord = z.strictObject({
  tokenHash: Base64Url,
  agentId: AgentId,
  clientId: z.string().min(1).max(200),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime,
});
export type SessionRecord = z.infer<typeof SessionRecord>;

export const AccessTokenRecord = z.strictObject({
  tokenHash: Base64Url,
  clientId: z.string().min(1).max(200),
  expiresAt: IsoDateTime,
});
export type AccessTokenRecord = z.infer<typeof AccessTokenRecord>;

/** A JWT `jti` already used, remembered until the assertion would have expired anyway. */
export const SeenAssertion = z.strictObject({
  clientId: z.string().min(1).max(200),
  jti: z.string().min(1).max(256),
  expiresAt: IsoDateTime,
});
export type SeenAssertion = z.infer<typeof SeenAssertion>;

export const IdempotencyRecord = z.strictObject({
  /** The caller (the agent at a workstation, a workstation, the platform): another caller's key is another key; method, path and body are in the fingerprint. */
  scope: z.string().min(1).max(600),
  key: z.string().min(1).max(128),
  fingerprint: Base64Url,
  status: z.number().int().min(200).max(599),
  body: z.unknown(),
  expiresAt: IsoDateTime,
});
export type IdempotencyRecord = z.infer<typeof IdempotencyRecord>;

/** A phone call's record as the backend keeps it: once per phoneCallId, with when it arrived. */
export const StoredPhoneCallRecord = z.strictObject({
  record: PhoneCallRecord,
  receivedAt: IsoDateTime,
  /** The record's canonical hash: the same phoneCallId with another record is a conflict, not a retry. */
  fingerprint: Base64Url,
});
export type StoredPhoneCallRecord = z.infer<typeof StoredPhoneCallRecord>;

/**
 * A callback for a token the sandbox does not know yet, kept until the token appears
 * (docs/domain.md, "Callback ordering"): the body as validated, with the DPAN already dropped, and
 * when and with which correlation id it came.
 */
export const ParkedCallback = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('virtualCardChange'),
    receivedAt: IsoDateTime,
    correlationId: CorrelationId,
    body: NotifyVirtualCardChangeRequest,
  }),
  z.strictObject({
    kind: z.literal('cardOperation'),
    receivedAt: IsoDateTime,
    correlationId: CorrelationId,
    issuerCardRefId: z.string().min(1).max(48),
    body: CardOperationNotification,
  }),
]);
export type ParkedCallback = z.infer<typeof ParkedCallback>;

/** A notification the sandbox sent for the platform, in full (the token's event holds it shortened to 500 characters). */
export const SentNotification = z.strictObject({
  notificationId: z.string().regex(/^NT[A-Z]{8,30}$/),
  virtualCardId: VirtualCardId,
  eventId: z.string().regex(/^EV[0-9A-Z]{8,30}$/),
  sentAt: IsoDateTime,
  template: z.string().regex(/^[A-Z_]{2,60}$/),
  channel: z.enum(['SMS', 'EMAIL']),
  language: z.enum(['ja', 'en']),
  /** Masked as the console shows contacts: +81 90-****-5678, t***@example.jp. */
  destination: z.string().min(1).max(200),
  subject: z.string().max(20_000).nullable(),
  text: z.string().min(1).max(20_000),
});
export type SentNotification = z.infer<typeof SentNotification>;

/** What the sandbox changes as it runs, beside the issuer's data and its agents. */
const RuntimeState = z.strictObject({
  signInAttempts: z.array(SignInAttempts),
  sessions: z.array(SessionRecord),
  accessTokens: z.array(AccessTokenRecord),
  seenAssertions: z.array(SeenAssertion),
  idempotency: z.array(IdempotencyRecord),
  actionPolicy: TokenActionPolicy,
  notificationTemplates: z.array(NotificationTemplate),
  notificationSettings: NotificationSettings,
  /** `virtualCardId NUL x-correlation-id NUL action NUL outcome` → the eventId that recorded it first. */
  callbackReceipts: z.record(z.string().max(300), z.string().regex(/^EV[0-9A-Z]{8,30}$/)),
  parkedCallbacks: z.array(ParkedCallback),
  digitizationRules: z.array(DigitizationRule).min(1),
  sentNotifications: z.array(SentNotification),
  /** How far the training clock runs ahead of the real one (POST /training/v1/clock). */
  clockAheadMinutes: z.number().int().nonnegative(),
  /** Agents' phone-call records, in the order they arrived. */
  phoneCalls: z.array(StoredPhoneCallRecord),
  /** The issuer's outcome codes for a phone call's wrap-up. */
  callOutcomes: z.array(CallOutcome).min(1).max(50),
  /** The four-eyes requests, whatever their state, in the order they were made: a restart keeps the pending ones waiting. */
  approvalRequests: z.array(ApprovalRequest),
  /** The supervisors' floor alert rules, as an administrator last set them (version 0: the defaults). */
  floorAlertSettings: StoredFloorAlertSettings,
});
type RuntimeState = z.infer<typeof RuntimeState>;

/**
 * The runtime state a sandbox starts with: nothing yet, and the training defaults. The one list of
 * starting values: a fresh store takes it whole, and a data file written before a field existed
 * loads with that field's value from here.
 */
export const freshRuntimeState = (): RuntimeState => ({
  signInAttempts: [],
  sessions: [],
  accessTokens: [],
  seenAssertions: [],
  idempotency: [],
  actionPolicy: trainingActionPolicy(),
  notificationTemplates: defaultNotificationTemplates(),
  notificationSettings: defaultNotificationSettings(),
  callbackReceipts: {},
  parkedCallbacks: [],
  digitizationRules: trainingDigitizationRules(),
  sentNotifications: [],
  clockAheadMinutes: 0,
  phoneCalls: [],
  callOutcomes: trainingCallOutcomes(),
  approvalRequests: [],
  floorAlertSettings: { settings: DEFAULT_FLOOR_ALERT_SETTINGS, version: 0, changedAt: null, changedBy: null },
});

const startingValueOf =
  <K extends keyof RuntimeState>(field: K) =>
  (): RuntimeState[K] =>
    freshRuntimeState()[field];

export const STATE_FORMAT = 'token-desk-sandbox/1';

const { shape } = RuntimeState;
export const PersistedState = z.strictObject({
  format: z.literal(STATE_FORMAT),
  issuerId: IssuerId,
  seed: z.number().int(),
  savedAt: IsoDateTime,
  cardholders: z.array(CardholderRecord),
  cards: z.array(CardRecord),
  tokens: z.array(Token),
  events: z.record(VirtualCardId, z.array(StoredTokenEvent)),
  syntheticHistories: z.record(VirtualCardId, SyntheticHistory),
  /** Service notes by cardholder, part of the issuer's data; a file written before they existed has none. */
  serviceNotes: z.array(ServiceNote).default(() => []),
  agents: z.array(AgentRecord),
  ...shape,
  // Added after the first data files were written (with the token actions, the cardholder
  // notifications, the platform's callbacks and the training clock): such files load with the
  // starting values.
  actionPolicy: shape.actionPolicy.default(startingValueOf('actionPolicy')),
  // Records consoles posted before the backend wrote its own trail (sandbox/audit): read, not kept.
  auditRecords: z.array(z.unknown()).optional(),
  notificationTemplates: shape.notificationTemplates.default(startingValueOf('notificationTemplates')),
  notificationSettings: shape.notificationSettings.default(startingValueOf('notificationSettings')),
  callbackReceipts: shape.callbackReceipts.default(startingValueOf('callbackReceipts')),
  parkedCallbacks: shape.parkedCallbacks.default(startingValueOf('parkedCallbacks')),
  digitizationRules: shape.digitizationRules.default(startingValueOf('digitizationRules')),
  sentNotifications: shape.sentNotifications.default(startingValueOf('sentNotifications')),
  clockAheadMinutes: shape.clockAheadMinutes.default(startingValueOf('clockAheadMinutes')),
  // Added with the phone calls.
  phoneCalls: shape.phoneCalls.default(startingValueOf('phoneCalls')),
  callOutcomes: shape.callOutcomes.default(startingValueOf('callOutcomes')),
  // Added with the four-eyes requests kept across a restart.
  approvalRequests: shape.approvalRequests.default(startingValueOf('approvalRequests')),
  // Added with the floor's alert rules.
  floorAlertSettings: shape.floorAlertSettings.default(startingValueOf('floorAlertSettings')),
});
export type PersistedState = z.infer<typeof PersistedState>;

/** What the seed generates: the issuer's data, before agents and sessions exist. */
export type SeedData = Pick<PersistedState, 'cardholders' | 'cards' | 'tokens' | 'events' | 'syntheticHistories' | 'serviceNotes'>;
