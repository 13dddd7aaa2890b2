import { createLogger, type Logger } from '../../../../electron/core/logging/logger';

export interface MemoryLogger {
  readonly logger: Logger;
  /** Every line written so far, exactly as it would reach the log file. */
  readonly text: () => string;
  /** The lines parsed back, for asserting on fields. */
  readonly records: () => Array<Record<string, unknown>>;
}

/** The real logger (redaction included) writing into memory instead of a file. */
export const memoryLogger = (level: 'debug' | 'info' = 'debug'): MemoryLogger => {
  const lines: string[] = [];
  const logger = createLogger({ level, destination: { write: (line: string) => void lines.push(line) } });
  return {
    logger,
    text: () => lines.join(''),
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
};
