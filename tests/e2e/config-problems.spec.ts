import { mkdir } from 'node:fs/promises';
import { accounts, bridge, expect, openConsole, test } from './fixtures';
import { SignInPage } from './pages/sign-in-page';

/**
 * Against the second bridge of the run, started with a broken user settings file
 * (playwright.config.ts): the console must open, say which file and which field, and let the
 * agent sign in with the defaults.
 */
const SCREENSHOTS = 'tests/e2e/screenshots';

test.beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

test('a bad settings file is reported at startup, naming the file and the field, and sign-in still works', async ({ page, watch }) => {
  void watch;
  await openConsole(page, bridge.problemOrigin);
  const banner = page.getByTestId('config-problems');
  await expect(banner.getByRole('heading', { level: 2 })).toHaveText('設定ファイルに問題があります');
  await expect(banner).toContainText(bridge.problemUserFile);
  await expect(banner).toContainText('idleLockMinutes');
  await expect(banner).toContainText('externalLinkAllowlist.0');
  await expect(banner.getByRole('button', { name: '接続設定を開く' })).toBeVisible();
  const signIn = new SignInPage(page);
  await signIn.expectShown();
  await page.screenshot({ path: `${SCREENSHOTS}/config-problems-ja.png`, fullPage: true });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(banner.getByRole('heading', { level: 2 })).toHaveText('There is a problem with a settings file');
  await page.screenshot({ path: `${SCREENSHOTS}/config-problems-en.png`, fullPage: true });

  await signIn.signIn(accounts.agent.agentId, accounts.agent.password);
  await expect(page.getByTestId('workspace')).toBeVisible();
  // A signed-in agent still sees the problem, and is told whom to ask.
  await expect(banner).toContainText('Ask your administrator');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn.expectShown();
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
});
