import { randomUUID } from 'node:crypto';
import {
  calls,
  failure,
  isCallName,
  type CallName,
  type BackendErrorDetail,
  type CallOutput,
  type ErrorCode,
  type ParsedCallInput,
  type Result,
} from '../../../shared/contract';
import { findForbiddenKey } from './forbidden-keys';
import type { Logger } from '../logging/logger';
import { logRateLimit, type LogRateLimit } from '../logging/log-rate-limit';

/** Who is calling, as the transport established it. Services read it; they never trust input for it. */
export interface CallContext {
  readonly correlationId: string;
  readonly origin: 'ipc' | 'dev-bridge';
  /**
   * Which renderer is calling (a window in main, a browser session on the test bridge), set by the
   * transport. State a call leaves behind, such as a cancellable request, is kept per caller, so
   * one window can never reach another's.
   */
  readonly caller: string;
}

export type Handler<N extends CallName> = (
  input: ParsedCallInput<N>,
  context: CallContext,
) => Promise<CallOutput<N>> | CallOutput<N>;

export type Services = { readonly [N in CallName]: Handler<N> };

/** A call's input, serialised, may not exceed this. The largest legitimate input is a stack trace. */
const MAX_INPUT_BYTES = 64 * 1024;

/** Errors a service throws on purpose carry a code; anything else is reported as INTERNAL. */
export class CallError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: readonly string[],
    readonly backend?: BackendErrorDetail,
  ) {
    super(message);
    this.name = 'CallError';
  }
}

/**
 * One limit per log for the lines about refused calls: a renderer sending malformed calls in a loop
 * would otherwise rotate the log, while every refusal is still answered. A service's own refusal
 * (a CallError) is not limited: it follows a valid call, and the agent acted.
 */
const refusalLimits = new WeakMap<Logger, LogRateLimit>();

const warnRefused = (logger: Logger, context: CallContext, fields: Record<string, unknown>, message: string): void => {
  let limit = refusalLimits.get(logger);
  if (limit === undefined) {
    limit = logRateLimit(logger, { source: 'ipc', droppedMessage: 'refused calls not logged: too many in a short time' });
    refusalLimits.set(logger, limit);
  }
  if (limit.admit(context.caller)) logger.warn({ correlationId: context.correlationId, ...fields }, message);
};

const measure = (raw: unknown): number | null => {
  try {
    return JSON.stringify(raw ?? null).length;
  } catch {
    return null;
  }
};

/**
 * Runs one call through the contract: input size and shape, then the service, then the output.
 * Every failure comes back as a typed result. Main's IPC handler and the test bridge both use it,
 * so the renderer sees the same behaviour whichever transport carries it.
 */
export const dispatch = async (
  services: Services,
  name: string,
  raw: unknown,
  context: CallContext,
  logger: Logger,
): Promise<Result<unknown>> => {
  const { correlationId } = context;
  if (!isCallName(name)) {
    warnRefused(logger, context, { call: name.slice(0, 100) }, 'unknown call refused');
    return failure('UNKNOWN_CALL', correlationId);
  }
  const size = measure(raw);
  if (size === null || size > MAX_INPUT_BYTES) {
    warnRefused(logger, context, { call: name, size }, 'oversized or unserialisable input refused');
    return failure('PAYLOAD_TOO_LARGE', correlationId);
  }
  const forbidden = findForbiddenKey(raw);
  if (forbidden !== null) {
    warnRefused(logger, context, { call: name, path: forbidden }, 'input with a prototype key refused');
    return failure('INVALID_INPUT', correlationId, [forbidden]);
  }
  const spec = calls[name];
  const input = spec.input.safeParse(raw);
  if (!input.success) {
    const fields = input.error.issues.map((issue) => issue.path.join('.') || '(root)');
    warnRefused(logger, context, { call: name, fields }, 'invalid input refused');
    return failure('INVALID_INPUT', correlationId, fields);
  }
  let output: unknown;
  try {
    // The map is keyed by the same names as the contract, so this handler takes this input.
    const handler = services[name] as Handler<CallName>;
    output = await handler(input.data as ParsedCallInput<CallName>, context);
  } catch (error) {
    if (error instanceof CallError) {
      logger.warn({ correlationId, call: name, err: error }, 'call refused by service');
      return failure(error.code, correlationId, error.fields, error.backend);
    }
    logger.error({ correlationId, call: name, err: error }, 'call failed');
    return failure('INTERNAL', correlationId);
  }
  const checked = spec.output.safeParse(output);
  if (!checked.success) {
    const fields = checked.error.issues.map((issue) => issue.path.join('.') || '(root)');
    logger.error({ correlationId, call: name, fields }, 'service output broke the contract');
    return failure('INVALID_OUTPUT', correlationId, fields);
  }
  return { ok: true, data: checked.data };
};

export const newCorrelationId = (): string => randomUUID();
