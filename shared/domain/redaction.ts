import { cardNumberRuns } from './card-number-runs';

/**
 * Scrubs anything that looks like a card number, a key or a token out of text and structured
 * values before they are written to a log. It errs on the side of removing too much: a log line
 * with a redacted order number is harmless, one with a card number is a PCI incident. Card numbers
 * are found by the one detector every border uses (./card-number-runs.ts), in every form it reads
 * as one: any separators, any script's digits.
 */
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const KEY_VALUE = /\b(password|passwd|secret|private[_-]?key|client[_-]?secret|api[_-]?key|access[_-]?token|refresh[_-]?token|assertion|enrolment[_-]?code)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi;

/** Property names whose values are secrets whatever they look like. */
const SECRET_KEY_NAME =
  /^(pass(word)?|passwd|secret|client_?secret|private_?key(_?pem)?|authorization|cookie|set-cookie|access_?token|refresh_?token|id_?token|assertion|client_?assertion|api_?key|enrolment_?code|pan|dpan|fpan)$/i;

export const REDACTED = '[redacted]';

/** Every card-number run replaced whole; the marker holds no digit, so no run forms across it. */
const redactCardNumbers = (text: string): string => {
  let out = '';
  let from = 0;
  for (const run of cardNumberRuns(text)) {
    out += `${text.slice(from, run.start)}[redacted-pan]`;
    from = run.end;
  }
  return out + text.slice(from);
};

export const redactText = (text: string): string =>
  redactCardNumbers(
    text
      .replace(PEM_BLOCK, '[redacted-key]')
      .replace(JWT, '[redacted-jwt]')
      .replace(BEARER, '$1 [redacted]')
      .replace(KEY_VALUE, '$1$2[redacted]'),
  );

const MAX_DEPTH = 8;

/** Returns a redacted deep copy of a log payload. Cycles and very deep values are cut, not followed. */
export const redactValue = (value: unknown, depth = 0, seen = new WeakSet<object>()): unknown => {
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const asText = String(value);
    return redactText(asText) === asText ? value : '[redacted-pan]';
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redactText(value.message),
      ...(value.stack ? { stack: redactText(value.stack) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const out: Record<string, unknown> = {};
  const isPrivateJwk = 'kty' in value && 'd' in value;
  for (const [key, item] of Object.entries(value)) {
    if (SECRET_KEY_NAME.test(key) || (isPrivateJwk && ['d', 'p', 'q', 'dp', 'dq', 'qi'].includes(key))) {
      out[key] = REDACTED;
    } else {
      out[key] = redactValue(item, depth + 1, seen);
    }
  }
  return out;
};
