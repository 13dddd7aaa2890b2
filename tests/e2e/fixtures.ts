import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page';

/** What the bridges and their profiles are, as playwright.config.ts decided them. */
export const bridge = {
  token: process.env.TD_BRIDGE_TOKEN ?? '',
  profile: process.env.TD_BRIDGE_PROFILE ?? '',
  logFile: join(process.env.TD_BRIDGE_PROFILE ?? '', 'logs', 'token-desk.log'),
  machineConfigFile: join(process.env.TD_BRIDGE_PROFILE ?? '', 'machine-config.json'),
  /** The second bridge, started with a broken user settings file. */
  problemOrigin: `http://127.0.0.1:${process.env.TD_PROBLEM_BRIDGE_PORT ?? ''}`,
  problemUserFile: join(process.env.TD_PROBLEM_BRIDGE_PROFILE ?? '', 'config.json'),
};

export const readBridgeLog = (): Promise<string> => readFile(bridge.logFile, 'utf8').catch(() => '');

/** The training backend's accounts (sandbox/auth/training-agents.ts), by what tests use them for. */
export const accounts = {
  agent: { agentId: 'agent.sato', name: '佐藤 美咲', password: 'Training-Sato-2026', role: 'agent' },
  supervisor: { agentId: 'supervisor.suzuki', name: '鈴木 健一', password: 'Training-Suzuki-2026', role: 'supervisor' },
  admin: { agentId: 'admin.tanaka', name: '田中 直樹', password: 'Training-Tanaka-2026', role: 'admin' },
  /** Reserved for lockout tests: it may be locked at any point of the run, so nothing else uses it. */
  lockout: { agentId: 'agent.lockout', name: '高橋 亮 (ロックアウト試験用)', password: 'Training-Lockout-2026', role: 'agent' },
} as const;
export type Account = (typeof accounts)[keyof typeof accounts];

interface ConsoleWatch {
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  /** Lets a test that provokes an error on purpose accept messages matching this. */
  allow(pattern: RegExp): void;
}

/** Calls the contract directly, as a script would: for arranging state, not for asserting the UI. */
export const callBridge = async (page: Page, name: string, input: unknown, origin = ''): Promise<unknown> => {
  const response = await page.request.post(`${origin}/rpc/${name}`, {
    headers: { authorization: `Bearer ${bridge.token}` },
    data: input,
  });
  return response.json();
};

/** Signs in through the bridge, for tests where the sign-in screen is not what is under test. */
export const signInViaBridge = async (page: Page, account: Account): Promise<void> => {
  const answer = (await callBridge(page, 'session.signIn', { agentId: account.agentId, password: account.password })) as { ok: boolean };
  expect(answer, `sign-in of ${account.agentId} through the bridge`).toMatchObject({ ok: true });
};

/**
 * Main holds one session for the whole bridge: every test starts from, and leaves, a signed-out
 * console. Main keeps an open phone call for its agent across sign-outs, so one a test left open is
 * discarded first, and the next test of that agent starts without it.
 */
const signOutViaBridge = async (page: Page): Promise<void> => {
  const state = (await callBridge(page, 'phoneCall.state', {})) as { ok: boolean; data?: { current: { phoneCallId: string } | null } };
  const open = state.ok ? state.data?.current : null;
  if (open) await callBridge(page, 'phoneCall.end', { phoneCallId: open.phoneCallId, closing: 'DISCARDED', outcomeCode: null, notes: '' });
  await callBridge(page, 'session.signOut', {});
};

/** Opens the console in the browser (the session URL sets the bridge's cookie) and waits until it is ready. */
export const openConsole = async (page: Page, origin = ''): Promise<void> => {
  await page.goto(`${origin}/__bridge/session?token=${bridge.token}`);
  await expect(page.locator('[data-app-ready="true"]')).toHaveCount(1);
};

/** Opens a console at `sessionUrl` (another bridge's, e.g. a connected desk) and signs in through its sign-in screen. */
export const signInAt = async (page: Page, sessionUrl: string, account: Account): Promise<void> => {
  await page.goto(sessionUrl);
  await expect(page.locator('[data-app-ready="true"]')).toHaveCount(1);
  await new SignInPage(page).signIn(account.agentId, account.password);
  await expect(page.getByTestId('workspace')).toBeVisible();
};

export const test = base.extend<{ watch: ConsoleWatch; signedOut: Page; consolePage: Page }>({
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
  /**
   * A page on a signed-out console in Japanese, not yet opened (so a test can install a clock or
   * routes first). Cleans up after itself: signed out, Japanese.
   */
  signedOut: async ({ page, watch }, use) => {
    void watch;
    await signOutViaBridge(page);
    await callBridge(page, 'settings.set', { language: 'ja' });
    await use(page);
    await signOutViaBridge(page);
    await callBridge(page, 'settings.set', { language: 'ja' });
  },
  /** The console signed in as a training agent through the sign-in screen, in Japanese, ready to use. */
  consolePage: async ({ signedOut: page }, use) => {
    await openConsole(page);
    await new SignInPage(page).signInWithTrainingAccount(accounts.agent);
    await expect(page.getByTestId('workspace')).toBeVisible();
    await use(page);
  },
});

export { expect };
