// Main's loader of the updater bundle (dist-electron/updater.cjs) with the real update policy: the
// bundle is required at the first check, not at start, and a bundle that is missing or broken turns
// updates off (logged, status off) while the console works on. The bundles here are small CommonJS
// files the test writes; tests/unit/electron/electron-bundle.test.ts loads the real one.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UpdateFeedUnavailableError } from '../../../electron/core/updates/update-feed';
import { createUpdatePolicy, type UpdateTiming } from '../../../electron/core/updates/update-policy';
import { UpdaterBundleError, updaterBundleFeed } from '../../../electron/main/adapters/updater-bundle-loader';
import { memoryLogger } from './helpers/memory-logger';

const require = createRequire(import.meta.url);
const TIMING: UpdateTiming = { firstCheckMs: 1_000, intervalMs: 60_000, retryMs: [5_000, 15_000] };

/** An updater bundle that records what it is asked and offers 0.2.0. */
const RECORDING_BUNDLE = `
const calls = [];
exports.calls = calls;
exports.createUpdateFeed = (logger) => {
  calls.push(['createUpdateFeed', typeof logger.child]);
  return {
    configure: (feed) => calls.push(['configure', feed]),
    check: async () => (calls.push(['check']), { version: '0.2.0', available: true }),
    download: async () => void calls.push(['download']),
    install: (options) => void calls.push(['install', options]),
  };
};
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-updater-bundle-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bundle = async (name: string, code: string): Promise<string> => {
  const file = join(dir, name);
  await writeFile(file, code);
  return file;
};

const policyOver = (file: string) => {
  const memory = memoryLogger();
  const scheduled: number[] = [];
  const ready: string[] = [];
  const policy = createUpdatePolicy({
    feed: updaterBundleFeed(file, memory.logger),
    settings: { url: 'https://updates.example.invalid/token-desk', channel: 'pilot' },
    currentVersion: '0.1.0',
    isBusy: () => false,
    onReady: (version) => ready.push(version),
    logger: memory.logger,
    timing: TIMING,
    scheduler: { schedule: (_run, delayMs) => (scheduled.push(delayMs), () => undefined) },
  });
  return { policy, memory, scheduled, ready };
};

describe('the updater bundle, loaded at the first check', () => {
  it('is not required when the policy starts; the first check loads it, configures it and uses it', async () => {
    const file = await bundle('updater.cjs', RECORDING_BUNDLE);
    const { policy, memory, scheduled, ready } = policyOver(file);
    policy.start();
    expect(scheduled).toEqual([TIMING.firstCheckMs]);
    expect(require.cache[file]).toBeUndefined();
    expect(memory.text()).not.toContain('updater loaded');

    expect(await policy.checkNow()).toEqual({ kind: 'ready', version: '0.2.0' });
    expect(ready).toEqual(['0.2.0']);
    const { calls } = require(file) as { calls: Array<[string, ...unknown[]]> };
    // Configured with the installer's feed before its first check, with main's logger.
    expect(calls).toEqual([
      ['createUpdateFeed', 'function'],
      ['configure', { url: 'https://updates.example.invalid/token-desk', channel: 'pilot' }],
      ['check'],
      ['download'],
    ]);
    expect(memory.records()).toContainEqual(expect.objectContaining({ component: 'updater-bundle', file, msg: 'updater loaded from its own bundle' }));

    expect(policy.installOnQuit()).toBe(true);
    expect(calls.at(-1)).toEqual(['install', { relaunch: false }]);
    // Loaded once: the install went to the same feed.
    expect(calls.filter(([name]) => name === 'createUpdateFeed')).toHaveLength(1);
  });

  it('turns updates off when the bundle is missing: logged once, status off, never tried again', async () => {
    const file = join(dir, 'updater.cjs');
    const { policy, memory, scheduled } = policyOver(file);
    policy.start();
    expect(policy.status()).toEqual({ state: 'idle', heldByActions: false });

    expect(await policy.checkNow()).toEqual({ kind: 'off' });
    expect(policy.status()).toEqual({ state: 'off', heldByActions: false });
    expect(scheduled).toEqual([TIMING.firstCheckMs]);
    const records = memory.records();
    expect(records).toContainEqual(
      expect.objectContaining({ component: 'updater-bundle', reason: 'missing', file, msg: 'the updater bundle could not be loaded; the console works on without in-app updates' }),
    );
    expect(records).toContainEqual(expect.objectContaining({ component: 'updates', msg: 'updates are off until the console restarts: the updater could not be loaded' }));

    const lines = records.length;
    expect(await policy.checkNow()).toEqual({ kind: 'off' });
    expect(memory.records()).toHaveLength(lines);
    expect(policy.installOnQuit()).toBe(false);
  });

  it.each([
    ['load-failed', 'throws.cjs', "throw new Error('half-written file');", /failed to load/],
    ['not-the-updater', 'other.cjs', 'module.exports = { hello: 1 };', /does not export createUpdateFeed/],
    ['not-the-updater', 'bad-feed.cjs', 'exports.createUpdateFeed = () => ({ check: 1 });', /did not return an update feed/],
    ['no-installing-updater', 'no-installer.cjs', 'exports.createUpdateFeed = () => null;', /has no installing updater/],
  ])('refuses a bundle that is %s (%s) with a typed error', async (reason, name, code, message) => {
    const file = await bundle(name, code);
    const memory = memoryLogger();
    const feed = updaterBundleFeed(file, memory.logger);
    const error: unknown = await feed.check().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UpdaterBundleError);
    expect(error).toBeInstanceOf(UpdateFeedUnavailableError);
    expect(error).toMatchObject({ name: 'UpdaterBundleError', reason, file, message: expect.stringMatching(message) });
    if (reason === 'load-failed') expect((error as Error).cause).toMatchObject({ message: 'half-written file' });
    // The same refusal again, without loading a second time.
    await expect(feed.download()).rejects.toBe(error);
    expect(memory.records().filter((record) => record['component'] === 'updater-bundle')).toHaveLength(1);
  });
});
