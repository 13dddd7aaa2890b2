import type { RendererErrorReport } from '../../shared/contract';
import { redactText } from '../../shared/domain/redaction';

export type ErrorSource = RendererErrorReport['source'];

export interface ErrorToReport {
  readonly source: ErrorSource;
  readonly error: unknown;
  readonly correlationId?: string;
  /** Extra context such as React's component stack. */
  readonly stack?: string;
}

/** Forwards errors the renderer caught to main's log. Never throws: it runs inside error handlers. */
export interface ErrorReporter {
  report(error: ErrorToReport): void;
}

/** How a report reaches main: the `log.rendererError` call. */
export type ReportSink = (report: RendererErrorReport) => Promise<unknown>;

const MAX_MESSAGE = 2000;
const MAX_STACK = 8000;
const CORRELATION_ID = /^[A-Za-z0-9_.-]{1,64}$/;
/** An error loop must not flood main's log or the IPC channel. */
const MAX_REPORTS_PER_SESSION = 50;

const describe = (error: unknown): { message: string; stack?: string } => {
  if (error instanceof Error) return { message: `${error.name}: ${error.message}`, ...(error.stack ? { stack: error.stack } : {}) };
  if (typeof error === 'string') return { message: error };
  try {
    return { message: JSON.stringify(error) ?? String(error) };
  } catch {
    return { message: String(error) };
  }
};

const correlationIdOf = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null || !('correlationId' in error)) return undefined;
  const id = error.correlationId;
  return typeof id === 'string' && CORRELATION_ID.test(id) ? id : undefined;
};

/** Builds the report main accepts: bounded, and scrubbed of anything that looks like a card number or a key. */
export const toRendererErrorReport = (input: ErrorToReport): RendererErrorReport => {
  const { message, stack } = describe(input.error);
  const combinedStack = [stack, input.stack].filter((part): part is string => Boolean(part)).join('\n');
  const correlationId = input.correlationId ?? correlationIdOf(input.error);
  return {
    source: input.source,
    message: redactText(message).slice(0, MAX_MESSAGE) || 'unknown error',
    ...(combinedStack ? { stack: redactText(combinedStack).slice(0, MAX_STACK) } : {}),
    ...(correlationId !== undefined && CORRELATION_ID.test(correlationId) ? { correlationId } : {}),
  };
};

export const createErrorReporter = (send: ReportSink, limit = MAX_REPORTS_PER_SESSION): ErrorReporter => {
  let sent = 0;
  const seen = new Set<string>();
  return {
    report: (input) => {
      try {
        const report = toRendererErrorReport(input);
        const key = `${report.source}|${report.message}|${report.correlationId ?? ''}`;
        if (sent >= limit || seen.has(key)) return;
        sent += 1;
        seen.add(key);
        // A report that cannot be delivered cannot be reported either; dropping it avoids a loop.
        send(report).catch(() => undefined);
      } catch {
        // Same reason: the reporter must never become the source of the next error.
      }
    },
  };
};

/** Reports uncaught errors and unhandled promise rejections. Returns the uninstall function. */
export const installGlobalErrorReporting = (target: EventTarget, reporter: ErrorReporter): (() => void) => {
  const onError = (event: Event): void => {
    // Window 'error' events carrying script errors are ErrorEvents; the DOM types cannot say so.
    const { error, message } = event as Partial<ErrorEvent>;
    reporter.report({ source: 'window.onerror', error: error ?? message ?? 'error event without details' });
  };
  const onRejection = (event: Event): void => {
    const { reason } = event as Partial<PromiseRejectionEvent>;
    reporter.report({ source: 'unhandledrejection', error: reason ?? 'rejection without a reason' });
  };
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
};
