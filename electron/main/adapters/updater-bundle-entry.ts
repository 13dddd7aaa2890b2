// The entry of dist-electron/updater.cjs: electron-updater and its dependencies, loaded by main
// only when the first update check runs (updater-bundle-loader.ts).
import { BaseUpdater, autoUpdater } from 'electron-updater';
import type { UpdaterBundle } from './updater-bundle-loader';
import { electronUpdateFeed } from './electron-update-feed';

/**
 * autoUpdater is created on first read, here, when the first check runs; on Windows and in an
 * AppImage it is one of the installing updaters (NsisUpdater, AppImageUpdater).
 */
export const createUpdateFeed: UpdaterBundle['createUpdateFeed'] = (logger) =>
  autoUpdater instanceof BaseUpdater ? electronUpdateFeed(autoUpdater, logger) : null;
