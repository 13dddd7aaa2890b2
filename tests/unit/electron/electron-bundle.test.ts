import { execFile } from 'node:child_process';
import Module, { builtinModules } from 'node:module';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callNames, channelFor } from '../../../shared/contract';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/static/content-security-policy';
import { createLogger } from '../../../electron/core/logging/logger';
import { trainingBundleStarter } from '../../../electron/main/adapters/training-bundle-loader';
import { updaterBundleFeed } from '../../../electron/main/adapters/updater-bundle-loader';
import { createUpdatePolicy } from '../../../electron/core/updates/update-policy';
import { memoryLogger } from './helpers/memory-logger';
// Parsed, not pattern-matched: the training backend's libraries carry require("…") inside strings.
import { requiredModules } from '../../../scripts/lib/package-rules.mjs';

const run = promisify(execFile);
const repo = resolve(import.meta.dirname, '../../..');

let out: string;
let main: string;
let preload: string;
let training: string;
let updater: string;

const isBuiltin = (name: string) => builtinModules.includes(name.replace(/^node:/, ''));

/**
 * Stands in for the `electron` module when the bundled main runs under plain Node: just enough of
 * the API for start-up, recording what main asked for. Written to disk by the test so the repository
 * holds no loose CommonJS file.
 */
const FAKE_ELECTRON = String.raw`
const Module = require('node:module');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const dir = process.env.TD_FAKE_DIR;
const journal = [];
let handler = null;
const finish = async () => {
  const response = await handler(new Request('app://token-desk/'));
  journal.push({ served: response.status, csp: response.headers.get('content-security-policy'), body: await response.text() });
  setTimeout(() => { writeFileSync(join(dir, 'journal.json'), JSON.stringify(journal)); process.exit(0); }, 300);
};
class BrowserWindow {
  constructor(options) { journal.push({ window: options }); this.webContents = { isDestroyed: () => false, send() {} }; }
  on() {} once(event, listener) { if (event === 'ready-to-show') setImmediate(listener); }
  show() { journal.push('show'); } maximize() {} restore() {} focus() {}
  isDestroyed() { return false; } isMinimized() { return false; } isMaximized() { return false; }
  getNormalBounds() { return { x: 0, y: 0, width: 1440, height: 900 }; }
  loadURL(url) { journal.push('loadURL ' + url); void finish(); return Promise.resolve(); }
}
const display = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const fake = {
  app: {
    isPackaged: true,
    getPath: (name) => join(dir, name),
    getVersion: () => '0.1.0',
    enableSandbox: () => journal.push('enableSandbox'),
    requestSingleInstanceLock: () => { journal.push('requestSingleInstanceLock'); return true; },
    setAsDefaultProtocolClient: (scheme) => { journal.push('setAsDefaultProtocolClient ' + scheme); return true; },
    whenReady: () => { journal.push('whenReady'); return Promise.resolve(); },
    on: (event) => journal.push('app.on ' + event),
    quit: () => journal.push('quit'),
    exit: (code) => { journal.push('exit ' + code); writeFileSync(join(dir, 'journal.json'), JSON.stringify(journal)); process.exit(code); },
  },
  BrowserWindow,
  dialog: { showErrorBox: (title, message) => journal.push('showErrorBox ' + message) },
  ipcMain: { handle: (channel) => journal.push('handle ' + channel), removeHandler() {} },
  Menu: { buildFromTemplate: (template) => template, setApplicationMenu: () => journal.push('setApplicationMenu') },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => journal.push({ schemes }),
    handle: (scheme, h) => { journal.push('protocol.handle ' + scheme); handler = h; },
  },
  screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
  session: { defaultSession: {
    setPermissionRequestHandler: () => journal.push('setPermissionRequestHandler'),
    setPermissionCheckHandler: () => journal.push('setPermissionCheckHandler'),
    setDevicePermissionHandler() {},
    webRequest: { onHeadersReceived: () => journal.push('onHeadersReceived') },
  } },
  shell: { openExternal: async () => undefined },
  // A Linux desktop without a keyring: secrets stay in memory, as the policy says.
  safeStorage: {
    isEncryptionAvailable: () => false,
    getSelectedStorageBackend: () => 'basic_text',
    setUsePlainTextEncryption: () => journal.push('setUsePlainTextEncryption'),
    encryptString: () => { throw new Error('not available'); },
    decryptString: () => { throw new Error('not available'); },
  },
};
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'electron' ? fake : load.call(this, request, ...rest); };
`;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'token-desk-bundle-'));
  const { stdout } = await run(process.execPath, [join(repo, 'scripts/build-electron.mjs'), '--outdir', join(out, 'dist-electron')], { cwd: repo });
  expect(stdout).toContain('built');
  main = await readFile(join(out, 'dist-electron', 'main.cjs'), 'utf8');
  preload = await readFile(join(out, 'dist-electron', 'preload.cjs'), 'utf8');
  training = await readFile(join(out, 'dist-electron', 'training-backend.cjs'), 'utf8');
  updater = await readFile(join(out, 'dist-electron', 'updater.cjs'), 'utf8');
}, 60_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('the preload bundle', () => {
  it('requires nothing but electron, as a sandboxed preload must', () => {
    expect(requiredModules(preload)).toEqual(['electron']);
    expect(preload).not.toMatch(/\bimport\s*\(/);
    expect(preload).not.toMatch(/^\s*import\s/m);
  });

  it('carries no schema library and stays small', () => {
    expect(preload).not.toContain('zod');
    expect(preload.length).toBeLessThan(10_000);
  });

  it('exposes the bridge and a channel for every declared call', () => {
    expect(preload).toContain('exposeInMainWorld');
    for (const name of callNames) expect(preload).toContain(`"${name}"`);
    expect(channelFor('app.info').startsWith('td:call:')).toBe(true);
  });
});

describe('the main bundle', () => {
  it('requires only electron and Node built-ins', () => {
    const foreign = requiredModules(main).filter((name) => name !== 'electron' && !isBuiltin(name));
    expect(foreign).toEqual([]);
    expect(requiredModules(main)).toContain('electron');
  });

  it('leaves the training backend to its own bundle: no web server, seed data or training passwords', () => {
    expect(main).not.toContain('Training-Sato-2026');
    expect(main).not.toContain('fastify');
    expect(training).toContain('Training-Sato-2026');
    expect(Buffer.byteLength(main)).toBeLessThan(1_000_000);
  });

  it('leaves electron-updater to its own bundle, required at the first update check', () => {
    expect(main).not.toMatch(/\b(AppUpdater|BaseUpdater|NsisUpdater|AppImageUpdater)\b/);
    expect(main).toContain('updater.cjs');
    expect(updater).toMatch(/\bAppImageUpdater\b/);
  });

  it('is CommonJS', () => {
    expect(main).not.toMatch(/^\s*import\s/m);
    expect(main).not.toMatch(/^\s*export\s/m);
  });

  it('starts under plain Node with a stand-in electron: locked window, app:// served, log written', async () => {
    const fakeDir = join(out, 'profile');
    await mkdir(join(out, 'dist', 'renderer'), { recursive: true });
    await mkdir(fakeDir, { recursive: true });
    await writeFile(join(out, 'dist', 'renderer', 'index.html'), '<!doctype html><title>bundle check</title>');
    await writeFile(join(out, 'fake-electron.cjs'), FAKE_ELECTRON);
    await run(process.execPath, ['--require', join(out, 'fake-electron.cjs'), join(out, 'dist-electron', 'main.cjs')], {
      cwd: out,
      env: { ...process.env, TD_FAKE_DIR: fakeDir },
      timeout: 20_000,
    });
    const journal = JSON.parse(await readFile(join(fakeDir, 'journal.json'), 'utf8')) as unknown[];
    const names = journal.filter((entry): entry is string => typeof entry === 'string');

    // Sandbox, lock, link hand-over and scheme privileges come first: they only take effect before ready.
    expect(journal.slice(0, 5)).toEqual([
      'enableSandbox',
      'requestSingleInstanceLock',
      'app.on second-instance',
      // A screen-pop link given to a running console on macOS, before ready: none may be missed.
      'app.on open-url',
      { schemes: [{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }] },
    ]);
    expect(names.indexOf('whenReady')).toBeGreaterThan(names.indexOf('requestSingleInstanceLock'));
    for (const expected of ['setAsDefaultProtocolClient token-desk', 'setPermissionRequestHandler', 'setPermissionCheckHandler', 'onHeadersReceived', 'protocol.handle app', 'setApplicationMenu', 'loadURL app://token-desk/', 'show', 'app.on web-contents-created']) {
      expect(names).toContain(expected);
    }
    for (const name of callNames) expect(names).toContain(`handle ${channelFor(name)}`);
    expect(names.some((entry) => entry.startsWith('showErrorBox') || entry.startsWith('exit'))).toBe(false);

    const window = journal.find((entry): entry is { window: { webPreferences: Record<string, unknown> } } => typeof entry === 'object' && entry !== null && 'window' in entry);
    expect(window?.window.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      preload: join(out, 'dist-electron', 'preload.cjs'),
    });

    // The renderer is found at dist/renderer beside dist-electron, as in the packaged app.asar.
    expect(journal).toContainEqual({ served: 200, csp: CONTENT_SECURITY_POLICY, body: '<!doctype html><title>bundle check</title>' });

    const log = await readFile(join(fakeDir, 'logs', 'token-desk.log'), 'utf8');
    expect(log).toContain('Token Desk starting');
    // The training backend (its own bundle, loaded at run time) started in-process, and the secret store knows its limits.
    expect(log).toContain('training backend started in-process');
    expect(log).toMatch(/"mode":"training"[^\n]*"backend":"ready"[^\n]*core ready/);
    expect(log).toMatch(/"backend":"basic_text","persisted":false,"encrypted":false[^\n]*workstation secret store/);
    expect(log).not.toContain('PRIVATE KEY');
  }, 30_000);
});

describe('the training backend bundle', () => {
  it('requires Node built-ins only and carries no fault injection', () => {
    expect(requiredModules(training).filter((name) => !isBuiltin(name))).toEqual([]);
    expect(training).not.toMatch(/\bFaultInjector\b/);
  });

  it('starts through main\'s loader, serves the training API and has no /training/v1/faults', async () => {
    const logDir = join(out, 'training-logs');
    const start = trainingBundleStarter(join(out, 'dist-electron', 'training-backend.cjs'), createLogger({ dir: logDir, level: 'warn' }));
    const backend = await start();
    try {
      expect(backend.credentials.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(backend.credentials.agents.map((agent) => agent.agentId)).toContain('agent.sato');
      const openapi = await fetch(`${backend.credentials.baseUrl}/openapi.json`);
      expect(openapi.status).toBe(200);
      for (const method of ['GET', 'POST', 'DELETE']) {
        const faults = await fetch(`${backend.credentials.baseUrl}/training/v1/faults`, { method });
        expect(faults.status, method).toBe(404);
      }
      // Trainers' controls stay: the training clock answers (here: no credentials, so 401).
      expect((await fetch(`${backend.credentials.baseUrl}/training/v1/clock`)).status).toBe(401);
    } finally {
      await backend.close();
    }
  }, 30_000);

  it('refuses a file that is not the training bundle', async () => {
    const bogus = join(out, 'not-training.cjs');
    await writeFile(bogus, 'module.exports = { hello: 1 };');
    const start = trainingBundleStarter(bogus, createLogger({ dir: join(out, 'bogus-logs'), level: 'warn' }));
    await expect(start()).rejects.toThrow(/does not export startTrainingBackend/);
  });
});

/** Just enough of Electron's app for electron-updater's AppImageUpdater to be created under plain Node. */
const updaterElectron = (dir: string) => ({
  app: {
    getVersion: () => '0.1.0',
    getName: () => 'Token Desk',
    isPackaged: true,
    getAppPath: () => dir,
    getPath: (name: string) => join(dir, name),
    whenReady: () => Promise.resolve(),
    on: () => undefined,
    once: () => undefined,
  },
});

describe('the updater bundle', () => {
  it('requires electron and Node built-ins only and carries no test-only code', () => {
    const required = requiredModules(updater);
    expect(required.filter((name) => name !== 'electron' && !isBuiltin(name))).toEqual([]);
    expect(required).toContain('electron');
    expect(updater).not.toMatch(/\bFaultInjector\b/);
    expect(updater).not.toContain('Training-Sato-2026');
  });

  it('runs electron-updater through main’s loader: created at the first check, with the feed and logger the policy set', async () => {
    const dir = join(out, 'updater-run');
    await mkdir(dir, { recursive: true });
    const hooked = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = hooked._load;
    const previousResourcesPath = (process as { resourcesPath?: string }).resourcesPath;
    const previousAppImage = process.env['APPIMAGE'];
    hooked._load = function (this: unknown, request: string, ...rest: unknown[]) {
      return request === 'electron' ? updaterElectron(dir) : load.call(this, request, ...rest);
    };
    (process as { resourcesPath?: string }).resourcesPath = dir;
    // Not an AppImage: electron-updater itself says it is not active, through the logger main gave it.
    delete process.env['APPIMAGE'];
    try {
      const memory = memoryLogger();
      const policy = createUpdatePolicy({
        feed: updaterBundleFeed(join(out, 'dist-electron', 'updater.cjs'), memory.logger),
        settings: { url: 'https://updates.example.invalid/token-desk' },
        currentVersion: '0.1.0',
        isBusy: () => false,
        onReady: () => undefined,
        logger: memory.logger,
        scheduler: { schedule: () => () => undefined },
      });
      policy.start();
      expect(memory.text()).not.toContain('updater loaded');

      expect(await policy.checkNow()).toMatchObject({ kind: 'unreachable' });
      const records = memory.records();
      expect(records).toContainEqual(expect.objectContaining({ component: 'updater-bundle', msg: 'updater loaded from its own bundle' }));
      expect(records).toContainEqual(expect.objectContaining({ component: 'electron-updater', msg: expect.stringContaining('APPIMAGE env is not defined') }));
      expect(records).toContainEqual(expect.objectContaining({ component: 'updates', err: expect.objectContaining({ message: 'electron-updater is not active in this install' }) }));
      expect(policy.status().state).toBe('idle');
    } finally {
      hooked._load = load;
      if (previousResourcesPath === undefined) delete (process as { resourcesPath?: string }).resourcesPath;
      else (process as { resourcesPath?: string }).resourcesPath = previousResourcesPath;
      if (previousAppImage !== undefined) process.env['APPIMAGE'] = previousAppImage;
    }
  });
});
