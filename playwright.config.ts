import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/support/chromium';

// Decided once in the runner process; workers inherit the environment, so they agree on it.
process.env.TD_BRIDGE_TOKEN ??= randomBytes(24).toString('hex');
process.env.TD_BRIDGE_PORT ??= '47813';
process.env.TD_BRIDGE_PROFILE ??= mkdtempSync(join(tmpdir(), 'token-desk-e2e-'));
// A second bridge whose user settings file is broken from the start: the "problem with a settings
// file" screen is about startup, which the shared bridge has passed long before any test runs.
process.env.TD_PROBLEM_BRIDGE_PORT ??= String(Number(process.env.TD_BRIDGE_PORT) + 1);
process.env.TD_PROBLEM_BRIDGE_PROFILE ??= mkdtempSync(join(tmpdir(), 'token-desk-e2e-problem-'));
const port = process.env.TD_BRIDGE_PORT;
const profile = process.env.TD_BRIDGE_PROFILE;
const problemPort = process.env.TD_PROBLEM_BRIDGE_PORT;
const problemProfile = process.env.TD_PROBLEM_BRIDGE_PROFILE;

/** The installer's machine-wide file: it locks the idle time, as a call center's security policy would. */
const machineConfigFile = join(profile, 'machine-config.json');
if (!existsSync(machineConfigFile)) {
  writeFileSync(machineConfigFile, `${JSON.stringify({ idleLockMinutes: 15, locked: ['idleLockMinutes'] }, null, 2)}\n`);
}
/** A user file with a value out of range and a host name that is none. */
const problemUserFile = join(problemProfile, 'config.json');
if (!existsSync(problemUserFile)) {
  writeFileSync(problemUserFile, `${JSON.stringify({ idleLockMinutes: 30, externalLinkAllowlist: ['help desk!'] }, null, 2)}\n`);
}

const bridgeCommand = (onPort: string, userData: string, machineConfig: string): string =>
  `tsx electron/dev-bridge/cli.ts --port ${onPort} --user-data ${userData} --machine-config ${machineConfig}`;

export default defineConfig({
  testDir: 'tests',
  outputDir: 'test-results',
  fullyParallel: false,
  // The bridge holds one profile and one agent session; specs that change either restore them, so one worker keeps it simple.
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
          executablePath: CHROMIUM_PATH,
          args: [...CHROMIUM_ARGS],
        },
      },
    },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
  webServer: [
    {
      command: bridgeCommand(port, profile, machineConfigFile),
      url: `http://127.0.0.1:${port}/__bridge/health`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 60_000,
    },
    {
      // Its machine file does not exist: only the user file is at fault.
      command: bridgeCommand(problemPort, problemProfile, join(problemProfile, 'machine-config.json')),
      url: `http://127.0.0.1:${problemPort}/__bridge/health`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 60_000,
    },
  ],
});
