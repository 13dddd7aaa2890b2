import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * Finds the Chromium that the e2e tests, the bench, the icon renderer and `npm test`'s first step
 * (scripts/check-chromium.ts) all use: one resolver, so the early check finds exactly the browser
 * Playwright will launch (tests/support/chromium.ts), with the same switches.
 */
export type ChromiumLookup = { found: true; path: string; source: string } | { found: false; reason: string; install: string };

/** Where a browser is looked for after CHROMIUM_PATH and Playwright's own, in this order. */
const SYSTEM_BROWSERS: readonly { path: string; source: string }[] = [
  { path: '/usr/bin/chromium', source: "Debian's chromium" },
  { path: '/usr/bin/chromium-browser', source: "Ubuntu's chromium-browser" },
  { path: '/usr/bin/google-chrome', source: 'Google Chrome' },
  { path: '/usr/bin/google-chrome-stable', source: 'Google Chrome' },
  { path: '/opt/google/chrome/chrome', source: 'Google Chrome' },
  { path: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', source: 'Google Chrome' },
  { path: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', source: 'Google Chrome' },
];

/** The command that installs a browser the resolver finds, for the platform at hand. */
const chromiumInstallHint = (platform: NodeJS.Platform = process.platform): string =>
  platform === 'linux'
    ? 'sudo apt-get install -y chromium fonts-noto-cjk   (Debian/Ubuntu; or: npx playwright install chromium)'
    : 'npx playwright install chromium   (or install Google Chrome, or set CHROMIUM_PATH to a Chromium-based browser)';

const playwrightChromium = (): string | null => {
  try {
    return chromium.executablePath();
  } catch {
    return null;
  }
};

export const findChromium = (
  env: Readonly<Record<string, string | undefined>> = process.env,
  exists: (path: string) => boolean = existsSync,
  playwrightPath: () => string | null = playwrightChromium,
): ChromiumLookup => {
  const install = chromiumInstallHint();
  const chosen = env['CHROMIUM_PATH'];
  if (chosen) {
    // An explicit choice is never silently replaced by another browser.
    return exists(chosen) ? { found: true, path: chosen, source: 'CHROMIUM_PATH' } : { found: false, reason: `CHROMIUM_PATH is ${chosen}, which does not exist`, install };
  }
  const fromPlaywright = playwrightPath();
  if (fromPlaywright && exists(fromPlaywright)) return { found: true, path: fromPlaywright, source: 'Playwright' };
  const system = SYSTEM_BROWSERS.find((browser) => exists(browser.path));
  if (system) return { found: true, ...system };
  return { found: false, reason: 'no Chromium found (CHROMIUM_PATH, Playwright\'s, /usr/bin/chromium, chromium-browser or Google Chrome)', install };
};

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
