import type { BrowserWindowConstructorOptions, CustomScheme, MenuItemConstructorOptions } from 'electron';
import { vi } from 'vitest';
import type { MainPorts, MainWindow } from '../../../../electron/main/start-main';
import type { Rect } from '../../../../electron/core/window-state/window-state';
import { fakeIpcMain } from './fake-ipc-main';
import { trainingBackends } from '../../core/session/support/core-harness';

type AnyListener = (...args: never[]) => void;

/** A small event emitter: listeners by name, called with whatever the test passes. */
const emitter = () => {
  const listeners = new Map<string, AnyListener[]>();
  return {
    add(event: string, listener: AnyListener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    emit(event: string, ...args: unknown[]) {
      for (const listener of listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
    },
    names: () => [...listeners.keys()],
  };
};

let webContentsIds = 0;

const fakeWindow = (options: BrowserWindowConstructorOptions) => {
  const events = emitter();
  // Electron numbers WebContents uniquely for the process's life.
  const webContentsId = (webContentsIds += 1);
  const state = { minimized: false, maximized: false, shown: false, focused: false, destroyed: false, loaded: null as string | null };
  const send = vi.fn();
  const window: MainWindow = {
    on: (event: string, listener: AnyListener) => void events.add(event, listener),
    once: (event: string, listener: AnyListener) => void events.add(event, listener),
    isDestroyed: () => state.destroyed,
    isMinimized: () => state.minimized,
    isMaximized: () => state.maximized,
    restore: () => void (state.minimized = false),
    show: () => void (state.shown = true),
    focus: () => void (state.focused = true),
    maximize: () => {
      state.maximized = true;
      state.shown = true;
    },
    getNormalBounds: (): Rect => ({ x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 0, height: options.height ?? 0 }),
    loadURL: async (url: string) => void (state.loaded = url),
    webContents: { id: webContentsId, isDestroyed: () => state.destroyed, send },
  };
  return { window, options, state, send, emit: events.emit, events: events.names };
};

export interface FakeElectronOptions {
  readonly isPackaged?: boolean;
  readonly gotLock?: boolean;
  readonly userDataDir: string;
  readonly logsDir: string;
  readonly displays?: Rect[];
  readonly platform?: NodeJS.Platform;
  readonly env?: Record<string, string | undefined>;
  /** What safeStorage reports on Linux; 'basic_text' is a desktop without a keyring. */
  readonly storageBackend?: 'gnome_libsecret' | 'kwallet5' | 'basic_text' | 'unknown';
  readonly encryptionAvailable?: boolean;
  readonly hostname?: string;
  /** The process's command line (a screen-pop link on it, say). */
  readonly argv?: readonly string[];
}

/**
 * safeStorage as a fake: a reversible scrambling with a marker, so a test sees that what reached the
 * disk went through it (and is not the plain text), and can decrypt it back.
 */
export const fakeSafeStorage = (options: Pick<FakeElectronOptions, 'storageBackend' | 'encryptionAvailable'>) => {
  let plainTextAllowed = false;
  const backend = options.storageBackend ?? 'gnome_libsecret';
  const available = () => (options.encryptionAvailable ?? true) && (backend !== 'basic_text' || plainTextAllowed);
  const safeStorage = {
    isEncryptionAvailable: vi.fn(available),
    getSelectedStorageBackend: vi.fn(() => backend),
    setUsePlainTextEncryption: vi.fn((value: boolean) => void (plainTextAllowed = value)),
    encryptString: vi.fn((plain: string) => Buffer.concat([Buffer.from('FAKE-ENC:'), Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a)])),
    decryptString: vi.fn((data: Buffer) => {
      if (!data.subarray(0, 9).equals(Buffer.from('FAKE-ENC:'))) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(data.subarray(9).map((byte) => byte ^ 0x5a)).toString('utf8');
    }),
  };
  return safeStorage;
};

/** Electron's main-process modules as fakes, with a journal of the calls that must come in order. */
export const fakeElectron = (options: FakeElectronOptions) => {
  const journal: string[] = [];
  const appEvents = emitter();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const quit = vi.fn(() => void journal.push('quit'));
  const ipc = fakeIpcMain();
  const windows: Array<ReturnType<typeof fakeWindow>> = [];
  const schemes: CustomScheme[][] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const session = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };
  const menus: MenuItemConstructorOptions[][] = [];
  const processEvents = emitter();
  const safeStorage = fakeSafeStorage(options);
  const training = trainingBackends();

  const ports: MainPorts = {
    app: {
      isPackaged: options.isPackaged ?? true,
      enableSandbox: () => void journal.push('enableSandbox'),
      requestSingleInstanceLock: () => {
        journal.push('requestSingleInstanceLock');
        return options.gotLock ?? true;
      },
      whenReady: () => ready.then(() => void journal.push('ready')),
      getPath: (name: 'userData' | 'logs') => (name === 'userData' ? options.userDataDir : options.logsDir),
      getVersion: () => '0.1.0',
      quit,
      setAsDefaultProtocolClient: (scheme: string) => {
        journal.push(`setAsDefaultProtocolClient:${scheme}`);
        return true;
      },
      on: (event: string, listener: AnyListener) => void appEvents.add(event, listener),
    },
    protocol: {
      registerSchemesAsPrivileged: (list) => {
        journal.push('registerSchemesAsPrivileged');
        schemes.push(list);
      },
      handle: (scheme, handler) => {
        journal.push(`protocol.handle:${scheme}`);
        protocolHandlers.set(scheme, handler);
      },
    },
    ipcMain: ipc.ipc,
    getDefaultSession: () => session,
    getDisplays: () => options.displays ?? [{ x: 0, y: 0, width: 1920, height: 1040 }],
    createWindow: (windowOptions) => {
      journal.push('createWindow');
      const created = fakeWindow(windowOptions);
      windows.push(created);
      return created.window;
    },
    setApplicationMenu: (template) => void menus.push(template),
    openExternal: vi.fn(async () => undefined),
    process: {
      on: (event: string, listener: AnyListener) => void processEvents.add(event, listener),
      platform: options.platform ?? 'linux',
      env: options.env ?? {},
      argv: options.argv ?? ['/opt/Token Desk/token-desk'],
      execPath: '/opt/Token Desk/token-desk',
    },
    safeStorage,
    hostname: () => options.hostname ?? 'ws-tokyo-017.corp.example',
    // The real training backend, over real HTTP, as index.ts passes it.
    startTrainingBackend: training.start,
  };

  return { ports, journal, markReady, quit, ipc, windows, schemes, protocolHandlers, session, menus, appEvents, processEvents, safeStorage, training };
};
