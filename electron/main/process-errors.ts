import type { Logger } from '../core/logging/logger';

export interface ProcessLike {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * Main's own failures go to the log (redacted like everything else), not to a dialog an agent would
 * click away without reading. The process keeps running: the console and its outbox stay usable.
 */
export const logProcessErrors = (process: ProcessLike, logger: Logger): void => {
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception in main');
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled promise rejection in main');
  });
};
