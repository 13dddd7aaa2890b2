// electron-updater: the updater electron-builder's installers and feed files are made for (sha512
// of every download from the feed, Authenticode publisher check of NSIS updates, AppImage swap).
import type { BaseUpdater, Logger as UpdaterLogger } from 'electron-updater';
import type { Logger } from '../../core/logging/logger';
import type { UpdateFeed } from '../../core/updates/update-feed';

/**
 * Where the console updates itself: a packaged Windows install (NSIS) and an AppImage. A deb is
 * updated by the seat's apt repository (in-app, it would need root and prompt the agent), and a
 * development run has nothing to update.
 */
export const inAppUpdatesSupported = (platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): boolean =>
  isPackaged && (platform === 'win32' || (platform === 'linux' && Boolean(env['APPIMAGE'])));

/**
 * The update feed over electron-updater, and nothing more: when to check and install is the
 * policy's (electron/core/updates). Works on any of electron-updater's installing updaters:
 * `autoUpdater` in the console (NsisUpdater, AppImageUpdater), a real AppImageUpdater under plain
 * Node in the tests.
 */
export const electronUpdateFeed = (updater: BaseUpdater, logger: Logger): UpdateFeed => {
  const log = logger.child({ component: 'electron-updater' });
  const updaterLog: UpdaterLogger = {
    info: (message?: unknown) => log.info(String(message)),
    warn: (message?: unknown) => log.warn(String(message)),
    error: (message?: unknown) => log.error(String(message)),
    debug: (message: string) => log.debug(message),
  };
  return {
    configure({ url, channel }) {
      updater.logger = updaterLog;
      // The policy downloads and installs, after checking the outbox; electron-updater never does on its own.
      updater.autoDownload = false;
      updater.autoInstallOnAppQuit = false;
      // The channel goes in the feed options: the updater's `channel` setter would allow downgrades.
      updater.setFeedURL({ provider: 'generic', url, channel: channel === 'pilot' ? 'pilot' : 'latest' });
      updater.allowDowngrade = false;
    },
    async check() {
      const result = await updater.checkForUpdates();
      if (!result) throw new Error('electron-updater is not active in this install');
      return { version: result.updateInfo.version, available: result.isUpdateAvailable };
    },
    async download() {
      // Throws on a sha512 mismatch, and on Windows on an installer not signed by the publisher.
      await updater.downloadUpdate();
    },
    install({ relaunch }) {
      // Silent: the NSIS update runs with /S. The agent's choice quits the console and starts the
      // new version; on quit, the console is already closing, so the installer just runs.
      if (relaunch) updater.quitAndInstall(true, true);
      else updater.install(true, false);
    },
  };
};
