import type { Logger } from '../core/logging/logger';
import { fileForLog } from './url-for-log';

export interface ConsoleMessageLike {
  readonly level: string;
  readonly message: string;
  readonly sourceId: string;
  readonly lineNumber: number;
}

export interface DiagnosedWebContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: { readonly reason: string; readonly exitCode: number }) => void): unknown;
  on(event: 'console-message', listener: (details: ConsoleMessageLike) => void): unknown;
}

/**
 * A renderer that crashes or logs an error is otherwise invisible to support. Errors the renderer
 * catches itself arrive by the `log.rendererError` call; these are the ones it could not report.
 * Only console errors are kept: info and warnings would flood the log during a busy shift.
 */
export const logRendererDiagnostics = (contents: DiagnosedWebContents, logger: Logger): void => {
  contents.on('render-process-gone', (_event, details) => {
    logger.error({ source: 'renderer', reason: details.reason, exitCode: details.exitCode }, 'renderer process gone');
  });
  contents.on('console-message', (details) => {
    if (details.level !== 'error') return;
    logger.error(
      { source: 'renderer-console', file: fileForLog(details.sourceId), line: details.lineNumber },
      details.message.slice(0, 2000),
    );
  });
};
