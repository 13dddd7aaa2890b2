import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';

/** What the bridge and its profile are, as playwright.config.ts decided them. */
export const bridge = {
  token: process.env.TD_BRIDGE_TOKEN ?? '',
  profile: process.env.TD_BRIDGE_PROFILE ?? '',
  logFile: join(process.env.TD_BRIDGE_PROFILE ?? '', 'logs', 'token-desk.log'),
};

export const readBridgeLog = (): Promise<string> => readFile(bridge.logFile, 'utf8').catch(() => '');

interface ConsoleWatch {
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  /** Lets a test that provokes an error on purpose accept messages matching this. */
  allow(pattern: RegExp): void;
}

/** Calls the contract directly, as a script would: for arranging state, not for asserting the UI. */
export const callBridge = async (page: Page, name: string, input: unknown): Promise<unknown> => {
  const response = await page.request.post(`/rpc/${name}`, {
    headers: { authorization: `Bearer ${bridge.token}` },
    data: input,
  });
  return response.json();
};

export const test = base.extend<{ watch: ConsoleWatch; consolePage: Page }>({
  watch: async ({ page }, use) => {
    const problems: string[] = [];
    const allowed: RegExp[] = [];
    const note = (text: string): void => {
      if (!allowed.some((pattern) => pattern.test(text))) problems.push(text);
    };
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
      });
    });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') note(`console.${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => note(`pageerror: ${error.message}`));
    await use({ problems, allow: (pattern) => allowed.push(pattern) });
    expect(problems, 'the console must log no errors, warnings or CSP violations').toEqual([]);
  },
  /** A signed-in browser session on the console, in Japanese, ready to use. */
  consolePage: async ({ page, watch }, use) => {
    void watch;
    await callBridge(page, 'settings.set', { language: 'ja' });
    await page.goto(`/__bridge/session?token=${bridge.token}`);
    await expect(page.locator('[data-app-ready="true"]')).toHaveCount(1);
    await use(page);
    await callBridge(page, 'settings.set', { language: 'ja' });
  },
});

export { expect };
