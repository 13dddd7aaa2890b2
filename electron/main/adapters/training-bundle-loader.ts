import { createRequire } from 'node:module';
import type { StartTrainingBackend, TrainingBackend } from '../../core/app-core';
import type { Logger } from '../../core/logging/logger';

/** The training backend's own bundle, beside main.cjs (scripts/build-electron.mjs builds it from sandbox/packaged-entry.ts). */
export const TRAINING_BUNDLE_FILE = 'training-backend.cjs';

/** The warn/error logger the sandbox takes (its SandboxLogger), declared here: main never imports the sandbox. */
interface BundleLogger {
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

/** What the bundle exports; checked when it is loaded, since a file on disk is a border. */
interface TrainingBundle {
  startTrainingBackend(options: { readonly logger: BundleLogger }): Promise<TrainingBackend>;
}

const isTrainingBundle = (value: unknown): value is TrainingBundle =>
  typeof value === 'object' && value !== null && typeof (value as { startTrainingBackend?: unknown }).startTrainingBackend === 'function';

/**
 * Training mode's backend, loaded from its own bundle only when training mode starts: a console
 * on a real backend never loads the training data, its published passwords or its web server.
 * The file path is resolved at run time, so esbuild leaves the bundle out of main.cjs.
 */
export const trainingBundleStarter =
  (bundleFile: string, logger: Logger): StartTrainingBackend =>
  async () => {
    const log = logger.child({ component: 'training-backend' });
    const loaded: unknown = createRequire(bundleFile)(bundleFile);
    if (!isTrainingBundle(loaded)) throw new Error(`${bundleFile} does not export startTrainingBackend`);
    return loaded.startTrainingBackend({
      logger: {
        warn: (message, detail) => log.warn(detail ?? {}, message),
        error: (message, detail) => log.error(detail ?? {}, message),
      },
    });
  };
