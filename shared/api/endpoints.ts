import { z } from 'zod';
import { AgentId, ApprovalRequestId, CardholderId, IssuerCardRefId, IsoDateTime, VirtualCardId } from './ids';
import type { ApiErrorName } from './errors';
import { Agent, Cardholder, CardholderSummary, Token, TokenEvent, pageOf } from './model';
import { OperationAccepted, operationRequestOf } from './operations';
import { AgentAccount, AgentAccountChanged, AuditFilter, AuditReceipt, AuditRecord, AuditTrailVerification } from './audit';
import { DigitizationSignals, TokenActionPolicy } from './policy';
import { CallOutcomeList, OutcomeCode, PhoneCallStored, PhoneCallSubmission, ServiceNotes, StoredPhoneCall } from './phone-calls';
import { NotificationChannel, NotificationEvent, NotificationSettings, NotificationTemplate, NotificationTemplates, TemplateContent, TemplateLanguage } from './notifications';
import { StreamEvent } from './stream-events';
import { IntegrityReportStored, IntegrityReportSubmission, StoredIntegrityReport } from './integrity';
import { FloorAlertSettingsHeaders, StoredFloorAlertSettings } from './floor-alert-settings';
import { FloorAlertSettings } from '../domain/floor-alerts';
import { ApprovalDecision, ApprovalRequest, ApprovalRequestPage, ApprovalRequestSubmission, ApprovalState } from './approvals';
import { ActiveFault, AdvanceClockRequest, FaultList, InjectFaultRequest, SetActionPolicyRequest, SimulateRequest, TrainingClock } from './training';
import {
  CALLBACK_HEADERS,
  CallbackReceipt,
  CardOperationNotification,
  CardOperationParams,
  DigitizationRules,
  NotifyVirtualCardChangeRequest,
  RequestCardDigitizationRequest,
  RequestCardDigitizationResponse,
} from './callbacks';
import { SearchQueryKind } from '../domain/search-query';
import type { TokenOperation } from '../domain/transitions';

/**
 * The Token Care API, declared once. The sandbox routes and validates from this table, core
 * builds requests and validates responses from it, and `/openapi.json` is generated from it.
 *
 * Conventions (as D1's API has them): resources under /api/v1; operations as
 * `POST …/operations:{op}`; `x-correlation-id` on every request and response; `x-issuer-id`;
 * errors as `{ error: { code, category, message, field? } }`.
 */
export type Auth =
  /** No credentials: the token endpoint and the OpenAPI document. */
  | 'none'
  /** The workstation's bearer token (OAuth 2.0 JWT-bearer grant). */
  | 'workstation'
  /** The bearer token and a signed-in agent's session. */
  | 'agent'
  /**
   * The token platform's own bearer token (the same grant, with the platform's client id and key:
   * `platform` scope) and, where mTLS is on, the platform's own client certificate. Its callbacks
   * change any token and name who asked, so no workstation's key may make them; the training
   * controls stand where the platform stands. A workstation's token here, or the platform's on
   * any other call, is a 403 FORBIDDEN_CLIENT.
   */
  | 'platform';

/** What a bearer token from POST /oauth2/token may be used for, by the client that asked for it. */
export const TokenScope = z.enum(['workstation', 'platform']);
export type TokenScope = z.infer<typeof TokenScope>;

export interface Endpoint {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI-style path with `{param}` placeholders. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly auth: Auth;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** `form` for the OAuth token endpoint (RFC 6749 §4.1.3), JSON otherwise. */
  readonly bodyType?: 'json' | 'form';
  /**
   * `json` (the default): `response` is the body. `event-stream`: the answer is a stream of
   * server-sent events (text/event-stream) and `response` is the schema of each event's `data`.
   */
  readonly responseType?: 'json' | 'event-stream';
  readonly response: z.ZodType;
  /** 202 for an operation that is accepted now and done later (a token operation, until the TSP confirms). */
  readonly successStatus: 200 | 201 | 202;
  /** Request headers this endpoint reads beyond the common ones of API_HEADERS (lower-case names). */
  readonly headers?: z.ZodObject;
  /** Served by the training backend only; a backend standing in for a connected one answers TRAINING_ONLY. */
  readonly trainingOnly?: true;
  /** Errors the endpoint can answer beyond those that follow from the rest of its declaration. */
  readonly errors?: readonly ApiErrorName[];
  /**
   * Every state-changing call (POST, DELETE) requires an `Idempotency-Key`; `optional` is declared
   * only where a retry without one does no harm, with the reason beside it. A key, when sent, is
   * honoured either way.
   */
  readonly idempotencyKey?: 'optional';
}

const define = <E extends Endpoint>(endpoint: E): E => endpoint;

/**
 * Whether a call takes an `Idempotency-Key`: required on every state-changing call unless the
 * endpoint declares it optional; a read takes none.
 */
export const idempotencyKeyOf = (endpoint: Pick<Endpoint, 'method' | 'idempotencyKey'>): 'required' | 'optional' | 'none' =>
  endpoint.method === 'GET' ? 'none' : (endpoint.idempotencyKey ?? 'required');

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const TokenRequest = z.strictObject({
  grant_type: z.literal(JWT_BEARER_GRANT),
  assertion: z.string().min(20).max(4096),
});

export const TokenResponse = z.object({
  access_token: z.string().min(20).max(4096),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().positive().max(3600),
  /** Set by the client's registration, never asked for: a workstation's key gets `workstation`, the platform's `platform`. */
  scope: TokenScope.optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

const SignInRequest = z.strictObject({
  agentId: AgentId,
  password: z.string().min(1).max(200),
});

export const AgentSession = z.object({
  /** Opaque; sent back as `x-agent-session`. */
  sessionToken: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/),
  agent: Agent,
  expiresAt: IsoDateTime,
});
export type AgentSession = z.infer<typeof AgentSession>;

export const SearchResult = pageOf(CardholderSummary).extend({ queryKind: SearchQueryKind });
export type SearchResult = z.infer<typeof SearchResult>;

const Paging = {
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
};

const OPERATION_SUMMARY: Record<TokenOperation, string> = {
  activate: 'Option D: activates a yellow-path token after the agent verified the caller (which verifiers passed goes with it).',
  suspend: 'Suspends an active token.',
  resume: "Lifts the issuer's suspension of a token.",
  delete: 'Deletes a token; final.',
};

/**
 * One token operation, the four declared by this one definition (D1: `POST …/operations:{op}`).
 * Four endpoints rather than an `{op}` parameter: each gets its own body schema (its reason codes,
 * verifiers only for activate) in validation and in the OpenAPI document.
 */
const tokenOperation = <const O extends TokenOperation, const N extends string>(operation: O, operationId: N) =>
  define({
    method: 'POST',
    path: `/api/v1/tokens/{virtualCardId}/operations:${operation}`,
    operationId,
    summary: `${OPERATION_SUMMARY[operation]} Answers 202 when accepted: the token changes when the TSP confirms, reported on the event stream. A token not in \`expectedState\` or a transition the table refuses is a 409 with \`rule\` and \`currentState\`.`,
    auth: 'agent',
    params: z.strictObject({ virtualCardId: VirtualCardId }),
    body: operationRequestOf(operation),
    response: OperationAccepted,
    successStatus: 202,
    errors:
      operation === 'activate'
        ? ['UNKNOWN_TOKEN', 'TRANSITION_NOT_ALLOWED', 'TOKEN_STATE_CONFLICT', 'IDENTITY_NOT_VERIFIED', 'SUPERVISOR_APPROVAL_REQUIRED', 'APPROVAL_REQUIRED']
        : ['UNKNOWN_TOKEN', 'TRANSITION_NOT_ALLOWED', 'TOKEN_STATE_CONFLICT', 'APPROVAL_REQUIRED'],
  });

export const endpoints = {
  oauthToken: define({
    method: 'POST',
    path: '/oauth2/token',
    operationId: 'oauthToken',
    summary: 'Exchanges a signed JWT assertion (RFC 7523, ES256 with kid) for a 15-minute bearer token.',
    auth: 'none',
    body: TokenRequest,
    bodyType: 'form',
    response: TokenResponse,
    successStatus: 200,
    // A retry spends nothing: each assertion's jti is taken once, so a copy without a key is refused, never a second token.
    idempotencyKey: 'optional',
  }),
  signIn: define({
    method: 'POST',
    path: '/api/v1/agent-sessions',
    operationId: 'signIn',
    summary: 'Signs an agent in. Ten failures in a row lock the account for 30 minutes.',
    auth: 'workstation',
    body: SignInRequest,
    response: AgentSession,
    successStatus: 201,
    // Its body is a password: a retry without a key only opens a second session (and a wrong
    // password counts again, as a person typing it again would); a key, when sent, replays the first answer.
    idempotencyKey: 'optional',
  }),
  verifyPassword: define({
    method: 'POST',
    path: '/api/v1/agent-sessions/current/verify',
    operationId: 'verifyPassword',
    summary: "Checks the signed-in agent's password again, to unlock an idle-locked console.",
    auth: 'agent',
    body: z.strictObject({ password: z.string().min(1).max(200) }),
    response: z.object({ verified: z.literal(true) }),
    successStatus: 200,
  }),
  signOut: define({
    method: 'DELETE',
    path: '/api/v1/agent-sessions/current',
    operationId: 'signOut',
    summary: "Ends the signed-in agent's session.",
    auth: 'agent',
    response: z.object({ ended: z.literal(true) }),
    successStatus: 200,
  }),
  searchCardholders: define({
    method: 'GET',
    path: '/api/v1/cardholders',
    operationId: 'searchCardholders',
    summary: 'Finds cardholders by name (+ card last four), customer id, issuerCardRefId, virtualCardId or token last four.',
    auth: 'agent',
    query: z.strictObject({ q: z.string().min(1).max(100), ...Paging }),
    response: SearchResult,
    successStatus: 200,
  }),
  getCardholder: define({
    method: 'GET',
    path: '/api/v1/cardholders/{cardholderId}',
    operationId: 'getCardholder',
    summary: 'One cardholder with their cards; contact channels come masked.',
    auth: 'agent',
    params: z.strictObject({ cardholderId: CardholderId }),
    response: Cardholder,
    successStatus: 200,
  }),
  listCardTokens: define({
    method: 'GET',
    path: '/api/v1/cards/{issuerCardRefId}/tokens',
    operationId: 'listCardTokens',
    summary: 'Every token of one card, deleted ones included.',
    auth: 'agent',
    params: z.strictObject({ issuerCardRefId: IssuerCardRefId }),
    response: z.object({ items: z.array(Token) }),
    successStatus: 200,
  }),
  getToken: define({
    method: 'GET',
    path: '/api/v1/tokens/{virtualCardId}',
    operationId: 'getToken',
    summary: 'One token with its state.',
    auth: 'agent',
    params: z.strictObject({ virtualCardId: VirtualCardId }),
    response: Token,
    successStatus: 200,
  }),
  listTokenEvents: define({
    method: 'GET',
    path: '/api/v1/tokens/{virtualCardId}/events',
    operationId: 'listTokenEvents',
    summary: "A token's history, newest first, paged by cursor.",
    auth: 'agent',
    params: z.strictObject({ virtualCardId: VirtualCardId }),
    query: z.strictObject(Paging),
    response: pageOf(TokenEvent),
    successStatus: 200,
  }),
  streamEvents: define({
    method: 'GET',
    path: '/api/v1/events/stream',
    operationId: 'streamEvents',
    summary:
      'Server-sent events for the signed-in agent: `token.changed` for every change to a token the agent may see, `approval.changed` for the approval requests they may see, `audit.appended` for each audit record appended (supervisors and administrators only), `ready` on connecting, heartbeat comments every 15 s. With Last-Event-ID the missed changes are replayed (the last 10,000 are kept); an id that cannot be replayed gets `reset`: re-fetch everything.',
    auth: 'agent',
    headers: z.object({ 'last-event-id': z.string().max(200).optional() }),
    responseType: 'event-stream',
    response: StreamEvent,
    successStatus: 200,
  }),
  activateToken: tokenOperation('activate', 'activateToken'),
  suspendToken: tokenOperation('suspend', 'suspendToken'),
  resumeToken: tokenOperation('resume', 'resumeToken'),
  deleteToken: tokenOperation('delete', 'deleteToken'),
  getActionPolicy: define({
    method: 'GET',
    path: '/api/v1/policies/token-actions',
    operationId: 'getActionPolicy',
    summary:
      "The issuer's policy for agents' token actions: the identity checks an Option D activation needs, the risk rules that call for a supervisor, whether agents may lift another party's suspension, and whether the platform notifies cardholders. The backend enforces what it serves.",
    auth: 'agent',
    response: TokenActionPolicy,
    successStatus: 200,
  }),
  getDigitizationSignals: define({
    method: 'GET',
    path: '/api/v1/tokens/{virtualCardId}/digitization-signals',
    operationId: 'getDigitizationSignals',
    summary: "What the backend knows about a token's digitization, for scam awareness: a new device, how many tokens were requested in 24 hours, the level of trust and its reasons.",
    auth: 'agent',
    params: z.strictObject({ virtualCardId: VirtualCardId }),
    response: DigitizationSignals,
    successStatus: 200,
    errors: ['UNKNOWN_TOKEN'],
  }),
  // ---- The audit trail and the agents' accounts: the backend writes every record itself ----
  listAuditRecords: define({
    method: 'GET',
    path: '/api/v1/audit-records',
    operationId: 'listAuditRecords',
    summary:
      "The backend's audit trail, newest first, filtered by agent (who acted, or whose account it concerns), kind, outcome, period (`from` inclusive, `to` exclusive, by when the record was written), cardholder, token or correlation id. The cursor is the sequence of the next record to read, so records written meanwhile never shift the pages still to come. `purpose=export` on the first page (no cursor) records an EXPORT with the filter. Supervisors and administrators only.",
    auth: 'agent',
    query: z.strictObject({
      ...AuditFilter.shape,
      purpose: z.enum(['export']).optional(),
      cursor: z.string().regex(/^[1-9][0-9]{0,11}$/, 'a record sequence').optional(),
      limit: Paging.limit,
    }),
    response: pageOf(AuditRecord),
    successStatus: 200,
    errors: ['FORBIDDEN_ROLE'],
  }),
  verifyAuditTrail: define({
    method: 'GET',
    path: '/api/v1/audit-records/verify',
    operationId: 'verifyAuditTrail',
    summary:
      "Reads the whole stored trail back and checks it: every record's hash, its link to the one before, the sequence without a gap, and the trail against its head (count and hash kept apart), so an edited, removed, reordered or cut-off record is found. Answers where and why it breaks. Supervisors and administrators only.",
    auth: 'agent',
    response: AuditTrailVerification,
    successStatus: 200,
    errors: ['FORBIDDEN_ROLE'],
  }),
  reportIdleLock: define({
    method: 'POST',
    path: '/api/v1/agent-sessions/current/idle-lock',
    operationId: 'reportIdleLock',
    summary: "The console tells the backend it locked itself after the agent was idle (IDLE_LOCK in the trail); unlocking is verifyPassword, recorded as IDLE_UNLOCK. The session stays open.",
    auth: 'agent',
    body: z.strictObject({ idleMinutes: z.number().int().min(1).max(1440) }),
    response: z.object({ recorded: z.literal(true), audit: AuditReceipt }),
    successStatus: 200,
  }),
  listAgents: define({
    method: 'GET',
    path: '/api/v1/agents',
    operationId: 'listAgents',
    summary: "The issuer's agent accounts with their lock state, failed attempts, whether they are signed in and when they last signed in. Supervisors and administrators only.",
    auth: 'agent',
    response: z.object({ items: z.array(AgentAccount) }),
    successStatus: 200,
    errors: ['FORBIDDEN_ROLE'],
  }),
  unlockAgent: define({
    method: 'POST',
    path: '/api/v1/agents/{agentId}:unlock',
    operationId: 'unlockAgent',
    summary: "Lifts an account's lockout and clears its failed attempts (UNLOCK in the trail); an account that is not locked answers as it is, and the unlock is recorded all the same. Supervisors and administrators only.",
    auth: 'agent',
    params: z.strictObject({ agentId: AgentId }),
    response: AgentAccountChanged,
    successStatus: 200,
    errors: ['FORBIDDEN_ROLE', 'NOT_FOUND'],
  }),
  resetAgentPassword: define({
    method: 'POST',
    path: '/api/v1/agents/{agentId}:reset-password',
    operationId: 'resetAgentPassword',
    summary:
      "Training only: sets a training account's password back to its published one (the credentials file lists it), ends its sessions and lifts any lockout (PASSWORD_RESET in the trail). No password travels in the call. Administrators only.",
    auth: 'agent',
    trainingOnly: true,
    params: z.strictObject({ agentId: AgentId }),
    response: AgentAccountChanged,
    successStatus: 200,
    errors: ['FORBIDDEN_ROLE', 'NOT_FOUND'],
  }),
  listNotificationTemplates: define({
    method: 'GET',
    path: '/api/v1/notification-templates',
    operationId: 'listNotificationTemplates',
    summary:
      "The issuer's cardholder notification templates (every event, SMS and e-mail, Japanese and English) and the settings they are sent with. Every role reads them: the action dialogs show the notification an action causes.",
    auth: 'agent',
    response: NotificationTemplates,
    successStatus: 200,
  }),
  saveNotificationTemplate: define({
    method: 'POST',
    path: '/api/v1/notification-templates/{event}/{channel}/{language}',
    operationId: 'saveNotificationTemplate',
    summary:
      'Saves one template (administrators only). Checked with the shared validator against the current settings: an unknown placeholder, an optional placeholder outside an optional sentence, a missing customer-service number or anything like a full card number is a 422 TEMPLATE_INVALID whose `field` names the first problem (`body:CARD_NUMBER:10-29`); nothing is saved.',
    auth: 'agent',
    params: z.strictObject({ event: NotificationEvent, channel: NotificationChannel, language: TemplateLanguage }),
    body: TemplateContent,
    response: NotificationTemplate,
    successStatus: 200,
    errors: ['TEMPLATE_INVALID'],
  }),
  saveNotificationSettings: define({
    method: 'POST',
    path: '/api/v1/notification-settings',
    operationId: 'saveNotificationSettings',
    summary:
      "Replaces the notification settings (administrators only): the customer-service number, whether the issuer sends its own OTP (then the platform sends no notifications), and how many hours a step-up waits before its one reminder. Answers the templates and the settings now in force.",
    auth: 'agent',
    body: z.strictObject(NotificationSettings.shape),
    response: NotificationTemplates,
    successStatus: 200,
  }),
  // ---- Integrity reports: a console's own files found tampered with or damaged on start ----
  createIntegrityReport: define({
    method: 'POST',
    path: '/api/v1/integrity-reports',
    operationId: 'createIntegrityReport',
    summary:
      "Stores a console's report that its local audit journal or an outbox entry failed its check on start (what was found, where the damaged file was kept, the action a damaged entry was). Sent with the workstation's own credential, so a report goes out before anyone signs in. Idempotent: send the `reportId` as Idempotency-Key; the same id again answers the first receipt, with another report a 422 IDEMPOTENCY_CONFLICT.",
    auth: 'workstation',
    body: IntegrityReportSubmission,
    response: IntegrityReportStored,
    successStatus: 201,
    errors: ['IDEMPOTENCY_CONFLICT'],
  }),
  listIntegrityReports: define({
    method: 'GET',
    path: '/api/v1/integrity-reports',
    operationId: 'listIntegrityReports',
    summary: "The consoles' integrity reports, newest first, optionally of one workstation. Supervisors and administrators only.",
    auth: 'agent',
    query: z.strictObject({
      workstationId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional(),
      cursor: z.uuid().optional(),
      limit: z.coerce.number().int().min(1).max(200).optional(),
    }),
    response: pageOf(StoredIntegrityReport),
    successStatus: 200,
    errors: ['FORBIDDEN_ROLE'],
  }),
  // ---- Phone calls: the cardholder's telephone call as the unit of an agent's work ----
  listCallOutcomes: define({
    method: 'GET',
    path: '/api/v1/call-outcomes',
    operationId: 'listCallOutcomes',
    summary: "The issuer's outcome codes for a phone call's wrap-up, each with its Japanese and English label. Every role reads them.",
    auth: 'agent',
    response: CallOutcomeList,
    successStatus: 200,
  }),
  saveCallOutcomes: define({
    method: 'POST',
    path: '/api/v1/call-outcomes',
    operationId: 'saveCallOutcomes',
    summary:
      'Replaces the outcome codes (administrators only): at least one, each code once, labels without a card number. Records already stored keep the code they were saved with. Answers the list now in force.',
    auth: 'agent',
    body: CallOutcomeList,
    response: CallOutcomeList,
    successStatus: 200,
  }),
  createPhoneCall: define({
    method: 'POST',
    path: '/api/v1/calls',
    operationId: 'createPhoneCall',
    summary:
      "Stores one phone call's record: start and end, the agent, the cardholder once identified, the token actions taken in it, the notes and the wrap-up's outcome code. Idempotent: send the record's `phoneCallId` as Idempotency-Key, so a retry stores it once; the same id with another record is a 422 IDEMPOTENCY_CONFLICT. The record's agent must be the session's agent; notes holding a card number are a 400 naming `notes`; an outcome code not in the issuer's list is a 400 naming `outcomeCode`; closing a phone call without a wrap-up (SKIPPED) while the policy requires one is a 422 WRAP_UP_REQUIRED.",
    auth: 'agent',
    body: PhoneCallSubmission,
    response: PhoneCallStored,
    successStatus: 201,
    errors: ['IDEMPOTENCY_CONFLICT', 'WRAP_UP_REQUIRED'],
  }),
  listPhoneCalls: define({
    method: 'GET',
    path: '/api/v1/calls',
    operationId: 'listPhoneCalls',
    summary: 'Phone calls, newest first, filtered by agent, cardholder, outcome code or when they started (`from` inclusive, `to` exclusive). Supervisors and administrators only.',
    auth: 'agent',
    query: z.strictObject({
      agentId: AgentId.optional(),
      cardholderId: CardholderId.optional(),
      outcomeCode: OutcomeCode.optional(),
      from: IsoDateTime.optional(),
      to: IsoDateTime.optional(),
      ...Paging,
    }),
    response: pageOf(StoredPhoneCall),
    successStatus: 200,
    errors: ['FORBIDDEN_ROLE'],
  }),
  listServiceNotes: define({
    method: 'GET',
    path: '/api/v1/cardholders/{cardholderId}/service-notes',
    operationId: 'listServiceNotes',
    summary: "A cardholder's service notes in full, newest first, with who wrote each and when (the `hasServiceNotes` flag of the cardholder says whether there are any).",
    auth: 'agent',
    params: z.strictObject({ cardholderId: CardholderId }),
    response: ServiceNotes,
    successStatus: 200,
    errors: ['UNKNOWN_CARDHOLDER'],
  }),
  // ---- Four-eyes approval: an action the policy holds back waits for a supervisor ----
  createApprovalRequest: define({
    method: 'POST',
    path: '/api/v1/approval-requests',
    operationId: 'createApprovalRequest',
    summary:
      "Asks a supervisor to approve an action the issuer's policy holds back (the operation answered 403 APPROVAL_REQUIRED, or the policy says so): the token and the action's body exactly as the operation takes it, and the bulk action it belongs to if any. The backend checks it as it would the action (token, expected state, transition table, identity checks), records the risk rules and signals itself, and answers the request PENDING with when it expires on the training clock. An action the policy does not hold back is a 422 APPROVAL_NOT_REQUIRED.",
    auth: 'agent',
    body: ApprovalRequestSubmission,
    response: ApprovalRequest,
    successStatus: 201,
    errors: ['UNKNOWN_TOKEN', 'TRANSITION_NOT_ALLOWED', 'TOKEN_STATE_CONFLICT', 'IDENTITY_NOT_VERIFIED', 'APPROVAL_NOT_REQUIRED'],
  }),
  listApprovalRequests: define({
    method: 'GET',
    path: '/api/v1/approval-requests',
    operationId: 'listApprovalRequests',
    summary: 'Approval requests, newest first, filtered by state: every request for supervisors and administrators, their own for an agent.',
    auth: 'agent',
    query: z.strictObject({ state: ApprovalState.optional(), ...Paging }),
    response: ApprovalRequestPage,
    successStatus: 200,
  }),
  getApprovalRequest: define({
    method: 'GET',
    path: '/api/v1/approval-requests/{requestId}',
    operationId: 'getApprovalRequest',
    summary: "One approval request as it is now (an agent reads only their own: another's is a 404).",
    auth: 'agent',
    params: z.strictObject({ requestId: ApprovalRequestId }),
    response: ApprovalRequest,
    successStatus: 200,
    errors: ['UNKNOWN_APPROVAL_REQUEST'],
  }),
  approveApprovalRequest: define({
    method: 'POST',
    path: '/api/v1/approval-requests/{requestId}/decision:approve',
    operationId: 'approveApprovalRequest',
    summary:
      "A supervisor or administrator other than the requester approves a pending request; the backend then runs the action itself, once, through the same path as a direct action (the TSP confirms it), under the requester's name with the approver on record, and answers the request EXECUTED, or EXECUTION_FAILED with the operation's error (the token changed meanwhile: TOKEN_STATE_CONFLICT). Approving a request already approved answers it as it is and runs nothing again; a rejected or expired one is a 409 APPROVAL_NOT_PENDING. The requester is a 403 SELF_APPROVAL_FORBIDDEN, an agent a 403 FORBIDDEN_ROLE.",
    auth: 'agent',
    params: z.strictObject({ requestId: ApprovalRequestId }),
    body: ApprovalDecision,
    response: ApprovalRequest,
    successStatus: 200,
    errors: ['UNKNOWN_APPROVAL_REQUEST', 'APPROVAL_NOT_PENDING', 'SELF_APPROVAL_FORBIDDEN', 'FORBIDDEN_ROLE'],
  }),
  rejectApprovalRequest: define({
    method: 'POST',
    path: '/api/v1/approval-requests/{requestId}/decision:reject',
    operationId: 'rejectApprovalRequest',
    summary:
      'A supervisor or administrator other than the requester rejects a pending request, with a comment; the action is never run. Rejecting one already rejected answers it as it is; an approved or expired one is a 409 APPROVAL_NOT_PENDING. The requester is a 403 SELF_APPROVAL_FORBIDDEN, an agent a 403 FORBIDDEN_ROLE.',
    auth: 'agent',
    params: z.strictObject({ requestId: ApprovalRequestId }),
    body: ApprovalDecision,
    response: ApprovalRequest,
    successStatus: 200,
    errors: ['UNKNOWN_APPROVAL_REQUEST', 'APPROVAL_NOT_PENDING', 'SELF_APPROVAL_FORBIDDEN', 'FORBIDDEN_ROLE'],
  }),
  // ---- The floor's alert rules: one set for the whole floor, tuned by an administrator ----
  getFloorAlertSettings: define({
    method: 'GET',
    path: '/api/v1/floor-alert-settings',
    operationId: 'getFloorAlertSettings',
    summary:
      "The rules the supervisors' floor raises alerts by (activations per agent per hour, activations outside business hours, deletes per cardholder, a console's tampered journal), with their version, when and by whom they were last changed; the defaults at version 0 while never set. Supervisors and administrators only.",
    auth: 'agent',
    response: StoredFloorAlertSettings,
    successStatus: 200,
    errors: ['FORBIDDEN_ROLE'],
  }),
  saveFloorAlertSettings: define({
    method: 'PUT',
    path: '/api/v1/floor-alert-settings',
    operationId: 'saveFloorAlertSettings',
    summary:
      "Replaces the floor's alert rules (administrators only). `If-Match` names the version read: when someone changed them meanwhile it is a 412 PRECONDITION_FAILED and nothing is saved (read them again). Settings outside their bounds are a 400 naming the field. Kept in the backend's data file before the answer, recorded in the audit trail (SETTINGS_CHANGED, FLOOR_ALERT_RULES, each changed value before and after). Answers the rules now in force with their new version.",
    auth: 'agent',
    headers: FloorAlertSettingsHeaders,
    body: FloorAlertSettings,
    response: StoredFloorAlertSettings,
    successStatus: 200,
    errors: ['FORBIDDEN_ROLE', 'PRECONDITION_FAILED'],
  }),
  notifyVirtualCardChange: define({
    method: 'POST',
    path: '/tsh/v1/notifyVirtualCardChange',
    operationId: 'notifyVirtualCardChange',
    summary:
      "The token platform tells the issuer a token changed (an enrolment that failed, or a change in the wallet, by the TSP or by the issuer): ACTIVATE, SUSPEND, RESUME, DELETE or DELETE_FROM_APP, by the WALLET, the TSP or the ISSUER, with an errorCode when it failed. Idempotent by x-correlation-id, action and outcome: a second copy is recorded as CALLBACK_DUPLICATE and changes nothing; one that would move the token backwards (a deleted token anywhere) is recorded as CALLBACK_LATE and ignored; one for a token not known yet is parked and applied when it appears. A full DPAN in tokenInfo is dropped before storage. The confirmation of an agent's operation goes through the same processing.",
    auth: 'platform',
    headers: CALLBACK_HEADERS,
    body: NotifyVirtualCardChangeRequest,
    response: CallbackReceipt,
    successStatus: 200,
    errors: ['UNKNOWN_CARD'],
  }),
  requestCardDigitization: define({
    method: 'POST',
    path: '/tsh/v1/requestCardDigitization',
    operationId: 'requestCardDigitization',
    summary:
      "The token platform asks the issuer to approve tokenizing a card. The sandbox decides the level of trust by its configurable rules (GREEN, YELLOW with idvMethodList, RED), records it with the correlation id and creates the token: DEPLOYMENT_ONGOING for GREEN (the ACTIVATE callback follows), INACTIVE awaiting step-up for YELLOW, DEPLOYMENT_ONGOING for RED until the platform's DIGITIZE FAILED declines it. A re-enrolment of the same card on the same device is linked to the earlier attempt; callbacks parked for this token are applied now.",
    auth: 'platform',
    headers: CALLBACK_HEADERS,
    body: RequestCardDigitizationRequest,
    response: RequestCardDigitizationResponse,
    successStatus: 200,
    errors: ['UNKNOWN_CARD', 'TOKEN_STATE_CONFLICT'],
  }),
  notifyCardOperation: define({
    method: 'POST',
    path: '/d1/v1/issuers/{issuerId}/cards/{issuerCardRefId}/notifications',
    operationId: 'notifyCardOperation',
    summary:
      "D1's card-operation notification. DIGITIZE FAILED after a YELLOW decision is a cancellation by the cardholder (DIGITIZATION_CANCELED, token CANCELED), after RED a decline; ACTIVATE, SUSPEND, RESUME and DELETE change the token as notifyVirtualCardChange does, with who asked for it (requestorType, and for CCI the user's id as requestorId: recorded as the platform's claim, never taken for one of the issuer's agents). Without virtualCardId it concerns the card's tokens. Same idempotency and ordering as notifyVirtualCardChange.",
    auth: 'platform',
    headers: CALLBACK_HEADERS,
    params: CardOperationParams,
    body: CardOperationNotification,
    response: CallbackReceipt,
    successStatus: 200,
    errors: ['UNKNOWN_CARD'],
  }),
  simulateTokenChange: define({
    method: 'POST',
    path: '/training/v1/simulate',
    operationId: 'simulateTokenChange',
    summary:
      'Training only: the wallet or the TSP suspends, resumes or deletes a token, or the wallet user deletes it from the app, as a notifyVirtualCardChange would report it. Answers the updated token; the change is recorded in its history and streamed.',
    auth: 'platform',
    trainingOnly: true,
    body: SimulateRequest,
    response: Token,
    successStatus: 200,
    errors: ['UNKNOWN_TOKEN', 'TRANSITION_NOT_ALLOWED'],
  }),
  setActionPolicy: define({
    method: 'POST',
    path: '/training/v1/action-policy',
    operationId: 'setActionPolicy',
    summary:
      'Training only: replaces the token-action policy the backend serves (getActionPolicy) and enforces on operations, so trainers and tests can change the identity checks, the risk rules, the suspension override and platform notifications. Answers the policy now in force.',
    auth: 'platform',
    trainingOnly: true,
    body: SetActionPolicyRequest,
    response: TokenActionPolicy,
    successStatus: 200,
  }),
  advanceTrainingClock: define({
    method: 'POST',
    path: '/training/v1/clock',
    operationId: 'advanceTrainingClock',
    summary:
      "Training only: moves the training clock forward (never back) by hours and minutes. Token time (events, step-up reminders) follows it; sign-ins, bearer tokens and idempotency keep the real clock. The step-up reminder check runs at once against the new time.",
    auth: 'platform',
    trainingOnly: true,
    body: AdvanceClockRequest,
    response: TrainingClock,
    successStatus: 200,
  }),
  getTrainingClock: define({
    method: 'GET',
    path: '/training/v1/clock',
    operationId: 'getTrainingClock',
    summary: 'Training only: the training clock now and how far it runs ahead of the real one.',
    auth: 'platform',
    trainingOnly: true,
    response: TrainingClock,
    successStatus: 200,
  }),
  setDigitizationRules: define({
    method: 'POST',
    path: '/training/v1/digitization-rules',
    operationId: 'setDigitizationRules',
    summary:
      'Training only: replaces the rules requestCardDigitization decides the level of trust by (the first rule whose conditions all hold decides). Answers the rules now in force.',
    auth: 'platform',
    trainingOnly: true,
    body: DigitizationRules,
    response: DigitizationRules,
    successStatus: 200,
  }),
  injectFault: define({
    method: 'POST',
    path: '/training/v1/faults',
    operationId: 'injectFault',
    summary:
      'Training only, for tests: the next `times` requests matching method and path prefix misbehave (500, 503, connection reset before or after the work, delay, schema-breaking body, answer held after the work, the TSP confirming an accepted token operation twice). The /training/v1/faults calls themselves never match.',
    auth: 'platform',
    trainingOnly: true,
    body: InjectFaultRequest,
    response: ActiveFault,
    successStatus: 201,
  }),
  listFaults: define({
    method: 'GET',
    path: '/training/v1/faults',
    operationId: 'listFaults',
    summary: 'Training only: the injected faults still active, with how many matching requests each has left.',
    auth: 'platform',
    trainingOnly: true,
    response: FaultList,
    successStatus: 200,
  }),
  clearFaults: define({
    method: 'DELETE',
    path: '/training/v1/faults',
    operationId: 'clearFaults',
    summary: 'Training only: removes every injected fault.',
    auth: 'platform',
    trainingOnly: true,
    response: z.object({ cleared: z.number().int().nonnegative() }),
    successStatus: 200,
  }),
} as const satisfies Record<string, Endpoint>;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;

/** Headers every /api request carries (the MDES `AuditInfo` idea, as headers). */
export const API_HEADERS = {
  correlationId: 'x-correlation-id',
  issuerId: 'x-issuer-id',
  agentSession: 'x-agent-session',
  agentId: 'x-agent-id',
  /** Percent-encoded: agent names are often Japanese and headers are ASCII. */
  agentName: 'x-agent-name',
  agentRole: 'x-agent-role',
  workstationId: 'x-workstation-id',
  idempotencyKey: 'idempotency-key',
  /** SSE reconnection (WHATWG HTML §9.2): the id of the last event received. */
  lastEventId: 'last-event-id',
} as const;

