import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** The same Chromium and switches as playwright.config.ts, so the bench measures what the e2e tests run. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launchBenchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 60_000 });

/** A context like the e2e tests': Japanese, Tokyo time, the same window size. */
export const newBenchContext = async (browser: Browser, origin: string): Promise<BrowserContext> => {
  const context = await browser.newContext({ baseURL: origin, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1366, height: 800 } });
  // tsx (esbuild keepNames) wraps named functions in __name(); functions handed to page.evaluate
  // carry those calls into the page, where __name does not exist.
  await context.addInitScript('globalThis.__name = (target) => target;');
  context.setDefaultTimeout(30_000);
  return context;
};
