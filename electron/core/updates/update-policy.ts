import type { UpdateStatus } from '../../../shared/contract/updates';
import type { UpdateChannel, UpdatesConfig } from '../config/config-schema';
import type { Logger } from '../logging/logger';
import { compareVersions } from './release-version';
import { UpdateFeedUnavailableError, type UpdateFeed } from './update-feed';

/** When the feed is read. Tests shorten nothing: they call `checkNow` and read what was scheduled. */
export interface UpdateTiming {
  /** After start: long enough that a console starting at the shift's beginning is not slowed by it. */
  readonly firstCheckMs: number;
  /** Between checks while nothing is ready. */
  readonly intervalMs: number;
  /** After a feed that could not be read: one delay per failure in a row, the last repeated. */
  readonly retryMs: readonly number[];
}

const DEFAULT_UPDATE_TIMING: UpdateTiming = {
  firstCheckMs: 2 * 60_000,
  intervalMs: 4 * 60 * 60_000,
  retryMs: [5 * 60_000, 15 * 60_000, 60 * 60_000],
};

export interface UpdateScheduler {
  schedule(run: () => void, delayMs: number): () => void;
}

const realScheduler: UpdateScheduler = {
  schedule(run, delayMs) {
    const timer = setTimeout(run, delayMs);
    // A pending check never keeps the process alive.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

/** What one check came to. */
export type UpdateOutcome =
  | { readonly kind: 'off' }
  | { readonly kind: 'unreachable'; readonly retryInMs: number }
  | { readonly kind: 'up-to-date'; readonly version: string }
  | { readonly kind: 'withheld'; readonly version: string }
  | { readonly kind: 'refused'; readonly version: string; readonly why: 'downgrade' | 'not-a-version' }
  | { readonly kind: 'verification-failed'; readonly version: string; readonly message: string }
  | { readonly kind: 'ready'; readonly version: string };

export interface UpdatePolicyOptions {
  /** null: this install has no in-app updates (a deb, a dev build). */
  readonly feed: UpdateFeed | null;
  /** The installer's `updates` setting; null: no feed configured. */
  readonly settings: UpdatesConfig | null;
  readonly currentVersion: string;
  /** True while a token action is under way: an update never installs then. */
  readonly isBusy: () => boolean;
  /** Called once, when an update is downloaded and verified. */
  readonly onReady: (version: string) => void;
  readonly logger: Logger;
  readonly timing?: UpdateTiming;
  readonly scheduler?: UpdateScheduler;
}

export interface UpdatePolicy {
  /** Schedules the first check; does nothing when updates are off. */
  start(): void;
  stop(): void;
  status(): UpdateStatus;
  /** Reads the feed now and acts on it; schedules the next check. */
  checkNow(): Promise<UpdateOutcome>;
  /** The agent chose to install: refused while an action is under way or before anything is ready. */
  installNow(): 'installing' | 'held' | 'not-ready';
  /** The console is quitting: installs a ready update unless an action is under way. True when it did. */
  installOnQuit(): boolean;
}

const channelOf = (settings: UpdatesConfig): UpdateChannel => settings.channel ?? 'stable';

/**
 * The console's update policy, apart from electron-updater: when to read the feed (a while after
 * start, then every few hours; after a feed that is down, sooner, quietly, and again later), what
 * to accept (only a version newer than the running one: a downgrade offered by the feed is refused
 * and logged), and when to install (when the console quits or the agent chooses, never while a
 * token action is under way: its outbox entry would resume under another version mid-flight).
 */
export const createUpdatePolicy = (options: UpdatePolicyOptions): UpdatePolicy => {
  const { feed, settings, logger } = options;
  const log = logger.child({ component: 'updates' });
  const timing = options.timing ?? DEFAULT_UPDATE_TIMING;
  const scheduler = options.scheduler ?? realScheduler;
  const active = feed !== null && settings !== null;
  // Set when the feed says it cannot work in this run (its code did not load).
  let unavailable = false;
  let ready: string | null = null;
  let failuresInARow = 0;
  let cancelNext: (() => void) | null = null;
  let stopped = false;
  let running: Promise<UpdateOutcome> | null = null;

  const scheduleNext = (delayMs: number): void => {
    cancelNext?.();
    cancelNext = null;
    if (stopped || ready !== null) return;
    cancelNext = scheduler.schedule(() => void check(), delayMs);
  };

  const runCheck = async (): Promise<UpdateOutcome> => {
    if (!feed || !settings || unavailable) return { kind: 'off' };
    if (ready !== null) return { kind: 'ready', version: ready };
    let offered: string;
    let available: boolean;
    try {
      ({ version: offered, available } = await feed.check());
    } catch (error) {
      if (error instanceof UpdateFeedUnavailableError) {
        // Nothing to retry: the updater's code is not there. The status says off, as for an install without updates.
        unavailable = true;
        cancelNext?.();
        cancelNext = null;
        log.error({ err: error }, 'updates are off until the console restarts: the updater could not be loaded');
        return { kind: 'off' };
      }
      const retryInMs = timing.retryMs[Math.min(failuresInARow, timing.retryMs.length - 1)] ?? timing.intervalMs;
      failuresInARow += 1;
      // Quiet: the agent cannot fix a feed that is down, and the console works on without it.
      log.warn({ err: error, url: settings.url, failuresInARow, retryInMs }, 'update feed could not be read; trying again later');
      scheduleNext(retryInMs);
      return { kind: 'unreachable', retryInMs };
    }
    failuresInARow = 0;
    const order = compareVersions(offered, options.currentVersion);
    if (order === null) {
      log.error({ offered, url: settings.url }, 'update refused: the feed offers something that is not a version');
      scheduleNext(timing.intervalMs);
      return { kind: 'refused', version: offered, why: 'not-a-version' };
    }
    if (order === 0) {
      log.debug({ version: offered }, 'no update: the feed offers the running version');
      scheduleNext(timing.intervalMs);
      return { kind: 'up-to-date', version: offered };
    }
    if (order < 0) {
      // A rollback is done by reinstalling the older release, never by the feed (docs/installing.md).
      log.warn({ offered, running: options.currentVersion, url: settings.url }, 'update refused: the feed offers an older version');
      scheduleNext(timing.intervalMs);
      return { kind: 'refused', version: offered, why: 'downgrade' };
    }
    if (!available) {
      log.info({ version: offered }, 'a newer version is on the feed but held back from this seat (staged rollout or system requirement)');
      scheduleNext(timing.intervalMs);
      return { kind: 'withheld', version: offered };
    }
    log.info({ version: offered, channel: channelOf(settings) }, 'downloading update in the background');
    try {
      await feed.download();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error({ err: error, version: offered }, 'update refused: the download failed or did not verify; nothing will be installed');
      scheduleNext(timing.intervalMs);
      return { kind: 'verification-failed', version: offered, message };
    }
    ready = offered;
    cancelNext?.();
    cancelNext = null;
    log.info({ version: offered }, 'update downloaded and verified; it installs when the console quits');
    options.onReady(offered);
    return { kind: 'ready', version: offered };
  };

  const check = (): Promise<UpdateOutcome> => {
    running ??= runCheck().finally(() => {
      running = null;
    });
    return running;
  };

  const install = (relaunch: boolean): void => {
    log.info({ version: ready, relaunch }, 'installing update');
    feed?.install({ relaunch });
  };

  return {
    start() {
      if (!active) {
        log.info({ reason: feed === null ? 'this install is updated by its package manager or is a development build' : 'no update feed configured' }, 'updates are off');
        return;
      }
      feed.configure({ url: settings.url, channel: channelOf(settings) });
      scheduleNext(timing.firstCheckMs);
    },
    stop() {
      stopped = true;
      cancelNext?.();
      cancelNext = null;
    },
    status: () => ({
      state: !active || unavailable ? 'off' : ready !== null ? 'ready' : 'idle',
      ...(ready !== null ? { version: ready } : {}),
      heldByActions: ready !== null && options.isBusy(),
    }),
    checkNow: check,
    installNow() {
      if (ready === null) return 'not-ready';
      if (options.isBusy()) return 'held';
      install(true);
      return 'installing';
    },
    installOnQuit() {
      if (ready === null) return false;
      if (options.isBusy()) {
        log.info({ version: ready }, 'update held: an action is under way; it installs on a later quit');
        return false;
      }
      install(false);
      return true;
    },
  };
};
