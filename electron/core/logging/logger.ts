import { pino, type Bindings, type ChildLoggerOptions, type Logger as PinoLogger, type DestinationStream } from 'pino';
import { redactValue } from '../../../shared/domain/redaction';
import { openLogFile } from './log-files';

export type Logger = PinoLogger;

export interface LoggerOptions {
  /** The user's log folder; main passes `app.getPath('logs')`. */
  readonly dir?: string;
  readonly level?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Tests pass a memory stream to read what would have been written. */
  readonly destination?: DestinationStream;
}

/**
 * Structured JSON lines to a size-rotated file. Every argument passes through the redaction step
 * before pino sees it, so no code path can write a card number, key or token, even by mistake.
 */
export const createLogger = (options: LoggerOptions): Logger => {
  const destination = options.destination ?? (options.dir ? openLogFile(options.dir) : pino.destination(2));
  const logger = pino(
    {
      level: options.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { pid: process.pid },
      hooks: {
        logMethod(args, method) {
          const redacted = args.map((arg) => redactValue(arg)) as Parameters<typeof method>;
          method.apply(this, redacted);
        },
      },
    },
    destination,
  );
  // A child's bindings are serialised once, when it is made, and never pass the logMethod hook;
  // redact them on the way in. Children inherit this override, so grandchildren are covered too.
  const makeChild = logger.child;
  logger.child = function redactedChild<ChildLevels extends string = never>(
    this: Logger,
    bindings: Bindings,
    childOptions?: ChildLoggerOptions<ChildLevels>,
  ): PinoLogger<ChildLevels> {
    return makeChild.call<Logger, [Bindings, ChildLoggerOptions<ChildLevels> | undefined], PinoLogger<ChildLevels>>(
      this,
      redactValue(bindings) as Bindings,
      childOptions,
    );
  };
  return logger;
};
