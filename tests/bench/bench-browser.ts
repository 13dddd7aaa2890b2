import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';

/** The e2e tests' Chromium and switches, so the bench measures what they run. */
export const launchBenchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], timeout: 60_000 });

/** A context like the e2e tests': Japanese, Tokyo time, the same window size. */
export const newBenchContext = async (browser: Browser, origin: string): Promise<BrowserContext> => {
  const context = await browser.newContext({ baseURL: origin, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1366, height: 800 } });
  // tsx (esbuild keepNames) wraps named functions in __name(); functions handed to page.evaluate
  // carry those calls into the page, where __name does not exist.
  await context.addInitScript('globalThis.__name = (target) => target;');
  context.setDefaultTimeout(30_000);
  return context;
};
