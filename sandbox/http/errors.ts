import type { TokenState } from '../../shared/api/model';
import { apiErrors, type ApiErrorBody, type ApiErrorName } from '../../shared/api/errors';

/**
 * A refusal in the API's one error shape, `{ error: { code, category, message, field? } }`, with
 * code, category and HTTP status taken from the `apiErrors` table. Thrown anywhere in a request;
 * the route layer turns it into the response. Messages never repeat the offending value: it may
 * be a card number or a password.
 */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';

  constructor(
    readonly errorName: ApiErrorName,
    message: string,
    readonly field?: string,
    /** Extra response headers, e.g. `www-authenticate` on a 401. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message.slice(0, 500));
  }

  get status(): number {
    return apiErrors[this.errorName].status;
  }

  toBody(): ApiErrorBody {
    const { code, category } = apiErrors[this.errorName];
    return { error: { code, category, message: this.message, ...(this.field ? { field: this.field.slice(0, 200) } : {}) } };
  }
}

/** RFC 6750 §3: a 401 for a missing or bad bearer token says so in `www-authenticate`. */
export const unauthorized = (message: string): ApiFailure =>
  new ApiFailure('UNAUTHORIZED', message, 'authorization', { 'www-authenticate': 'Bearer error="invalid_token"' });

/**
 * A token operation refused because of the token's state: the body also carries the rule's id and
 * the current state, so the console can word the refusal and show the state without parsing the message.
 */
export class TokenStateFailure extends ApiFailure {
  constructor(
    errorName: 'TOKEN_STATE_CONFLICT' | 'TRANSITION_NOT_ALLOWED',
    message: string,
    readonly details: { readonly rule?: string | undefined; readonly currentState: TokenState },
    field?: string,
  ) {
    super(errorName, message, field);
  }

  override toBody(): ApiErrorBody {
    const { error } = super.toBody();
    const { rule, currentState } = this.details;
    return { error: { ...error, ...(rule ? { rule } : {}), currentState } };
  }
}

/**
 * An Option D activation that matched the issuer's risk rules: a supervisor must approve it. The
 * body lists every rule that matched, so the console words each without parsing the message.
 */
export class RiskRulesFailure extends ApiFailure {
  constructor(
    message: string,
    readonly rules: readonly string[],
  ) {
    super('SUPERVISOR_APPROVAL_REQUIRED', message);
  }

  override toBody(): ApiErrorBody {
    const { error } = super.toBody();
    return { error: { ...error, rules: [...this.rules] } };
  }
}
