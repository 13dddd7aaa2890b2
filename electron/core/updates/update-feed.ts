import type { UpdateChannel } from '../config/config-schema';

/** What the feed offers: the newest release of the channel. */
export interface OfferedUpdate {
  readonly version: string;
  /**
   * The feed's own verdict: false when electron-updater holds a newer release back from this seat
   * (a staged rollout, a minimum OS version). The policy still refuses older versions itself.
   */
  readonly available: boolean;
}

/**
 * The update feed as the policy sees it. Main implements it over electron-updater (a thin adapter);
 * the tests implement it over electron-updater's own Node-runnable pieces against a local feed.
 */
export interface UpdateFeed {
  /** Points the feed at the installer's URL and release line; called before the first check. */
  configure(feed: { readonly url: string; readonly channel: UpdateChannel }): void;
  /** Reads the channel file. Throws when the feed cannot be reached or read. */
  check(): Promise<OfferedUpdate>;
  /**
   * Downloads what `check` offered and verifies it: the sha512 the feed lists, and on Windows the
   * installer's publisher signature. Throws when a check fails; nothing is then kept to install.
   */
  download(): Promise<void>;
  /** Runs the verified installer silently: now (and the console starts again after) or as the console quits. */
  install(options: { readonly relaunch: boolean }): void;
}

/**
 * Thrown by a feed that cannot work in this run at all (main's updater code did not load): the
 * policy turns updates off until the next start instead of retrying, and the console works on.
 */
export class UpdateFeedUnavailableError extends Error {
  override readonly name: string = 'UpdateFeedUnavailableError';
}
