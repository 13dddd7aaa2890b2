import type { ActionFailure } from '../../../shared/api/audit';
import { TokenState } from '../../../shared/api/model';
import { BackendError, isRetryableFailure, type BackendFailure } from '../backend/backend-error';
import { sessionGone } from '../session/agent-session';

/**
 * What a failed send of a token operation means for the outbox:
 * - refused: the backend said no (409, 422, 403, 404, another 4xx): the action FAILED with the
 *   reason, and is never sent again, since a blind retry would meet the same refusal;
 * - retry: the answer was lost or the backend stumbled (5xx, timeout, reset): send again with the
 *   same correlation id and Idempotency-Key, so the backend does the work at most once;
 * - wait: nothing could be sent for this agent now (signed out, session ended, no usable key):
 *   the action waits for its agent's next session.
 */
export type SendOutcome =
  | { readonly kind: 'refused'; readonly failure: ActionFailure }
  | { readonly kind: 'retry' }
  | { readonly kind: 'wait'; readonly why: string };

const RULE = /^[A-Z][A-Z0-9_]{1,59}$/;
const BACKEND_CODE = /^[A-Z0-9_]{2,40}$/;

const withRule = (rule: string | undefined): Pick<ActionFailure, 'rule'> => (rule !== undefined && RULE.test(rule) ? { rule } : {});
const withState = (state: unknown): Pick<ActionFailure, 'currentState'> => {
  const parsed = TokenState.safeParse(state);
  return parsed.success ? { currentState: parsed.data } : {};
};

/** An API refusal in the words of the action's failure codes, keeping the rule and state the backend named. */
const failureOfRefusal = (failure: Extract<BackendFailure, { kind: 'api' }>): ActionFailure => {
  const backendCode = BACKEND_CODE.test(failure.code) ? { backendCode: failure.code } : {};
  const details = { ...withRule(failure.rule), ...withState(failure.currentState), ...backendCode };
  switch (failure.code) {
    case 'TRANSITION_NOT_ALLOWED':
      return { code: 'TRANSITION_NOT_ALLOWED', ...details };
    case 'TOKEN_STATE_CONFLICT':
      // The backend words "another operation awaits the TSP" as a conflict with this rule.
      return { code: failure.rule === 'OPERATION_PENDING' ? 'OPERATION_PENDING' : 'TOKEN_STATE_CONFLICT', ...details };
    case 'IDENTITY_NOT_VERIFIED':
      return { code: 'IDENTITY_NOT_VERIFIED', ...details };
    case 'SUPERVISOR_APPROVAL_REQUIRED':
      return {
        code: 'SUPERVISOR_APPROVAL_REQUIRED',
        ...details,
        ...(failure.rules ? { riskRules: failure.rules.filter((rule) => RULE.test(rule)).slice(0, 50) } : {}),
      };
    case 'UNKNOWN_TOKEN':
      return { code: 'UNKNOWN_TOKEN', ...backendCode };
    default:
      return { code: failure.category === 'F' ? 'BACKEND_REFUSED' : 'BACKEND_REJECTED', ...details };
  }
};

export const sendOutcomeOf = (error: unknown): SendOutcome => {
  if (!(error instanceof BackendError)) throw error;
  if (sessionGone(error)) return { kind: 'wait', why: 'the agent session is over' };
  const failure = error.failure;
  if (isRetryableFailure(failure)) return { kind: 'retry' };
  switch (failure.kind) {
    case 'api':
      return { kind: 'refused', failure: failureOfRefusal(failure) };
    case 'credentials':
      return { kind: 'wait', why: 'the workstation key is not usable' };
    case 'schema':
      // The backend answered, but not in the API's words: whether it did the work is unknown, so
      // the history decides (reconcile) rather than a second send.
      return { kind: 'retry' };
    case 'network':
    case 'timeout':
      // Not retryable network codes (DNS failure, TLS refusal): the backend is out of reach.
      return { kind: 'retry' };
    case 'cancelled':
      return { kind: 'wait', why: 'cancelled' };
    case 'invalid-request':
      return { kind: 'refused', failure: { code: 'BACKEND_REJECTED' } };
    case 'not-signed-in':
      return { kind: 'wait', why: 'no agent is signed in' };
  }
};
