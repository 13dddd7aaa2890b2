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
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const TypedError = z.strictObject({
  code: ErrorCode,
  /** An i18n key under `errors.*`; the renderer shows its translation, never a raw message. */
  messageKey: z.string().regex(/^errors\.[A-Za-z.]+$/),
  correlationId: z.string().min(1).max(64),
  /** Which input fields were wrong (paths only, never the values). */
  fields: z.array(z.string().max(200)).max(50).optional(),
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
};

/** TypedError's own limits: a failure must never break the schema the renderer checks it against. */
const MAX_FIELDS = 50;
const MAX_FIELD_LENGTH = 200;

export const failure = (
  code: ErrorCode,
  correlationId: string,
  fields?: string[],
): { ok: false; error: TypedError } => ({
  ok: false,
  error: {
    code,
    messageKey: messageKeyFor[code],
    correlationId,
    ...(fields && fields.length > 0 ? { fields: fields.slice(0, MAX_FIELDS).map((field) => field.slice(0, MAX_FIELD_LENGTH)) } : {}),
  },
});
