import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { callNames, channelFor, EVENT_CHANNEL } from '../../../shared/contract';
import { APP_START_URL, SECRETS_FILE, startMain } from '../../../electron/main/start-main';
import { fakeElectron, type FakeElectronOptions } from './helpers/fake-electron';
import { frameEvent } from './helpers/fake-ipc-main';
import { memoryLogger } from './helpers/memory-logger';
import { endpoints } from '../../../shared/api/endpoints';
import { backendScript } from '../../support/backend-script';
import { eventually, watchServerRequests } from '../core/support/server-requests';

let dir: string;
let started: Array<ReturnType<typeof fakeElectron>> = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'token-desk-main-'));
});
afterEach(async () => {
  // Every start runs a real training backend; stop them all, quit or not.
  await Promise.all(started.flatMap((electron) => electron.training.started.map(({ sandbox }) => sandbox.close())));
  started = [];
  await rm(dir, { recursive: true, force: true });
});

type StartOverrides = Partial<Omit<FakeElectronOptions, 'userDataDir' | 'logsDir'>>;

const start = async (overrides: StartOverrides = {}) => {
  const electron = fakeElectron({ userDataDir: dir, logsDir: join(dir, 'logs'), ...overrides });
  started.push(electron);
  const memory = memoryLogger();
  const run = startMain(electron.ports, {
    logger: memory.logger,
    preloadPath: '/app/dist-electron/preload.cjs',
    rendererDir: join(dir, 'renderer'),
    externalHosts: ['support.issuer.example'],
    machineConfigFile: join(dir, 'machine-config.json'),
  });
  return { electron, memory, started: run };
};

const startReady = async (overrides: StartOverrides = {}) => {
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

  it("keeps the token actions' outbox and audit journal in the profile", async () => {
    const { memory } = await startReady();
    expect((await stat(join(dir, 'outbox'))).isDirectory()).toBe(true);
    expect(memory.text()).toContain('audit journal verified');
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

describe('startMain: backend, session and secrets', () => {
  const sato = { agentId: 'agent.sato', password: 'Training-Sato-2026' };

  it('starts the training backend in-process and signs an agent in over IPC, telling the window', async () => {
    const { electron, window } = await startReady({ hostname: '受付-PC 3' });
    expect(electron.training.started).toHaveLength(1);
    const result = await electron.ipc.invoke(channelFor('session.signIn'), frameEvent(), sato);
    expect(result).toEqual({ ok: true, data: { state: 'signedIn', agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' }, workstationId: 'PC-3', idleLockMinutes: 15 } });
    expect(window.send).toHaveBeenCalledWith(EVENT_CHANNEL, { name: 'session.changed', payload: expect.objectContaining({ state: 'signedIn' }) });
    expect(JSON.stringify(window.send.mock.calls)).not.toMatch(/sessionToken/);
  });

  it("cancels the calls a window started when it closes: its search in flight answers CANCELLED", async () => {
    const { electron, window } = await startReady();
    const fromWindow = { ...frameEvent(), sender: { id: window.window.webContents.id } };
    await electron.ipc.invoke(channelFor('session.signIn'), fromWindow, sato);
    const credentials = electron.training.started[0]?.credentials;
    if (!credentials) throw new Error('no training backend');
    await backendScript(credentials).fault({ match: { method: 'GET', pathPrefix: endpoints.searchCardholders.path }, fault: 'delay', delayMs: 10_000, times: 1 });
    const watch = watchServerRequests(endpoints.searchCardholders.path);
    try {
      const search = electron.ipc.invoke(channelFor('cardholders.search'), fromWindow, { q: '佐藤', requestId: 'req-window-0001' });
      const seen = await eventually(() => {
        const request = watch.last();
        if (!request) throw new Error('the search has not reached the backend yet');
        return request;
      });
      window.emit('closed');
      await expect(search).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
      await seen.closed;
    } finally {
      watch.stop();
    }
  });

  it('stops the training backend, and ends the session, when the app quits', async () => {
    const { electron } = await startReady();
    await electron.ipc.invoke(channelFor('session.signIn'), frameEvent(), sato);
    const sandbox = electron.training.started[0]?.sandbox;
    expect(sandbox?.store.sessions.size).toBe(1);
    electron.appEvents.emit('will-quit', { preventDefault: vi.fn() });
    await vi.waitFor(() => expect(electron.quit).toHaveBeenCalledOnce());
    expect(electron.training.closedCount()).toBe(1);
    expect(sandbox?.store.sessions.size).toBe(0);
  });

  it('stores a generated workstation key through safeStorage, never in plain text', async () => {
    const { electron } = await startReady();
    const generated = await electron.ipc.invoke(channelFor('credentials.generateKey'), frameEvent(), {});
    expect(generated).toMatchObject({ ok: true, data: { status: { configured: true, storageBackend: 'gnome_libsecret', persisted: true } } });
    expect(electron.safeStorage.encryptString).toHaveBeenCalled();
    const file = await readFile(join(dir, SECRETS_FILE), 'utf8');
    expect(file).not.toContain('PRIVATE KEY');
    expect(file).toContain('"encrypted": true');
  });

  it('keeps the key in memory on a Linux desktop without a keyring, unless the machine file allows plaintext', async () => {
    const strict = await startReady({ storageBackend: 'basic_text' });
    const status = await strict.electron.ipc.invoke(channelFor('credentials.generateKey'), frameEvent(), {});
    expect(status).toMatchObject({ ok: true, data: { status: { storageBackend: 'basic_text', persisted: false } } });
    expect(strict.electron.safeStorage.setUsePlainTextEncryption).not.toHaveBeenCalled();

    await writeFile(join(dir, 'machine-config.json'), JSON.stringify({ allowPlaintextSecrets: true }));
    const allowed = await startReady({ storageBackend: 'basic_text' });
    expect(allowed.electron.safeStorage.setUsePlainTextEncryption).toHaveBeenCalledWith(true);
    const persisted = await allowed.electron.ipc.invoke(channelFor('credentials.status'), frameEvent(), {});
    expect(persisted).toMatchObject({ ok: true, data: { storageBackend: 'basic_text', persisted: true } });
  });

  it("looks for the machine-wide settings in the platform's place", async () => {
    const electron = fakeElectron({ userDataDir: dir, logsDir: join(dir, 'logs'), platform: 'win32', env: { ProgramData: 'D:\\ProgramData' } });
    started.push(electron);
    const run = startMain(electron.ports, { logger: memoryLogger().logger, preloadPath: '/p.cjs', rendererDir: join(dir, 'renderer'), externalHosts: [] });
    electron.markReady();
    await expect(run).resolves.toBe(true);
    const view = await electron.ipc.invoke(channelFor('config.get'), frameEvent(), {});
    expect(view).toMatchObject({ ok: true, data: { files: { user: join(dir, 'config.json'), machine: 'D:\\ProgramData\\TokenDesk\\config.json' } } });
  });

  it("lets the installer's allowlist open links, and shows it locked", async () => {
    await writeFile(join(dir, 'machine-config.json'), JSON.stringify({ externalLinkAllowlist: ['help.issuer.example'], locked: ['externalLinkAllowlist'] }));
    const { electron } = await startReady();
    const view = await electron.ipc.invoke(channelFor('config.get'), frameEvent(), {});
    expect(view).toMatchObject({ ok: true, data: { lockedFields: ['externalLinkAllowlist'], externalLinkAllowlist: ['help.issuer.example'] } });

    const setWindowOpenHandler = vi.fn();
    electron.appEvents.emit('web-contents-created', {}, { on: vi.fn(), setWindowOpenHandler });
    const handler = setWindowOpenHandler.mock.calls[0]?.[0] as (details: { url: string }) => unknown;
    handler({ url: 'https://help.issuer.example/faq' });
    handler({ url: 'https://elsewhere.example/' });
    expect(electron.ports.openExternal).toHaveBeenCalledWith('https://help.issuer.example/faq');
    expect(electron.ports.openExternal).not.toHaveBeenCalledWith('https://elsewhere.example/');
  });
});
