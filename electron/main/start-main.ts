import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { APP_ORIGIN } from '../../shared/contract';
import { actionPaths, createCore, type StartTrainingBackend } from '../core/app-core';
import { machineConfigPath, userConfigPath } from '../core/config/config-paths';
import { loadConfig } from '../core/config/load-config';
import type { Logger } from '../core/logging/logger';
import type { ChooseExportFile } from '../core/supervision/audit-exports';
import type { UpdateFeed } from '../core/updates/update-feed';
import { restoreBounds } from '../core/window-state/restore-bounds';
import type { Rect } from '../core/window-state/window-state';
import { createWindowStateStore } from '../core/window-state/window-state-store';
import { enforceContentSecurityPolicy, registerAppScheme, serveAppProtocol, type HeaderInterceptor, type ProtocolHandlerRegistry, type SchemeRegistrar } from './app-protocol';
import { buildMenuTemplate } from './app-menu';
import { openWorkstationSecrets, type SafeStorageLike } from './adapters/safe-storage-encryptor';
import { workstationIdFrom } from './adapters/workstation-id';
import { forwardEvents, type EventTargetWindow } from './ipc/forward-events';
import { callerOfWebContents, registerIpcHandlers, type IpcMainLike } from './ipc/register-ipc';
import { logProcessErrors, type ProcessLike } from './process-errors';
import { logRendererDiagnostics, type DiagnosedWebContents } from './renderer-diagnostics';
import { createScreenPopInbox, registerScreenPopScheme, type ScreenPopProcess } from './screen-pop';
import { claimSingleInstance, type FocusableWindow } from './single-instance';
import { guardSession, guardWebContents, type GuardedSession, type GuardedWebContents, type PreventableEventLike } from './web-contents-guards';
import { DEFAULT_WINDOW_HEIGHT, DEFAULT_WINDOW_WIDTH, MIN_WINDOW_HEIGHT, MIN_WINDOW_WIDTH, buildWindowOptions } from './window-options';
import { trackWindowState, type TrackedWindow } from './window-state-tracker';

export type AppWebContents = GuardedWebContents & DiagnosedWebContents;

/** The parts of Electron's app the composition root uses. */
export interface MainApp {
  readonly isPackaged: boolean;
  enableSandbox(): void;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<unknown>;
  getPath(name: 'userData' | 'logs'): string;
  getVersion(): string;
  quit(): void;
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  on(event: 'second-instance', listener: (event: unknown, argv: readonly string[]) => void): unknown;
  /** macOS hands a `token-desk://` link to the running app this way, possibly before `ready`. */
  on(event: 'open-url', listener: (event: PreventableEventLike, url: string) => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: AppWebContents) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'will-quit', listener: (event: PreventableEventLike) => void): unknown;
}

export type MainWindow = FocusableWindow &
  TrackedWindow &
  EventTargetWindow & {
    readonly webContents: EventTargetWindow['webContents'] & { readonly id: number };
    once(event: 'ready-to-show', listener: () => void): unknown;
    on(event: 'closed', listener: () => void): unknown;
    maximize(): void;
    loadURL(url: string): Promise<void>;
  };

export type AppSession = GuardedSession & { readonly webRequest: HeaderInterceptor };

/** Electron, as ports: `index.ts` passes the real modules, tests pass fakes. */
export interface MainPorts {
  readonly app: MainApp;
  readonly protocol: SchemeRegistrar & ProtocolHandlerRegistry;
  readonly ipcMain: IpcMainLike;
  /** Only valid once the app is ready. */
  readonly getDefaultSession: () => AppSession;
  /** The displays' work areas, the primary first. Only valid once the app is ready. */
  readonly getDisplays: () => Rect[];
  readonly createWindow: (options: BrowserWindowConstructorOptions) => MainWindow;
  readonly setApplicationMenu: (template: MenuItemConstructorOptions[]) => void;
  readonly openExternal: (url: string) => Promise<void>;
  readonly process: ProcessLike &
    ScreenPopProcess & { readonly platform: NodeJS.Platform; readonly env: Readonly<Record<string, string | undefined>> };
  /** Only valid once the app is ready. */
  readonly safeStorage: SafeStorageLike;
  readonly hostname: () => string;
  /** Starts the in-process training backend (its own bundle), used when no backend is configured. */
  readonly startTrainingBackend: StartTrainingBackend;
  /** The console's own update feed (electron-updater); absent where the install is not updated in-app. */
  readonly updateFeed?: UpdateFeed;
  /** Where a supervisor's audit export is saved: the system's save dialog. */
  readonly chooseExportFile?: ChooseExportFile;
}

/** The workstation key's encrypted store, in the profile. */
export const SECRETS_FILE = 'secrets.json';

export interface MainOptions {
  readonly logger: Logger;
  readonly preloadPath: string;
  readonly rendererDir: string;
  /** Hosts whose https links open in the system browser, besides the settings' externalLinkAllowlist. */
  readonly externalHosts: readonly string[];
  /**
   * The installer's machine-wide settings file; the platform's place when absent. Tests only: the
   * entry point never sets it, and no environment variable can, so a user cannot slip past a lock.
   */
  readonly machineConfigFile?: string;
}

export const APP_START_URL = `${APP_ORIGIN}/`;

/**
 * The main process, start to first window. Returns false when another copy already runs (this one
 * is quitting), true once the window is loading. Order matters: the sandbox switch and the scheme
 * privileges only take effect before `ready`, and the guards are attached before any page exists.
 */
export const startMain = async (ports: MainPorts, options: MainOptions): Promise<boolean> => {
  const { app } = ports;
  const { logger } = options;
  const isDev = !app.isPackaged;
  logProcessErrors(ports.process, logger);

  app.enableSandbox();
  let mainWindow: MainWindow | null = null;
  // Screen-pop links from the phone system: a second copy's, macOS's (possibly before ready), and
  // this start's own; they wait until core can take them.
  const screenPops = createScreenPopInbox(logger);
  if (!claimSingleInstance(app, () => mainWindow, (argv) => screenPops.fromArgv(argv, 'second-instance'))) return false;
  app.on('open-url', (event, url) => {
    event.preventDefault();
    screenPops.receive(url, 'open-url');
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.focus();
  });
  screenPops.fromArgv(ports.process.argv, 'command-line');
  registerAppScheme(ports.protocol);

  // The installer's allowlist is known once the settings are read; the window comes after that.
  let externalHosts = options.externalHosts;
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, { externalHosts, openExternal: ports.openExternal, logger });
    logRendererDiagnostics(contents, logger);
  });
  // One console per agent: closing its window ends the session on every platform, macOS included.
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();
  logger.info({ version: app.getVersion(), packaged: app.isPackaged, platform: ports.process.platform }, 'Token Desk starting');
  const session = ports.getDefaultSession();
  guardSession(session, logger);
  enforceContentSecurityPolicy(session.webRequest);
  serveAppProtocol(ports.protocol, options.rendererDir);

  const userDataDir = app.getPath('userData');
  const configFiles = { userFile: userConfigPath(userDataDir), machineFile: options.machineConfigFile ?? machineConfigPath(ports.process.platform, ports.process.env) };
  // Only the installer's machine-wide file can allow plaintext secrets; it is read before the store opens.
  const { config: startConfig } = await loadConfig(configFiles);
  const secrets = await openWorkstationSecrets({
    safeStorage: ports.safeStorage,
    platform: ports.process.platform,
    file: join(userDataDir, SECRETS_FILE),
    allowPlaintextSecrets: startConfig.allowPlaintextSecrets,
    logger,
  });
  const core = await createCore({
    userDataDir,
    version: app.getVersion(),
    logger,
    secrets,
    configFiles,
    workstationId: workstationIdFrom(ports.hostname()),
    startTrainingBackend: ports.startTrainingBackend,
    ...(ports.updateFeed ? { updateFeed: ports.updateFeed } : {}),
    ...(ports.chooseExportFile ? { chooseExportFile: ports.chooseExportFile } : {}),
    // The token actions' outbox and audit journal live in the profile, beside the settings.
    ...actionPaths(userDataDir),
  });
  externalHosts = [...options.externalHosts, ...core.config.get().config.externalLinkAllowlist];
  registerScreenPopScheme(app, ports.process, logger);
  screenPops.connect((link, source) => void core.phoneCalls.screenPop(link, source));
  registerIpcHandlers(ports.ipcMain, core, logger);
  forwardEvents(core.events, () => (mainWindow ? [mainWindow] : []));
  ports.setApplicationMenu(buildMenuTemplate({ isDev, platform: ports.process.platform }));

  const windowState = createWindowStateStore(userDataDir, logger);
  const restored = restoreBounds(await windowState.load(), ports.getDisplays(), {
    width: DEFAULT_WINDOW_WIDTH,
    height: DEFAULT_WINDOW_HEIGHT,
    minWidth: MIN_WINDOW_WIDTH,
    minHeight: MIN_WINDOW_HEIGHT,
  });
  if (restored.reason !== 'restored' && restored.reason !== 'missing') logger.info({ reason: restored.reason }, 'window placed afresh');

  const window = ports.createWindow(buildWindowOptions({ isDev, preloadPath: options.preloadPath, bounds: restored.bounds }));
  mainWindow = window;
  window.once('ready-to-show', () => {
    // Maximising a hidden window shows it, so it waits until the first frame is painted.
    if (restored.maximized) window.maximize();
    window.show();
  });
  // Read now: a closed window's WebContents is destroyed, and its id with it.
  const windowCaller = callerOfWebContents(window.webContents.id);
  window.on('closed', () => {
    mainWindow = null;
    // A search the closed window started would otherwise run on and answer nobody.
    core.forgetCaller(windowCaller);
  });
  trackWindowState(window, (state) => windowState.save(state));

  // The last window-state write may still be on its way to disk when the window closes.
  let drained = false;
  app.on('will-quit', (event) => {
    if (drained) return;
    event.preventDefault();
    // The training backend stops with the console, and the agent's backend session ends with it.
    void Promise.allSettled([windowState.idle(), core.close()]).finally(() => {
      drained = true;
      // A verified update installs now, unless an action is still under way (it resumes on the next start).
      core.updates.installOnQuit();
      app.quit();
    });
  });

  window.loadURL(APP_START_URL).catch((error: unknown) => {
    logger.error({ err: error }, 'console page did not load');
  });
  return true;
};
