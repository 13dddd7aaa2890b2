import { join } from 'node:path';
import { hostname } from 'node:os';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session, shell } from 'electron';
import { createLogger } from '../core/logging/logger';
import { TRAINING_BUNDLE_FILE, trainingBundleStarter } from './adapters/training-bundle-loader';
import { inAppUpdatesSupported } from './adapters/electron-update-feed';
import { UPDATER_BUNDLE_FILE, updaterBundleFeed } from './adapters/updater-bundle-loader';
import { startMain } from './start-main';
import { exportFileChooser } from './adapters/save-dialog';
import { runValidateConfigFlag, validateConfigFiles } from './validate-config-flag';

/**
 * The entry point: hands Electron's modules to the composition root and nothing else, so that all
 * logic lives in modules the unit tests can load without an Electron binary.
 *
 * Layout (the same unpacked and inside app.asar): dist-electron/main.cjs (this file, bundled),
 * dist-electron/preload.cjs, dist-electron/training-backend.cjs (loaded only in training mode),
 * dist-electron/updater.cjs (loaded at the first update check), dist/renderer/index.html.
 */
const startConsole = (): void => {
  const logger = createLogger({ dir: app.getPath('logs'), level: app.isPackaged ? 'info' : 'debug' });

  startMain(
    {
      app,
      protocol,
      ipcMain,
      getDefaultSession: () => session.defaultSession,
      getDisplays: () => {
        const primary = screen.getPrimaryDisplay();
        return [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)].map((display) => display.workArea);
      },
      // Verified false positives: the options come from buildWindowOptions, which forces
      // contextIsolation and sandbox after any override (unit-tested), and a middle-click's new window
      // goes to setWindowOpenHandler, which denies all. Electronegativity cannot see inside a function.
      createWindow: (options) => new BrowserWindow(options), /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK */
      setApplicationMenu: (template) => Menu.setApplicationMenu(Menu.buildFromTemplate(template)),
      // Reviewed: only web-contents-guards calls this, with an https URL on the installer's allowlist.
      openExternal: (url) => shell.openExternal(url), /* eng-disable OPEN_EXTERNAL_JS_CHECK */
      process,
      safeStorage,
      hostname,
      chooseExportFile: exportFileChooser({
        showSaveDialog: (window, options) => dialog.showSaveDialog(window, options),
        showSaveDialogAlone: (options) => dialog.showSaveDialog(options),
        focusedWindow: () => BrowserWindow.getFocusedWindow(),
      }),
      startTrainingBackend: trainingBundleStarter(join(__dirname, TRAINING_BUNDLE_FILE), logger),
      // electron-updater is its own bundle, required at the first check (minutes after the window
      // shows), so an install without in-app updates never loads it and no start parses it.
      ...(inAppUpdatesSupported(process.platform, process.env, app.isPackaged)
        ? { updateFeed: updaterBundleFeed(join(__dirname, UPDATER_BUNDLE_FILE), logger) }
        : {}),
    },
    {
      logger,
      preloadPath: join(__dirname, 'preload.cjs'),
      rendererDir: join(__dirname, '..', 'dist', 'renderer'),
      // The settings' externalLinkAllowlist names the hosts agents may open; none beyond it.
      externalHosts: [],
    },
  ).catch((error: unknown) => {
    logger.fatal({ err: error }, 'Token Desk could not start');
    dialog.showErrorBox('Token Desk', `起動できませんでした。/ Token Desk could not start.\n${app.getPath('logs')}`);
    app.exit(1);
  });
};

// `token-desk --validate-config FILE`: an installer's check of the machine-wide file, answered
// before anything else starts (no window, no single-instance lock, no log).
const filesToValidate = validateConfigFiles(process.argv);
if (filesToValidate === null) {
  startConsole();
} else {
  void runValidateConfigFlag(filesToValidate, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (code) => app.exit(code),
    (error: unknown) => {
      process.stderr.write(`validate-config failed: ${String(error)}\n`);
      app.exit(2);
    },
  );
}
