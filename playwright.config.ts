import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// Decided once in the runner process; workers inherit the environment, so they agree on it.
process.env.TD_BRIDGE_TOKEN ??= randomBytes(24).toString('hex');
process.env.TD_BRIDGE_PORT ??= '47813';
process.env.TD_BRIDGE_PROFILE ??= mkdtempSync(join(tmpdir(), 'token-desk-e2e-'));
const port = process.env.TD_BRIDGE_PORT;
const profile = process.env.TD_BRIDGE_PROFILE;

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  fullyParallel: false,
  // The bridge holds one profile; specs that change settings restore them, so one worker keeps it simple.
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  projects: [
    {
      name: 'chromium',
      testMatch: 'e2e/**/*.spec.ts',
      use: {
        baseURL: `http://127.0.0.1:${port}`,
        locale: 'ja-JP',
        timezoneId: 'Asia/Tokyo',
        viewport: { width: 1366, height: 800 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
  webServer: {
    command: `tsx electron/dev-bridge/cli.ts --port ${port} --user-data ${profile}`,
    url: `http://127.0.0.1:${port}/__bridge/health`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    timeout: 60_000,
  },
});
