import type { ErrorCategory } from '../../../shared/api/errors';
import type { TokenState } from '../../../shared/api/model';

export interface SchemaIssue {
  /** Dotted path, prefixed with the part of the message: `params.virtualCardId`, `body.items.0.state`. */
  readonly path: string;
  readonly message: string;
}

/**
 * Why a backend call failed, in terms the UI maps to a message:
 * - api: the backend answered with an error (its code and category: docs/domain.md, "Error categories");
 * - network: nothing usable came back (refused, reset, DNS, TLS); `code` is Node's (ECONNRESET…);
 * - timeout: no answer in time;
 * - schema: the backend answered something the API does not declare (a version mismatch or a bug);
 * - cancelled: the agent (or the app) gave up;
 * - invalid-request: the input broke the endpoint's schema, so nothing was sent;
 * - not-signed-in: the endpoint needs an agent session and there is none, so nothing was sent;
 * - credentials: the workstation key is missing or unusable, so no token could be signed.
 */
export type BackendFailure =
  | {
      readonly kind: 'api';
      readonly status: number;
      readonly code: string;
      readonly category: ErrorCategory;
      readonly message: string;
      readonly field?: string;
      /** A refused token operation: the transition rule (or OPERATION_PENDING) the backend named. */
      readonly rule?: string;
      /** A refused token operation: the token's state now. */
      readonly currentState?: TokenState;
      /** SUPERVISOR_APPROVAL_REQUIRED: every risk rule that matched. */
      readonly rules?: readonly string[];
    }
  | { readonly kind: 'network'; readonly code: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'schema'; readonly status: number; readonly issues: readonly SchemaIssue[] }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'invalid-request'; readonly issues: readonly SchemaIssue[] }
  | { readonly kind: 'not-signed-in' }
  | { readonly kind: 'credentials'; readonly problem: string; readonly message: string };

export type BackendFailureKind = BackendFailure['kind'];

/**
 * Network failures worth another try. A refused connection means nothing reached the server; a
 * reset or broken pipe may have, which is why every POST carries an Idempotency-Key.
 */
const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Category S (docs/domain.md, "Error categories"): every 5xx, an explicit S, a timeout, a transient network failure. */
export const isRetryableFailure = (failure: BackendFailure): boolean => {
  switch (failure.kind) {
    case 'api':
      return failure.status >= 500 || failure.category === 'S';
    case 'timeout':
      return true;
    case 'network':
      return RETRYABLE_NETWORK_CODES.has(failure.code);
    default:
      return false;
  }
};

const describe = (failure: BackendFailure): string => {
  switch (failure.kind) {
    case 'api':
      return `${failure.status} ${failure.code} (${failure.category}): ${failure.message}${failure.field ? ` [${failure.field}]` : ''}`;
    case 'network':
      return `network failure (${failure.code})`;
    case 'timeout':
      return 'no answer in time';
    case 'schema':
      return `unexpected response (${failure.status}): ${failure.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`;
    case 'cancelled':
      return 'cancelled';
    case 'invalid-request':
      return `invalid request: ${failure.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`;
    case 'not-signed-in':
      return 'no agent is signed in';
    case 'credentials':
      return `workstation credentials: ${failure.message}`;
  }
};

export interface BackendErrorContext {
  /** The endpoint's name in shared/api/endpoints.ts. */
  readonly endpoint: string;
  /** The x-correlation-id of the action: what support searches the backend's logs for. */
  readonly correlationId: string;
  /** How many times the request was sent (0 when it never left). */
  readonly attempts: number;
}

/** The one error type the backend client throws. `toJSON` is what may cross IPC. */
export class BackendError extends Error {
  override readonly name = 'BackendError';
  readonly failure: BackendFailure;
  readonly endpoint: string;
  readonly correlationId: string;
  readonly attempts: number;

  constructor(failure: BackendFailure, context: BackendErrorContext, options?: { cause?: unknown }) {
    super(`${context.endpoint}: ${describe(failure)}`, options);
    this.failure = failure;
    this.endpoint = context.endpoint;
    this.correlationId = context.correlationId;
    this.attempts = context.attempts;
  }

  get kind(): BackendFailureKind {
    return this.failure.kind;
  }

  get retryable(): boolean {
    return isRetryableFailure(this.failure);
  }

  /** Same failure, counted against the whole request rather than one attempt. */
  withAttempts(attempts: number): BackendError {
    return new BackendError(this.failure, { endpoint: this.endpoint, correlationId: this.correlationId, attempts }, { cause: this.cause });
  }

  toJSON(): { failure: BackendFailure; endpoint: string; correlationId: string; attempts: number } {
    return { failure: this.failure, endpoint: this.endpoint, correlationId: this.correlationId, attempts: this.attempts };
  }
}
