import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Logger } from '../../core/logging/logger';
import { UpdateFeedUnavailableError, type UpdateFeed } from '../../core/updates/update-feed';

/** The updater's own bundle, beside main.cjs (scripts/build-electron.mjs builds it from updater-bundle-entry.ts). */
export const UPDATER_BUNDLE_FILE = 'updater.cjs';

/** What the bundle exports; checked when it is loaded, since a file on disk is a border. */
export interface UpdaterBundle {
  /** The feed over electron-updater's autoUpdater; null when this platform's autoUpdater cannot install (not a BaseUpdater). */
  createUpdateFeed(logger: Logger): UpdateFeed | null;
}

/** Why the updater could not be had: the file is not there, it threw while loading, or it is not the updater. */
export type UpdaterBundleFailure = 'missing' | 'load-failed' | 'not-the-updater' | 'no-installing-updater';

/** The updater bundle could not be loaded: updates stay off for this run, the console works on. */
export class UpdaterBundleError extends UpdateFeedUnavailableError {
  override readonly name: string = 'UpdaterBundleError';
  constructor(
    readonly reason: UpdaterBundleFailure,
    readonly file: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const isUpdaterBundle = (value: unknown): value is UpdaterBundle =>
  typeof value === 'object' && value !== null && typeof (value as { createUpdateFeed?: unknown }).createUpdateFeed === 'function';

const isUpdateFeed = (value: unknown): value is UpdateFeed => {
  if (typeof value !== 'object' || value === null) return false;
  const feed = value as Record<string, unknown>;
  return ['configure', 'check', 'download', 'install'].every((name) => typeof feed[name] === 'function');
};

/**
 * The update feed as main hands it to core, with electron-updater and its dependencies (about a
 * quarter of main's size) in their own bundle: it is required on the first check, which the policy
 * runs minutes after the window is shown, so no start parses it. The file path is resolved at run
 * time, so esbuild leaves the bundle out of main.cjs. A bundle that is missing or broken throws an
 * UpdaterBundleError, which the policy takes as "updates off" (logged, status off).
 */
export const updaterBundleFeed = (bundleFile: string, logger: Logger): UpdateFeed => {
  const log = logger.child({ component: 'updater-bundle' });
  let settings: Parameters<UpdateFeed['configure']>[0] | null = null;
  let loaded: UpdateFeed | null = null;
  let failure: UpdaterBundleError | null = null;

  const fail = (reason: UpdaterBundleFailure, message: string, cause?: unknown): UpdaterBundleError => {
    failure = new UpdaterBundleError(reason, bundleFile, message, cause === undefined ? undefined : { cause });
    log.error({ err: failure, file: bundleFile, reason }, 'the updater bundle could not be loaded; the console works on without in-app updates');
    return failure;
  };

  const load = (): UpdateFeed => {
    if (loaded) return loaded;
    if (failure) throw failure;
    let exported: unknown;
    try {
      exported = createRequire(bundleFile)(bundleFile);
    } catch (error) {
      throw existsSync(bundleFile)
        ? fail('load-failed', `${bundleFile} failed to load`, error)
        : fail('missing', `${bundleFile} is missing`, error);
    }
    if (!isUpdaterBundle(exported)) throw fail('not-the-updater', `${bundleFile} does not export createUpdateFeed`);
    const feed = exported.createUpdateFeed(logger);
    if (feed === null) throw fail('no-installing-updater', `electron-updater has no installing updater for ${process.platform}`);
    if (!isUpdateFeed(feed)) throw fail('not-the-updater', `${bundleFile}'s createUpdateFeed did not return an update feed`);
    log.info({ file: bundleFile }, 'updater loaded from its own bundle');
    if (settings) feed.configure(settings);
    loaded = feed;
    return feed;
  };

  return {
    configure(feed) {
      // Kept until the bundle loads: configuring is part of the policy's start, before any window.
      settings = feed;
      loaded?.configure(feed);
    },
    check: async () => load().check(),
    download: async () => load().download(),
    install: (options) => load().install(options),
  };
};
