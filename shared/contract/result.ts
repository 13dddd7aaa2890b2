import { z } from 'zod';

/**
 * Every failure that crosses a process border is one of these codes. Electron keeps only
 * `message` from a thrown error, so calls return errors as values instead of throwing.
 */
export const ErrorCode = z.enum([
  'INVALID_INPUT',
  'INVALID_OUTPUT',
  'UNKNOWN_CALL',
  'FORBIDDEN_SENDER',
  'PAYLOAD_TOO_LARGE',
  'TRANSPORT',
  'INTERNAL',
  /** The agent id or password was wrong; which of the two is never said. */
  'SIGN_IN_FAILED',
  /** Too many failed sign-ins: the account is locked for a while (PCI DSS 8.3.4). */
  'ACCOUNT_LOCKED',
  /** The call needs a signed-in agent. */
  'SIGNED_OUT',
  /** The console is locked after idle time; unlock first. */
  'SESSION_LOCKED',
  /** The agent's role does not allow this. */
  'FORBIDDEN_ROLE',
  'NOT_FOUND',
  /** The backend refused the request as wrong (category D); retrying will not help. */
  'BACKEND_REJECTED',
  /** The backend refused for a functional reason (category F); never retried. */
  'BACKEND_REFUSED',
  /** The backend could not be reached or failed after the retries (category S, network, timeout). */
  'BACKEND_UNAVAILABLE',
  /** The backend answered something that breaks the API schema. */
  'BACKEND_INVALID_RESPONSE',
  /** No backend connection or workstation key is set up. */
  'NOT_CONFIGURED',
  /** The installer locked this setting. */
  'CONFIG_LOCKED',
  /** The setting's value is invalid. */
  'CONFIG_INVALID',
  /** The key given is not an EC P-256 private key usable for ES256. */
  'KEY_INVALID',
  /** Available in training mode only. */
  'TRAINING_ONLY',
  'CANCELLED',
  /** Another action on this token is under way from this workstation (another window, a double submit). */
  'ACTION_IN_PROGRESS',
  /** A notification template failed validation; nothing was saved. */
  'TEMPLATE_INVALID',
  /** The console's update waits: a token action is under way. */
  'UPDATE_HELD',
  /** A phone call is open: end it (its wrap-up) before the next one starts. */
  'PHONE_CALL_OPEN',
  /** The issuer's policy requires a wrap-up before the next phone call. */
  'WRAP_UP_REQUIRED',
  /** The workstation is enrolled: changing its key or settings needs an administrator signed in. */
  'ADMIN_REQUIRED',
  /** The seat's first key needs the installer's one-time enrolment code, and none was given. */
  'ENROLMENT_CODE_REQUIRED',
  /** The enrolment code given is not the one the installer set. */
  'ENROLMENT_CODE_WRONG',
  /** Too many wrong enrolment codes in a row: refused until the console restarts. */
  'ENROLMENT_CODE_LOCKED',
  /** The installer's enrolment code enrolled this seat once already; it needs a new one. */
  'ENROLMENT_CODE_SPENT',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const TypedError = z.strictObject({
  code: ErrorCode,
  /** An i18n key under `errors.*`; the renderer shows its translation, never a raw message. */
  messageKey: z.string().regex(/^errors\.[A-Za-z.]+$/),
  correlationId: z.string().min(1).max(64),
  /** Which input fields were wrong (paths only, never the values). */
  fields: z.array(z.string().max(200)).max(50).optional(),
  /** The backend's own error, when it gave one: shown with its meaning, quoted to support. */
  backend: z
    .strictObject({
      code: z.string().max(40),
      category: z.enum(['K', 'D', 'S', 'F']),
      field: z.string().max(200).optional(),
    })
    .optional(),
});
export type TypedError = z.infer<typeof TypedError>;

export type Result<T> = { ok: true; data: T } | { ok: false; error: TypedError };

export const resultSchema = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), data }),
    z.strictObject({ ok: z.literal(false), error: TypedError }),
  ]);

export const messageKeyFor: Record<ErrorCode, string> = {
  INVALID_INPUT: 'errors.invalidInput',
  INVALID_OUTPUT: 'errors.invalidOutput',
  UNKNOWN_CALL: 'errors.unknownCall',
  FORBIDDEN_SENDER: 'errors.forbiddenSender',
  PAYLOAD_TOO_LARGE: 'errors.payloadTooLarge',
  TRANSPORT: 'errors.transport',
  INTERNAL: 'errors.internal',
  SIGN_IN_FAILED: 'errors.signInFailed',
  ACCOUNT_LOCKED: 'errors.accountLocked',
  SIGNED_OUT: 'errors.signedOut',
  SESSION_LOCKED: 'errors.sessionLocked',
  FORBIDDEN_ROLE: 'errors.forbiddenRole',
  NOT_FOUND: 'errors.notFound',
  BACKEND_REJECTED: 'errors.backendRejected',
  BACKEND_REFUSED: 'errors.backendRefused',
  BACKEND_UNAVAILABLE: 'errors.backendUnavailable',
  BACKEND_INVALID_RESPONSE: 'errors.backendInvalidResponse',
  NOT_CONFIGURED: 'errors.notConfigured',
  CONFIG_LOCKED: 'errors.configLocked',
  CONFIG_INVALID: 'errors.configInvalid',
  KEY_INVALID: 'errors.keyInvalid',
  TRAINING_ONLY: 'errors.trainingOnly',
  CANCELLED: 'errors.cancelled',
  ACTION_IN_PROGRESS: 'errors.actionInProgress',
  TEMPLATE_INVALID: 'errors.templateInvalid',
  UPDATE_HELD: 'errors.updateHeld',
  PHONE_CALL_OPEN: 'errors.phoneCallOpen',
  WRAP_UP_REQUIRED: 'errors.wrapUpRequired',
  ADMIN_REQUIRED: 'errors.adminRequired',
  ENROLMENT_CODE_REQUIRED: 'errors.enrolmentCodeRequired',
  ENROLMENT_CODE_WRONG: 'errors.enrolmentCodeWrong',
  ENROLMENT_CODE_LOCKED: 'errors.enrolmentCodeLocked',
  ENROLMENT_CODE_SPENT: 'errors.enrolmentCodeSpent',
};

/** TypedError's own limits: a failure must never break the schema the renderer checks it against. */
const MAX_FIELDS = 50;
const MAX_FIELD_LENGTH = 200;

export type BackendErrorDetail = NonNullable<TypedError['backend']>;

export const failure = (
  code: ErrorCode,
  correlationId: string,
  fields?: readonly string[],
  backend?: BackendErrorDetail,
): { ok: false; error: TypedError } => ({
  ok: false,
  error: {
    code,
    messageKey: messageKeyFor[code],
    correlationId,
    ...(fields && fields.length > 0 ? { fields: fields.slice(0, MAX_FIELDS).map((field) => field.slice(0, MAX_FIELD_LENGTH)) } : {}),
    ...(backend ? { backend } : {}),
  },
});
