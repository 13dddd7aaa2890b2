// The update policy (electron/core/updates) against a real feed on 127.0.0.1, through main's
// electron-updater adapter and electron-updater's own AppImageUpdater: its feed parsing (the
// GenericProvider reading latest-linux.yml / pilot-linux.yml), its semver check, its download with
// the sha512 check, and its AppImage swap, all of which run under plain Node. Only the HTTP client
// differs: electron-updater's uses Electron's net module, so builder-util's Node one stands in.
// What runs only in a real Electron: NsisUpdater's Authenticode check and the NSIS installer run,
// and quitAndInstall (the agent's "restart and update now"), which quits through Electron's app;
// docs/installing.md says so.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { chmod, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { AppImageUpdater } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/core/logging/logger';
import { createUpdatePolicy, type UpdateTiming } from '../../../electron/core/updates/update-policy';
import { updateService } from '../../../electron/core/updates/update-service';
import { electronUpdateFeed } from '../../../electron/main/adapters/electron-update-feed';

interface DownloadOptions {
  readonly headers?: Record<string, string> | null;
  readonly cancellationToken: { createPromise<T>(run: (resolve: (value: T) => void, reject: (error: Error) => void, onCancel: (callback: () => void) => void) => void): Promise<T> };
}
const require = createRequire(import.meta.url);
const { NodeHttpExecutor } = require('builder-util/out/nodeHttpExecutor') as {
  NodeHttpExecutor: new () => { doDownload(requestOptions: object, options: object, redirectCount: number): void };
};
const { configureRequestOptions, configureRequestUrl } = require('builder-util-runtime') as {
  configureRequestOptions(options: object): object;
  configureRequestUrl(url: URL, options: object): void;
};

/**
 * builder-util's Node HTTP client, with the `download` that electron-updater's Electron client has
 * (the same lines, over Node's http): the response still goes through builder-util-runtime's
 * doDownload, whose digest transform is the sha512 check.
 */
class NodeDownloadExecutor extends NodeHttpExecutor {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions = { headers: options.headers ?? undefined, redirect: 'manual' };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        { destination, options, onCancel, callback: (error: Error | null) => (error == null ? resolve(destination) : reject(error)), responseHandler: null },
        0,
      );
    });
  }
}

const RUNNING = '0.1.0';
const TIMING: UpdateTiming = { firstCheckMs: 1_000, intervalMs: 60_000, retryMs: [5_000, 15_000] };

let dir: string;
let feedDir: string;
let server: Server;
let feedUrl: string;
let requests: string[];
let answer503 = false;
let logLines: string[];
let quits: number;
let oldAppImage: string;
const previousAppImage = process.env['APPIMAGE'];

/** An "AppImage" that, run the way electron-updater installs one, records which version it is. */
const appImage = (version: string): string => `#!/bin/sh\necho "${version}" > "$(dirname "$0")/installed-version"\n`;
const sha512 = (content: string): string => createHash('sha512').update(content).digest('base64');

/** Writes the release to the feed as electron-builder publishes it: the channel file and the AppImage. */
const publish = async (version: string, options: { channel?: string; sha512?: string } = {}): Promise<string> => {
  const file = `token-desk-${version}-linux-x86_64.AppImage`;
  const content = appImage(version);
  await writeFile(join(feedDir, file), content);
  const hash = options.sha512 ?? sha512(content);
  const yml = [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${hash}`,
    `    size: ${Buffer.byteLength(content)}`,
    `path: ${file}`,
    `sha512: ${hash}`,
    "releaseDate: '2026-12-01T09:00:00.000Z'",
    '',
  ].join('\n');
  await writeFile(join(feedDir, `${options.channel ?? 'latest'}-linux.yml`), yml);
  return file;
};

const newUpdater = async (): Promise<AppImageUpdater> => {
  await writeFile(join(dir, 'app-update.yml'), `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: token-desk-updater\n`);
  const updater = new AppImageUpdater(null, {
    version: RUNNING,
    name: 'Token Desk',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'profile'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => {
      quits += 1;
    },
    onQuit: () => undefined,
  });
  (updater as unknown as { httpExecutor: unknown }).httpExecutor = new NodeDownloadExecutor();
  return updater;
};

const setUp = async (options: { channel?: 'stable' | 'pilot'; busy?: () => boolean } = {}) => {
  const scheduled: number[] = [];
  const ready: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString('utf8'));
        done();
      },
    }),
  });
  const policy = createUpdatePolicy({
    feed: electronUpdateFeed(await newUpdater(), logger),
    settings: { url: feedUrl, ...(options.channel ? { channel: options.channel } : {}) },
    currentVersion: RUNNING,
    isBusy: options.busy ?? (() => false),
    onReady: (version) => ready.push(version),
    logger,
    timing: TIMING,
    scheduler: {
      schedule: (_run, delayMs) => {
        scheduled.push(delayMs);
        return () => undefined;
      },
    },
  });
  policy.start();
  return { policy, scheduled, ready };
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'token-desk-updates-'));
  feedDir = join(dir, 'feed');
  await mkdir(feedDir);
  await mkdir(join(dir, 'seat'));
  oldAppImage = join(dir, 'seat', `token-desk-${RUNNING}-linux-x86_64.AppImage`);
  await writeFile(oldAppImage, appImage(RUNNING));
  await chmod(oldAppImage, 0o755);
  process.env['APPIMAGE'] = oldAppImage;
  requests = [];
  logLines = [];
  quits = 0;
  answer503 = false;
  server = createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').split('?')[0]?.slice(1) ?? '');
    requests.push(name);
    if (answer503) {
      response.writeHead(503).end('maintenance');
      return;
    }
    readFile(join(feedDir, name.replace(/^token-desk\//, ''))).then(
      (body) => response.writeHead(200, { 'content-length': body.length }).end(body),
      () => response.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token-desk`;
});

afterEach(async () => {
  if (previousAppImage === undefined) delete process.env['APPIMAGE'];
  else process.env['APPIMAGE'] = previousAppImage;
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('updates from a feed on 127.0.0.1', () => {
  it('downloads a newer version in the background, says it is ready, and installs it on quit', async () => {
    await publish('0.2.0');
    const { policy, scheduled, ready } = await setUp();
    expect(scheduled).toEqual([TIMING.firstCheckMs]);
    expect(policy.status()).toEqual({ state: 'idle', heldByActions: false });

    expect(await policy.checkNow()).toEqual({ kind: 'ready', version: '0.2.0' });
    expect(ready).toEqual(['0.2.0']);
    expect(policy.status()).toEqual({ state: 'ready', version: '0.2.0', heldByActions: false });
    expect(requests).toContain('token-desk/latest-linux.yml');
    expect(requests).toContain('token-desk/token-desk-0.2.0-linux-x86_64.AppImage');
    // Nothing installs until the console quits.
    expect(await readdir(join(dir, 'seat'))).toEqual([`token-desk-${RUNNING}-linux-x86_64.AppImage`]);

    expect(policy.installOnQuit()).toBe(true);
    // electron-updater swapped the AppImage for the new one and ran it to finish the install.
    expect(await readdir(join(dir, 'seat'))).toEqual(['installed-version', 'token-desk-0.2.0-linux-x86_64.AppImage'].sort());
    expect((await readFile(join(dir, 'seat', 'installed-version'), 'utf8')).trim()).toBe('0.2.0');
    // The console was quitting already: the updater does not quit it a second time.
    expect(quits).toBe(0);
  });

  it('refuses a download whose sha512 is not the one the feed lists, and installs nothing', async () => {
    await publish('0.2.0', { sha512: sha512('something else entirely') });
    const { policy, scheduled, ready } = await setUp();
    const outcome = await policy.checkNow();
    expect(outcome).toMatchObject({ kind: 'verification-failed', version: '0.2.0' });
    if (outcome.kind === 'verification-failed') expect(outcome.message).toMatch(/sha512 checksum mismatch/);
    expect(ready).toEqual([]);
    expect(policy.status().state).toBe('idle');
    expect(policy.installOnQuit()).toBe(false);
    expect(await readdir(join(dir, 'seat'))).toEqual([`token-desk-${RUNNING}-linux-x86_64.AppImage`]);
    // Tried again at the next regular check, not in a loop.
    expect(scheduled.at(-1)).toBe(TIMING.intervalMs);
    expect(logLines.join('')).toContain('update refused: the download failed or did not verify');
  });

  it('refuses a downgrade the feed offers, without downloading it', async () => {
    await publish('0.0.9');
    const { policy, ready } = await setUp();
    expect(await policy.checkNow()).toEqual({ kind: 'refused', version: '0.0.9', why: 'downgrade' });
    expect(requests.some((name) => name.endsWith('.AppImage'))).toBe(false);
    expect(ready).toEqual([]);
    expect(logLines.join('')).toContain('update refused: the feed offers an older version');
  });

  it('takes the running version quietly as up to date', async () => {
    await publish(RUNNING);
    const { policy } = await setUp();
    expect(await policy.checkNow()).toEqual({ kind: 'up-to-date', version: RUNNING });
  });

  it('handles a feed that is down quietly: logged, tried again later and later, then picked up', async () => {
    await publish('0.2.0');
    answer503 = true;
    const { policy, scheduled, ready } = await setUp();
    expect(await policy.checkNow()).toEqual({ kind: 'unreachable', retryInMs: TIMING.retryMs[0] });
    expect(await policy.checkNow()).toEqual({ kind: 'unreachable', retryInMs: TIMING.retryMs[1] });
    expect(await policy.checkNow()).toEqual({ kind: 'unreachable', retryInMs: TIMING.retryMs[1] });
    expect(scheduled.slice(1)).toEqual([TIMING.retryMs[0], TIMING.retryMs[1], TIMING.retryMs[1]]);
    expect(logLines.filter((line) => line.includes('update feed could not be read'))).toHaveLength(3);
    expect(ready).toEqual([]);
    answer503 = false;
    expect(await policy.checkNow()).toEqual({ kind: 'ready', version: '0.2.0' });
  });

  it('handles a feed server that is gone (connection refused) the same way', async () => {
    await publish('0.2.0');
    const { policy } = await setUp();
    await new Promise((resolve) => server.close(resolve));
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    expect(await policy.checkNow()).toEqual({ kind: 'unreachable', retryInMs: TIMING.retryMs[0] });
  }, 20_000);

  it('never installs while an action is under way, on quit or when the agent asks', async () => {
    await publish('0.2.0');
    let busy = true;
    const { policy } = await setUp({ busy: () => busy });
    expect(await policy.checkNow()).toMatchObject({ kind: 'ready' });
    expect(policy.status()).toEqual({ state: 'ready', version: '0.2.0', heldByActions: true });

    const calls = updateService(policy);
    expect(() => calls['updates.install']({}, { correlationId: 'c1', origin: 'ipc', caller: 'window:1' })).toThrow(
      expect.objectContaining({ code: 'UPDATE_HELD' }),
    );
    expect(policy.installOnQuit()).toBe(false);
    expect(await readdir(join(dir, 'seat'))).toEqual([`token-desk-${RUNNING}-linux-x86_64.AppImage`]);
    expect(logLines.join('')).toContain('update held: an action is under way');

    busy = false;
    expect(policy.installOnQuit()).toBe(true);
    expect((await readFile(join(dir, 'seat', 'installed-version'), 'utf8')).trim()).toBe('0.2.0');
  });

  it('follows the pilot channel when the installer puts the seat in the pilot group', async () => {
    await publish('0.2.0');
    await publish('0.3.0-pilot.1', { channel: 'pilot' });
    const { policy } = await setUp({ channel: 'pilot' });
    expect(await policy.checkNow()).toEqual({ kind: 'ready', version: '0.3.0-pilot.1' });
    expect(requests).toContain('token-desk/pilot-linux.yml');
    expect(requests).not.toContain('token-desk/latest-linux.yml');
  });
});

describe('updates turned off', () => {
  it('never reads a feed when none is configured', async () => {
    const scheduled: number[] = [];
    const policy = createUpdatePolicy({
      feed: electronUpdateFeed(await newUpdater(), createLogger({ level: 'silent' })),
      settings: null,
      currentVersion: RUNNING,
      isBusy: () => false,
      onReady: () => undefined,
      logger: createLogger({ level: 'silent' }),
      scheduler: { schedule: (_run, ms) => (scheduled.push(ms), () => undefined) },
    });
    policy.start();
    expect(scheduled).toEqual([]);
    expect(await policy.checkNow()).toEqual({ kind: 'off' });
    expect(policy.status()).toEqual({ state: 'off', heldByActions: false });
    expect(requests).toEqual([]);
  });
});
