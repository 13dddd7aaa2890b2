import { redactValue } from '../../shared/domain/redaction';

/**
 * Where the sandbox reports its own problems (a response that broke its schema, a failed write of
 * the data file). Library code never prints; the CLI passes a logger that writes to stderr.
 * Details are redacted before they reach it, and request URLs are never part of them: a search
 * query may hold a name or, refused but still typed, a card number.
 */
export interface SandboxLogger {
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export const silentLogger: SandboxLogger = { warn: () => undefined, error: () => undefined };

export const redactedDetail = (detail: Record<string, unknown>): Record<string, unknown> => {
  const redacted = redactValue(detail);
  return redacted !== null && typeof redacted === 'object' && !Array.isArray(redacted) ? (redacted as Record<string, unknown>) : {};
};
