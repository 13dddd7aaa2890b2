import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callNames, channelFor, EVENT_CHANNEL } from '../../../shared/contract';
import { APP_START_URL, startMain } from '../../../electron/main/start-main';
import { fakeElectron } from './helpers/fake-electron';
import { frameEvent } from './helpers/fake-ipc-main';
import { memoryLogger } from './helpers/memory-logger';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'token-desk-main-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const start = async (overrides: { isPackaged?: boolean; gotLock?: boolean } = {}) => {
  const electron = fakeElectron({ userDataDir: dir, logsDir: join(dir, 'logs'), ...overrides });
  const memory = memoryLogger();
  const started = startMain(electron.ports, {
    logger: memory.logger,
    preloadPath: '/app/dist-electron/preload.cjs',
    rendererDir: join(dir, 'renderer'),
    externalHosts: ['support.issuer.example'],
  });
  return { electron, memory, started };
};

const startReady = async (overrides: { isPackaged?: boolean } = {}) => {
  const run = await start(overrides);
  run.electron.markReady();
  await expect(run.started).resolves.toBe(true);
  const window = run.electron.windows[0];
  if (!window) throw new Error('no window was created');
  return { ...run, window };
};

describe('startMain', () => {
  it('switches the sandbox on, takes the lock and registers the scheme before ready', async () => {
    const { electron, started } = await start();
    await Promise.resolve();
    expect(electron.journal).toEqual(['enableSandbox', 'requestSingleInstanceLock', 'registerSchemesAsPrivileged']);
    electron.markReady();
    await started;
    expect(electron.journal.indexOf('ready')).toBeLessThan(electron.journal.indexOf('protocol.handle:app'));
    expect(electron.journal.indexOf('protocol.handle:app')).toBeLessThan(electron.journal.indexOf('createWindow'));
  });

  it('quits at once, and opens nothing, when another copy holds the lock', async () => {
    const { electron, started } = await start({ gotLock: false });
    await expect(started).resolves.toBe(false);
    expect(electron.quit).toHaveBeenCalledOnce();
    expect(electron.journal).not.toContain('registerSchemesAsPrivileged');
    electron.markReady();
    await Promise.resolve();
    expect(electron.windows).toHaveLength(0);
  });

  it('creates one locked-down window that loads the console origin and shows when painted', async () => {
    const { window } = await startReady();
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
      preload: '/app/dist-electron/preload.cjs',
    });
    expect(window.options.show).toBe(false);
    expect(window.state.loaded).toBe(APP_START_URL);
    expect(APP_START_URL).toBe('app://token-desk/');
    expect(window.state.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.state.shown).toBe(true);
  });

  it('denies every permission on the default session and adds the CSP header', async () => {
    const { electron } = await startReady();
    const request = electron.session.setPermissionRequestHandler.mock.calls[0]?.[0] as (w: unknown, p: string, cb: (ok: boolean) => void) => void;
    const callback = vi.fn();
    request({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(electron.session.setPermissionCheckHandler).toHaveBeenCalledOnce();
    expect(electron.session.setDevicePermissionHandler).toHaveBeenCalledOnce();
    expect(electron.session.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
  });

  it('guards every web contents that is created', async () => {
    const { electron } = await startReady();
    const on = vi.fn();
    const setWindowOpenHandler = vi.fn();
    electron.appEvents.emit('web-contents-created', {}, { on, setWindowOpenHandler });
    const events = on.mock.calls.map((call) => call[0]);
    expect(events).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-attach-webview', 'render-process-gone', 'console-message']));
    const handler = setWindowOpenHandler.mock.calls[0]?.[0] as (details: { url: string }) => unknown;
    expect(handler({ url: 'https://support.issuer.example/kb' })).toEqual({ action: 'deny' });
    expect(electron.ports.openExternal).toHaveBeenCalledWith('https://support.issuer.example/kb');
  });

  it('answers every call over IPC from the console, through the real core', async () => {
    const { electron } = await startReady();
    expect([...electron.ipc.handlers.keys()].sort()).toEqual(callNames.map(channelFor).sort());
    await expect(electron.ipc.invoke(channelFor('app.info'), frameEvent(), {})).resolves.toEqual({
      ok: true,
      data: { name: 'Token Desk', version: '0.1.0', mode: 'training', locale: 'ja' },
    });
    await expect(electron.ipc.invoke(channelFor('app.info'), frameEvent('https://evil.com/'), {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
  });

  it("forwards core events to the window's web contents", async () => {
    const { electron, window } = await startReady();
    await electron.ipc.invoke(channelFor('settings.set'), frameEvent(), { language: 'en' });
    expect(window.send).toHaveBeenCalledWith(EVENT_CHANNEL, { name: 'settings.changed', payload: { language: 'en' } });
  });

  it('brings the window forward when a second copy starts', async () => {
    const { electron, window } = await startReady();
    window.state.minimized = true;
    electron.appEvents.emit('second-instance');
    expect(window.state).toMatchObject({ minimized: false, shown: true, focused: true });
  });

  it('restores the saved place and maximises only once painted', async () => {
    await writeFile(join(dir, 'window-state.json'), JSON.stringify({ bounds: { x: 50, y: 40, width: 1200, height: 700 }, maximized: true }));
    const { window } = await startReady();
    expect(window.options).toMatchObject({ x: 50, y: 40, width: 1200, height: 700 });
    expect(window.state.maximized).toBe(false);
    window.emit('ready-to-show');
    expect(window.state.maximized).toBe(true);
  });

  it('holds the quit until the window state is written', async () => {
    const { electron, window } = await startReady();
    window.emit('close');
    const preventDefault = vi.fn();
    electron.appEvents.emit('will-quit', { preventDefault });
    expect(preventDefault).toHaveBeenCalledOnce();
    await vi.waitFor(() => expect(electron.quit).toHaveBeenCalledOnce());
    // The second will-quit, from that quit, goes through.
    const second = vi.fn();
    electron.appEvents.emit('will-quit', { preventDefault: second });
    expect(second).not.toHaveBeenCalled();
  });

  it('quits when the window is closed, on every platform', async () => {
    const { electron } = await startReady();
    electron.appEvents.emit('window-all-closed');
    expect(electron.quit).toHaveBeenCalled();
  });

  it('logs uncaught exceptions and unhandled rejections in main', async () => {
    const { electron, memory } = await startReady();
    electron.processEvents.emit('uncaughtException', new Error('boom in main'));
    electron.processEvents.emit('unhandledRejection', new Error('rejected in main'));
    const records = memory.records();
    expect(records.find((r) => r.msg === 'uncaught exception in main')).toMatchObject({ level: 60 });
    expect(records.find((r) => r.msg === 'unhandled promise rejection in main')).toMatchObject({ level: 50 });
  });

  it('has no reload or DevTools in the production menu, and has them in development', async () => {
    const production = await startReady({ isPackaged: true });
    const productionRoles = JSON.stringify(production.electron.menus[0]);
    expect(productionRoles).not.toMatch(/toggleDevTools|reload|forceReload/i);
    expect(productionRoles).toContain('editMenu');

    const development = await startReady({ isPackaged: false });
    expect(JSON.stringify(development.electron.menus[0])).toContain('toggleDevTools');
    expect(development.window.options.webPreferences?.devTools).toBe(true);
  });
});
