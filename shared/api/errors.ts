import { z } from 'zod';
import { TokenState } from './model';

/**
 * The backend's error categories (docs/domain.md, "Error categories"): K ok, D data error (fix the input, never
 * retried), S temporary system error (retried with backoff), F functional error (never retried).
 */
export const ErrorCategory = z.enum(['K', 'D', 'S', 'F']);
export type ErrorCategory = z.infer<typeof ErrorCategory>;

const ApiError = z.strictObject({
  /** Thales-style numeric codes for data errors (111, 112, 119…), names for the rest. */
  code: z.string().regex(/^[A-Z0-9_]{2,40}$/),
  category: ErrorCategory,
  message: z.string().max(500),
  /** The offending field, for D errors. */
  field: z.string().max(200).optional(),
  /** For a refused token operation: the transition rule's id, so the console words it without parsing the message. */
  rule: z.string().regex(/^[A-Z_]{2,60}$/).optional(),
  /** For a refused token operation: the token's state now, so the console shows it without re-reading. */
  currentState: TokenState.optional(),
  /** For SUPERVISOR_APPROVAL_REQUIRED and APPROVAL_REQUIRED: every risk rule that matched. */
  rules: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{1,59}$/)).max(50).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export const ApiErrorBody = z.strictObject({ error: ApiError });
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** The codes this API uses, with their category and HTTP status, in one table. */
export const apiErrors = {
  MISSING_PARAMETER: { code: '111', category: 'D', status: 400 },
  BAD_FORMAT: { code: '112', category: 'D', status: 400 },
  UNKNOWN_ISSUER: { code: '113', category: 'D', status: 400 },
  UNKNOWN_CARDHOLDER: { code: '114', category: 'D', status: 404 },
  UNKNOWN_CARD: { code: '116', category: 'D', status: 404 },
  UNKNOWN_TOKEN: { code: '119', category: 'D', status: 404 },
  PAYLOAD_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', category: 'D', status: 413 },
  /** The body is not in the endpoint's declared format (JSON, or a form for the token endpoint). */
  UNSUPPORTED_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', category: 'D', status: 415 },
  /** A full card number was typed into a search: refused, never searched for and never logged. */
  PAN_NOT_ACCEPTED: { code: 'PAN_NOT_ACCEPTED', category: 'D', status: 400 },
  NOT_FOUND: { code: 'NOT_FOUND', category: 'D', status: 404 },
  INVALID_CLIENT: { code: 'INVALID_CLIENT', category: 'D', status: 401 },
  INVALID_GRANT: { code: 'INVALID_GRANT', category: 'D', status: 400 },
  UNAUTHORIZED: { code: 'UNAUTHORIZED', category: 'D', status: 401 },
  AGENT_SESSION_REQUIRED: { code: 'AGENT_SESSION_REQUIRED', category: 'D', status: 401 },
  SIGN_IN_FAILED: { code: 'SIGN_IN_FAILED', category: 'D', status: 401 },
  ACCOUNT_LOCKED: { code: 'ACCOUNT_LOCKED', category: 'F', status: 423 },
  FORBIDDEN_ROLE: { code: 'FORBIDDEN_ROLE', category: 'F', status: 403 },
  /**
   * The caller's kind of credential may not make this call: a workstation's on the platform's
   * callbacks or the training controls, the platform's on an agent's or a workstation's call.
   */
  FORBIDDEN_CLIENT: { code: 'FORBIDDEN_CLIENT', category: 'F', status: 403 },
  CLIENT_CERTIFICATE_REQUIRED: { code: 'CLIENT_CERTIFICATE_REQUIRED', category: 'D', status: 401 },
  /** An Idempotency-Key (or an audit record's id) already used for another request: 422, as the IETF Idempotency-Key draft has it. */
  IDEMPOTENCY_CONFLICT: { code: 'IDEMPOTENCY_CONFLICT', category: 'D', status: 422 },
  /** The token's state does not allow this change (e.g. resuming a token another party suspended); the message names the rule and the current state. */
  TRANSITION_NOT_ALLOWED: { code: 'TRANSITION_NOT_ALLOWED', category: 'D', status: 409 },
  /** The token is not in the state the agent saw (it changed meanwhile), or an operation on it is still pending. */
  TOKEN_STATE_CONFLICT: { code: 'TOKEN_STATE_CONFLICT', category: 'D', status: 409 },
  /** An Option D activation whose identity checks do not meet the issuer's policy. */
  IDENTITY_NOT_VERIFIED: { code: 'IDENTITY_NOT_VERIFIED', category: 'F', status: 422 },
  /** An Option D activation that matched a risk rule: a supervisor must approve it. */
  SUPERVISOR_APPROVAL_REQUIRED: { code: 'SUPERVISOR_APPROVAL_REQUIRED', category: 'F', status: 403 },
  /**
   * The issuer's policy holds this action back until a supervisor approves it (four-eyes): `rule`
   * names the policy's rule (DELETE, RESUME_OVERRIDING_SUSPENSION, ACTIVATION_RISK_RULE), `rules`
   * the risk rules an activation matched. Nothing changed; the agent may request approval.
   */
  APPROVAL_REQUIRED: { code: 'APPROVAL_REQUIRED', category: 'F', status: 403 },
  /** An approval request for an action the policy does not hold back: send the action itself. */
  APPROVAL_NOT_REQUIRED: { code: 'APPROVAL_NOT_REQUIRED', category: 'D', status: 422 },
  /** No approval request has this id (or the caller may not see it). */
  UNKNOWN_APPROVAL_REQUEST: { code: 'UNKNOWN_APPROVAL_REQUEST', category: 'D', status: 404 },
  /** The approval request was already decided otherwise, or expired; the message says its state. */
  APPROVAL_NOT_PENDING: { code: 'APPROVAL_NOT_PENDING', category: 'F', status: 409 },
  /** The requester may never approve or reject their own request: four eyes are two people. */
  SELF_APPROVAL_FORBIDDEN: { code: 'SELF_APPROVAL_FORBIDDEN', category: 'F', status: 403 },
  /**
   * A notification template the shared validator refuses; `field` names the problem as
   * `problemField` writes it (`body:UNKNOWN_PLACEHOLDER:12-24`), and nothing was saved.
   */
  TEMPLATE_INVALID: { code: 'TEMPLATE_INVALID', category: 'D', status: 422 },
  /** A phone call closed without a wrap-up (the next one started) while the issuer's policy requires one. */
  WRAP_UP_REQUIRED: { code: 'WRAP_UP_REQUIRED', category: 'F', status: 422 },
  /** A change sent with `If-Match` naming a version that is no longer current: someone changed it meanwhile; read it again. */
  PRECONDITION_FAILED: { code: 'PRECONDITION_FAILED', category: 'D', status: 412 },
  /** A training-backend call (`/training/…`) on a backend that stands in for a connected one. */
  TRAINING_ONLY: { code: 'TRAINING_ONLY', category: 'F', status: 404 },
  SYSTEM_ERROR: { code: 'SYSTEM_ERROR', category: 'S', status: 500 },
  UNAVAILABLE: { code: 'UNAVAILABLE', category: 'S', status: 503 },
} as const satisfies Record<string, { code: string; category: ErrorCategory; status: number }>;

export type ApiErrorName = keyof typeof apiErrors;
