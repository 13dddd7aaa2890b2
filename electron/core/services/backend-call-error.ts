import type { BackendErrorDetail, ErrorCode } from '../../../shared/contract';
import { BackendError, type BackendFailure } from '../backend/backend-error';
import { CallError } from '../ipc/dispatch';

/** Backend codes that have a meaning of their own for the console, whatever their category. */
const BY_BACKEND_CODE: Readonly<Record<string, ErrorCode>> = {
  SIGN_IN_FAILED: 'SIGN_IN_FAILED',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  FORBIDDEN_ROLE: 'FORBIDDEN_ROLE',
  AGENT_SESSION_REQUIRED: 'SIGNED_OUT',
};

const detailOf = (failure: Extract<BackendFailure, { kind: 'api' }>): BackendErrorDetail => ({
  code: failure.code.slice(0, 40),
  category: failure.category,
  ...(failure.field !== undefined ? { field: failure.field.slice(0, 200) } : {}),
});

/** The category decides, after the codes above (docs/domain.md, "Error categories"): D is the input, F a rule, S the system. */
const apiCode = (failure: Extract<BackendFailure, { kind: 'api' }>): ErrorCode => {
  const known = BY_BACKEND_CODE[failure.code];
  if (known) return known;
  if (failure.status === 404) return 'NOT_FOUND';
  switch (failure.category) {
    case 'D':
      return 'BACKEND_REJECTED';
    case 'F':
      return 'BACKEND_REFUSED';
    case 'S':
      return 'BACKEND_UNAVAILABLE';
    case 'K':
      // "OK" as an error is itself a broken answer.
      return 'BACKEND_INVALID_RESPONSE';
  }
};

const fromFailure = (failure: BackendFailure): CallError => {
  switch (failure.kind) {
    case 'api':
      return new CallError(apiCode(failure), `backend refused: ${failure.code} (${failure.category})`, failure.field ? [failure.field] : undefined, detailOf(failure));
    case 'network':
      return new CallError('BACKEND_UNAVAILABLE', `backend unreachable (${failure.code})`);
    case 'timeout':
      return new CallError('BACKEND_UNAVAILABLE', 'backend did not answer in time');
    case 'schema':
      return new CallError('BACKEND_INVALID_RESPONSE', 'backend answer broke the API schema', failure.issues.map((issue) => issue.path));
    case 'cancelled':
      return new CallError('CANCELLED', 'cancelled');
    case 'invalid-request':
      return new CallError('INVALID_INPUT', 'request broke the API schema; nothing was sent', failure.issues.map((issue) => issue.path));
    case 'not-signed-in':
      return new CallError('SIGNED_OUT', 'no agent is signed in');
    case 'credentials':
      // No usable workstation key: the console is not set up to sign requests yet.
      return new CallError('NOT_CONFIGURED', `workstation key: ${failure.problem}`);
  }
};

/**
 * Turns whatever a backend call threw into the typed failure the renderer understands. The result
 * carries the backend's code, category and field (never its free-text message) so support can
 * quote them; the correlation id is the call's own, which is also the x-correlation-id the
 * backend logged for this action.
 */
export const toCallError = (error: unknown): unknown => {
  if (error instanceof CallError) return error;
  if (error instanceof BackendError) return fromFailure(error.failure);
  // Anything else is a bug: dispatch logs it and answers INTERNAL.
  return error;
};

/** Runs a backend-facing service body, mapping its failures on the way out. */
export const mapBackendErrors = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw toCallError(error);
  }
};
