import { z } from 'zod';
import { TOKEN_OPERATIONS } from '../domain/transitions';
import { AgentId, CardholderId, CorrelationId, EventId, IsoDateTime, IssuerCardRefId, LastFour, OperationId, VirtualCardId, WorkstationId } from './ids';
import { DeviceType, Role, TokenState, WalletProviderId } from './model';
import { CallAnswers, Verifier } from './policy';
import { NotificationChannel, NotificationEvent, TemplateLanguage } from './notifications';
import { OutcomeCode, PhoneCallClosing, PhoneCallId } from './phone-calls';

/**
 * The audit trail, in two places:
 *
 * - the backend's trail (`AuditRecord`): the backend writes a record of every state-changing call
 *   itself, from what it knows (the session's agent and role, the workstation's client, the token
 *   as it holds it), hash-chained and append-only; supervisors list, verify and export it. A
 *   console cannot post audit facts.
 * - the console's own journal (`ActionRecord`): one line per ended action, with the backend's
 *   receipt (`AuditReceipt`) of the record it wrote for that action.
 */
const ActionOutcome = z.enum(['CONFIRMED', 'FAILED']);
export type ActionOutcome = z.infer<typeof ActionOutcome>;

/** Why an action failed, in one list for the audit record, the IPC contract and the UI (`actions.failure.<code>`). */
export const ActionFailureCode = z.enum([
  /** The transition table refuses it (the rule says which). */
  'TRANSITION_NOT_ALLOWED',
  /** The token changed since the agent saw it (currentState says how it is now). */
  'TOKEN_STATE_CONFLICT',
  /** Another operation on the token awaits the TSP's confirmation. */
  'OPERATION_PENDING',
  /** The ticked checks do not meet the issuer's identity policy. */
  'IDENTITY_NOT_VERIFIED',
  /** A risk rule matched: a supervisor must approve (not built yet, so refused). */
  'SUPERVISOR_APPROVAL_REQUIRED',
  /** The TSP could not carry it out (e.g. 221, device unreachable); the token kept its state. */
  'TSP_FAILED',
  'UNKNOWN_TOKEN',
  /** The backend refused the request as wrong (category D). */
  'BACKEND_REJECTED',
  /** The backend refused for a functional reason (category F). */
  'BACKEND_REFUSED',
  /** The backend could not be reached for long enough that the outbox gave up; nothing was done. */
  'BACKEND_UNAVAILABLE',
]);
export type ActionFailureCode = z.infer<typeof ActionFailureCode>;

export const ActionFailure = z.strictObject({
  code: ActionFailureCode,
  /** The transition rule or risk rule id the refusal names. */
  rule: z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/).optional(),
  currentState: TokenState.optional(),
  /** Every risk rule that matched, for SUPERVISOR_APPROVAL_REQUIRED. */
  riskRules: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/)).max(50).optional(),
  /** The TSP's error code (e.g. 221), for TSP_FAILED. */
  tspErrorCode: z.string().regex(/^[A-Za-z0-9_]{1,20}$/).optional(),
  /** The backend's error code, when it answered one. */
  backendCode: z.string().regex(/^[A-Z0-9_]{2,40}$/).optional(),
});
export type ActionFailure = z.infer<typeof ActionFailure>;

/** The console's own record of one ended action, as its journal keeps it (one line per action). */
export const ActionRecord = z.strictObject({
  auditId: z.uuid(),
  actionId: z.uuid(),
  /** Set when the action was one of a bulk action's (all tokens of a card or a device). */
  bulkId: z.uuid().nullable(),
  agent: z.strictObject({ agentId: AgentId, name: z.string().min(1).max(200), role: Role }),
  workstationId: WorkstationId,
  requestedAt: IsoDateTime,
  completedAt: IsoDateTime,
  virtualCardId: VirtualCardId,
  issuerCardRefId: IssuerCardRefId,
  cardholderId: CardholderId,
  tokenLastFour: LastFour,
  operation: z.enum(TOKEN_OPERATIONS),
  reasonCode: z.string().regex(/^[A-Z_]{1,40}$/),
  /** What the token service was sent (its alphabet only); null when nothing was sent. */
  reasonSent: z.string().max(64).nullable(),
  /** The agent's own words, in full and in any language: never sent to the token service. */
  comment: z.string().max(500).nullable(),
  /** Which identity checks passed, never the answers (Option D only; empty otherwise). */
  verifiers: z.array(Verifier).max(Verifier.options.length),
  /** Risk rules that matched when the action was asked for. */
  riskRules: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/)).max(50),
  correlationId: CorrelationId,
  /** The backend's operation id, once it accepted the action. */
  operationId: z.string().regex(/^OP[A-Z0-9]{8,30}$/).nullable(),
  outcome: ActionOutcome,
  failure: ActionFailure.nullable(),
  /** How many times main sent the request (retries reuse the idempotency key). */
  attempts: z.number().int().min(0).max(1000),
  /** Main restarted while the action was under way and finished it from its outbox. */
  resumedAfterRestart: z.boolean(),
});
export type ActionRecord = z.infer<typeof ActionRecord>;


// ---- The backend's trail ------------------------------------------------------------------------

/**
 * A record's hash and its link to the one before: SHA-256, base64url (43 characters). Not hex: hex
 * digits form long runs of decimal digits that read as card numbers to every border's detector.
 */
export const TrailHash = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a SHA-256 in base64url (43 characters)');

/** The `previousHash` of the first record: 32 zero bytes. */
export const TRAIL_GENESIS = 'A'.repeat(43);

/** What the backend answers a call it recorded: which record, and its hash, for the console's journal to keep. */
export const AuditReceipt = z.object({ recordId: z.uuid(), hash: TrailHash });
export type AuditReceipt = z.infer<typeof AuditReceipt>;

export const AuditKind = z.enum([
  /** An agent's token operation as the backend took it (ACCEPTED) or refused it (REFUSED). */
  'TOKEN_ACTION',
  /** How the token platform ended an accepted operation (CONFIRMED or FAILED); `detail.refersTo` is its TOKEN_ACTION. */
  'TOKEN_ACTION_OUTCOME',
  'SIGN_IN',
  /** A wrong agent id or password, at sign-in or when unlocking an idle-locked console; or an attempt on a locked account. */
  'SIGN_IN_FAILED',
  'SIGN_OUT',
  /** Too many failed sign-ins: the account is locked. */
  'LOCKOUT',
  /** A supervisor lifted an account's lockout. */
  'UNLOCK',
  /** An administrator reset a training account's password. */
  'PASSWORD_RESET',
  /** The console locked itself after the agent was idle. */
  'IDLE_LOCK',
  /** The agent unlocked the idle-locked console with their password. */
  'IDLE_UNLOCK',
  'APPROVAL_REQUESTED',
  'APPROVAL_GRANTED',
  'APPROVAL_REJECTED',
  'APPROVAL_EXPIRED',
  /** A supervisor exported audit records (the filter they used). */
  'EXPORT',
  'SETTINGS_CHANGED',
  'TEMPLATE_CHANGED',
  /** A phone call's record as the console stored it (its wrap-up). */
  'PHONE_CALL',
  /** A break found in an audit chain: a console's journal, or this trail at start. */
  'INTEGRITY_REPORT',
]);
export type AuditKind = z.infer<typeof AuditKind>;

/**
 * How the call or event ended: SUCCEEDED for what was simply done; a token operation is ACCEPTED,
 * then CONFIRMED or FAILED by the token platform; REFUSED when the backend said no (a refused
 * operation, a failed sign-in).
 */
export const AuditOutcome = z.enum(['SUCCEEDED', 'ACCEPTED', 'CONFIRMED', 'FAILED', 'REFUSED']);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

/** Who did it: a signed-in agent, a workstation with nobody signed in (a sign-in attempt), the token platform, or the backend itself. */
export const AuditActor = z.discriminatedUnion('type', [
  z.object({ type: z.literal('AGENT'), agentId: AgentId, name: z.string().min(1).max(200), role: Role }),
  z.object({ type: z.literal('WORKSTATION') }),
  z.object({ type: z.literal('PLATFORM') }),
  z.object({ type: z.literal('BACKEND') }),
]);
export type AuditActor = z.infer<typeof AuditActor>;

/** The cardholder a record concerns: the id, and the name masked (the first character of each part). */
export const AuditCardholder = z.object({ cardholderId: CardholderId, maskedName: z.string().min(1).max(200) });
export type AuditCardholder = z.infer<typeof AuditCardholder>;

/** The token a record concerns, as the backend held it then: never the DPAN, the last four only. */
export const AuditToken = z.object({
  virtualCardId: VirtualCardId,
  tokenLastFour: LastFour,
  issuerCardRefId: IssuerCardRefId,
  /** The funding card's last four. */
  cardLastFour: LastFour,
  walletProviderId: WalletProviderId,
  deviceType: DeviceType,
  /** Masked of any card-number run; null when the wallet gave none. */
  deviceName: z.string().min(1).max(100).nullable(),
});
export type AuditToken = z.infer<typeof AuditToken>;

const RuleId = z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/);
const ReasonCode = z.string().regex(/^[A-Z_]{1,40}$/);
/** The backend's own id of an approval request; declared loosely so the approval flow names its ids its own way. */
const ApprovalRequestId = z.string().regex(/^[A-Za-z0-9_-]{4,64}$/);
/** Free text as recorded: every card-number run already masked to its last four. */
const RecordedText = (max: number) => z.string().max(max);

const TokenOperationName = z.enum(TOKEN_OPERATIONS);

/** A record of the trail this one follows up (an outcome its action, an approval's step its request). */
const RecordRef = z.object({ recordId: z.uuid(), sequence: z.number().int().min(1) });

const TokenActionDetail = z.object({
  operation: TokenOperationName,
  /** The backend's id of the accepted operation; null when it was refused. */
  operationId: OperationId.nullable(),
  reasonCode: ReasonCode,
  /** What the token service was sent (the reason code's words); null when nothing was sent. */
  reasonSent: z.string().max(64).nullable(),
  comment: RecordedText(500).nullable(),
  /** Which identity checks passed (Option D), never the answers. */
  verifiers: z.array(Verifier).max(Verifier.options.length),
  callAnswers: CallAnswers.optional(),
  /** The state the agent saw, and the token's state when the backend took or refused it. */
  expectedState: TokenState,
  stateAtRequest: TokenState,
  /** Why it was refused (REFUSED): the backend's error code, and the rule and state it names. */
  refusal: z.object({ code: z.string().regex(/^[A-Z0-9_]{2,40}$/), rule: RuleId.optional(), riskRules: z.array(RuleId).max(50).optional() }).optional(),
  /** Set when a supervisor's approval let it run. */
  approval: z.object({ requestId: ApprovalRequestId, approvedBy: AgentId }).optional(),
});

const TokenActionOutcomeDetail = z.object({
  /** The TOKEN_ACTION record of the operation this ends; null when the backend holds none (an operation accepted before the trail). */
  refersTo: RecordRef.nullable(),
  operation: TokenOperationName,
  operationId: OperationId,
  /** The token event that recorded the outcome. */
  eventId: EventId,
  /** The token's state after it. */
  state: TokenState,
  /** FAILED: the TSP's error code (221…), or the rule that stopped it. */
  errorCode: z.string().regex(/^[A-Za-z0-9_]{1,20}$/).optional(),
  rule: RuleId.optional(),
});

const SignInDetail = z.object({ sessionExpiresAt: IsoDateTime });

const SignInFailedDetail = z.object({
  /** The account tried, when it is one (an unknown id is not recorded: it may be a password typed into the wrong field). */
  agentId: AgentId.nullable(),
  context: z.enum(['SIGN_IN', 'IDLE_UNLOCK']),
  reason: z.enum(['WRONG_CREDENTIALS', 'ACCOUNT_LOCKED']),
  /** Failures in a row on this account so far (0 for an attempt on a locked account, which does not count). */
  failuresInARow: z.number().int().min(0).max(1000),
});

const SignOutDetail = z.object({ reason: z.enum(['SIGNED_OUT']) });

const LockoutDetail = z.object({ agentId: AgentId, failuresInARow: z.number().int().min(1).max(1000), lockedUntil: IsoDateTime });

const UnlockDetail = z.object({ agentId: AgentId, wasLockedUntil: IsoDateTime.nullable(), failuresCleared: z.number().int().min(0).max(1000) });

const PasswordResetDetail = z.object({ agentId: AgentId });

const IdleLockDetail = z.object({ idleMinutes: z.number().int().min(1).max(1440) });

const IdleUnlockDetail = z.object({});

const ApprovalDetail = z.object({
  requestId: ApprovalRequestId,
  /** The request's record (absent on APPROVAL_REQUESTED itself). */
  refersTo: RecordRef.optional(),
  operation: TokenOperationName,
  requestedBy: AgentId,
  /** The supervisor who approved or rejected it. */
  decidedBy: AgentId.optional(),
  reasonCode: ReasonCode.optional(),
  comment: RecordedText(500).nullable().optional(),
  verifiers: z.array(Verifier).max(Verifier.options.length).optional(),
  riskRules: z.array(RuleId).max(50).optional(),
  expiresAt: IsoDateTime.optional(),
});

/** The filter of GET /api/v1/audit-records as the export used it. */
export const AuditFilter = z.object({
  agentId: AgentId.optional(),
  kind: AuditKind.optional(),
  outcome: AuditOutcome.optional(),
  from: IsoDateTime.optional(),
  to: IsoDateTime.optional(),
  cardholderId: CardholderId.optional(),
  virtualCardId: VirtualCardId.optional(),
  correlationId: CorrelationId.optional(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

const ExportDetail = z.object({ filter: AuditFilter });

const SettingsChangedDetail = z.object({
  setting: z.enum(['NOTIFICATION_SETTINGS', 'CALL_OUTCOMES', 'ACTION_POLICY', 'DIGITIZATION_RULES', 'TRAINING_CLOCK', 'FLOOR_ALERT_RULES']),
  /** The top-level fields whose value changed. */
  changed: z.array(z.string().regex(/^[A-Za-z0-9_.]{1,60}$/)).max(50),
  /**
   * Each changed value before and after, for settings that hold no secret (the floor's alert
   * rules: thresholds, hours, a time zone); absent for the others, whose values stay out of the trail.
   */
  values: z.array(z.strictObject({ field: z.string().regex(/^[A-Za-z0-9_.]{1,60}$/), before: z.string().max(100), after: z.string().max(100) })).max(50).optional(),
});

const TemplateChangedDetail = z.object({ event: NotificationEvent, channel: NotificationChannel, language: TemplateLanguage });

const PhoneCallDetail = z.object({
  phoneCallId: PhoneCallId,
  startedAt: IsoDateTime,
  endedAt: IsoDateTime,
  closing: PhoneCallClosing,
  outcomeCode: OutcomeCode.nullable(),
  /** The token actions taken in it, by correlation id (their own records say what they were). */
  actionCorrelationIds: z.array(CorrelationId).max(200),
  /** How long the notes are; the notes themselves stay with the phone call. */
  notesLength: z.number().int().min(0).max(100_000),
});

export const IntegrityProblem = z.enum(['HASH_MISMATCH', 'PREVIOUS_MISMATCH', 'SEQUENCE_GAP', 'TRUNCATED', 'UNPARSEABLE']);
export type IntegrityProblem = z.infer<typeof IntegrityProblem>;

const IntegrityReportDetail = z.object({
  /** Whose chain: a console's local journal or outbox (reported by the console) or this backend's own trail (found at start). */
  source: z.enum(['CONSOLE_JOURNAL', 'CONSOLE_OUTBOX', 'BACKEND_TRAIL']),
  intact: z.boolean(),
  /** Where it breaks: the record's sequence in the backend's trail, or the journal's line number. */
  at: z.number().int().min(0).optional(),
  problem: z.union([IntegrityProblem, z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/)]).optional(),
  /** The console's own id of its report. */
  reportId: z.string().regex(/^[A-Za-z0-9_-]{4,64}$/).optional(),
});

/**
 * What every record carries. `sequence` numbers the trail from 1 without a gap; `previousHash` is
 * the hash of record `sequence - 1` (TRAIL_GENESIS for the first); `hash` is SHA-256 over the
 * previous hash and the canonical JSON of the record without `hash` (keys sorted), so editing,
 * removing or reordering a record breaks the chain at that place.
 */
const recordFields = {
  recordId: z.uuid(),
  sequence: z.number().int().min(1),
  /** When the backend wrote it (the real clock, not the training clock). */
  at: IsoDateTime,
  actor: AuditActor,
  /** The workstation's client id, as its bearer token proved it; null for the platform and the backend. */
  workstationId: WorkstationId.nullable(),
  /** The request's x-correlation-id; null for what no request caused. */
  correlationId: CorrelationId.nullable(),
  outcome: AuditOutcome,
  cardholder: AuditCardholder.nullable(),
  token: AuditToken.nullable(),
  previousHash: TrailHash,
  hash: TrailHash,
};

const recordOf = <K extends AuditKind, D extends z.ZodObject>(kind: K, detail: D) => z.object({ ...recordFields, kind: z.literal(kind), detail });

/**
 * One record of the backend's audit trail: a discriminated union on `kind`, each kind declaring
 * its `detail`, as the token events are. Tolerant of fields it does not know, like every entity
 * in a response; the backend checks what it writes against the strict form (`WrittenAuditRecord`).
 */
export const AuditRecord = z.discriminatedUnion('kind', [
  recordOf('TOKEN_ACTION', TokenActionDetail),
  recordOf('TOKEN_ACTION_OUTCOME', TokenActionOutcomeDetail),
  recordOf('SIGN_IN', SignInDetail),
  recordOf('SIGN_IN_FAILED', SignInFailedDetail),
  recordOf('SIGN_OUT', SignOutDetail),
  recordOf('LOCKOUT', LockoutDetail),
  recordOf('UNLOCK', UnlockDetail),
  recordOf('PASSWORD_RESET', PasswordResetDetail),
  recordOf('IDLE_LOCK', IdleLockDetail),
  recordOf('IDLE_UNLOCK', IdleUnlockDetail),
  recordOf('APPROVAL_REQUESTED', ApprovalDetail),
  recordOf('APPROVAL_GRANTED', ApprovalDetail),
  recordOf('APPROVAL_REJECTED', ApprovalDetail),
  recordOf('APPROVAL_EXPIRED', ApprovalDetail),
  recordOf('EXPORT', ExportDetail),
  recordOf('SETTINGS_CHANGED', SettingsChangedDetail),
  recordOf('TEMPLATE_CHANGED', TemplateChangedDetail),
  recordOf('PHONE_CALL', PhoneCallDetail),
  recordOf('INTEGRITY_REPORT', IntegrityReportDetail),
]);
export type AuditRecord = z.infer<typeof AuditRecord>;

/** The record of one kind: what a writer builds and a reader reads after checking `kind`. */
export type AuditRecordOf<K extends AuditKind> = Extract<AuditRecord, { kind: K }>;

// Every kind has its member in the union: a new kind without a declared detail does not compile.
const everyAuditKindDeclared: readonly AuditRecord['kind'][] = AuditKind.options;
void everyAuditKindDeclared;

/** The union refusing any field it does not declare, in the record or its detail: what the backend writes. */
export const WrittenAuditRecord: z.ZodType<AuditRecord> = z.discriminatedUnion(
  'kind',
  AuditRecord.options.map((option) => z.strictObject({ ...option.shape, detail: z.strictObject(option.shape.detail.shape) })) as unknown as typeof AuditRecord.options,
);

/** GET /api/v1/audit-records/verify: the whole trail checked, record by record, against its chain and its head. */
export const AuditTrailVerification = z.union([
  z.object({ intact: z.literal(true), count: z.number().int().min(0), headHash: TrailHash }),
  z.object({
    intact: z.literal(false),
    count: z.number().int().min(0),
    headHash: TrailHash,
    brokenAt: z.object({
      /** The sequence the break is found at (the first record that does not fit, or the first missing one). */
      sequence: z.number().int().min(1),
      /** The record found there, when one could be read. */
      recordId: z.uuid().nullable(),
      reason: IntegrityProblem,
    }),
  }),
]);
export type AuditTrailVerification = z.infer<typeof AuditTrailVerification>;

/** An agent's account as supervisors see it (GET /api/v1/agents): never a password or a hash. */
export const AgentAccount = z.object({
  agentId: AgentId,
  name: z.string().min(1).max(200),
  role: Role,
  locked: z.boolean(),
  lockedUntil: IsoDateTime.nullable(),
  /** Failed sign-ins in a row since the last success. */
  failedAttempts: z.number().int().min(0).max(1000),
  /** Whether the agent has a session open now. */
  signedIn: z.boolean(),
  lastSignInAt: IsoDateTime.nullable(),
});
export type AgentAccount = z.infer<typeof AgentAccount>;

/** What an account change answers: the account now, and the record it was written to. */
export const AgentAccountChanged = z.object({ agent: AgentAccount, audit: AuditReceipt });
