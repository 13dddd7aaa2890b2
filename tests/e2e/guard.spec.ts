import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { StoredIntegrityReport } from '../../shared/api/integrity';
import { pageOf } from '../../shared/api/model';
import { accounts, bridge, callBridge, expect, test } from './fixtures';
import { SignInPage } from './pages/sign-in-page';
import { startConnectedDesk, type ConnectedDesk } from '../support/connected-desk';

/**
 * Tampering shown on screen: a workstation (its own bridge process and profile) is stopped, its
 * audit journal is edited by hand, and it starts again. Before anyone signs in, the sign-in screen
 * carries the banner, Japanese first with English beside it whatever the language, saying what was
 * found and, once the backend has the report, that a supervisor has been told; a supervisor reads
 * the report from the backend. The banner stays after the agent signs in.
 */
const SCREENSHOTS = 'tests/e2e/screenshots';

let desk: ConnectedDesk | null = null;

test.afterEach(async () => {
  await desk?.close();
  desk = null;
});

test('a journal edited while the console was off: the banner on the sign-in screen and after, and the report at the backend', async ({ page }) => {
  test.setTimeout(120_000);
  desk = await startConnectedDesk({ token: bridge.token });
  await desk.killBridge();
  // A journal line nobody could have written: the head kept apart says there was none.
  await mkdir(join(desk.userDataDir, 'audit'), { recursive: true });
  await writeFile(join(desk.userDataDir, 'audit', 'audit-journal.jsonl'), '{"prev":"edited by hand"}\n');
  await desk.startBridge();

  await page.goto(desk.bridge.sessionUrl);
  await expect(page.locator('[data-app-ready="true"]')).toHaveCount(1);
  const banner = page.getByTestId('integrity-banner');
  await expect(banner).toBeVisible();
  await expect(banner.locator('h2 [lang="ja"]')).toHaveText('記録の改ざんまたは破損が見つかりました');
  await expect(banner.locator('h2 [lang="en"]')).toHaveText('Records found tampered with or damaged');
  const notice = banner.getByTestId('integrity-notice');
  await expect(notice).toHaveAttribute('data-subject', 'AUDIT_JOURNAL');
  await expect(notice).toHaveAttribute('data-reported', 'true', { timeout: 20_000 });
  await expect(notice.locator('[lang="ja"]').first()).toContainText('監査ジャーナルに 2 件の問題が見つかりました');
  await expect(notice.locator('[lang="ja"]').first()).toContainText('スーパーバイザーに通知しました。');
  await expect(notice.locator('[lang="en"]').first()).toContainText('A supervisor has been told.');
  await notice.locator('summary').click();
  await expect(notice.locator('details')).toContainText('not a journal line (schema)');

  // The same banner in either language: both are always there, Japanese first.
  await page.screenshot({ path: `${SCREENSHOTS}/guard-integrity-banner-ja.png` });
  await callBridge(page, 'settings.set', { language: 'en' }, desk.bridge.origin);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(banner.locator('h2 [lang="ja"]')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/guard-integrity-banner-en.png` });
  await callBridge(page, 'settings.set', { language: 'ja' }, desk.bridge.origin);

  // Signed in, the banner is still there: it is the workstation's, not the agent's.
  await new SignInPage(page).signIn(accounts.agent.agentId, accounts.agent.password);
  await expect(page.getByTestId('workspace')).toBeVisible();
  await expect(banner).toBeVisible();

  const supervisor = await desk.backend.signIn({ agentId: accounts.supervisor.agentId, password: accounts.supervisor.password });
  const answer = await desk.backend.asAgent(supervisor, 'GET', '/api/v1/integrity-reports');
  const reports = pageOf(StoredIntegrityReport).parse(answer.json).items;
  expect(reports).toEqual([expect.objectContaining({ subject: 'AUDIT_JOURNAL', keptAs: expect.stringMatching(/^audit-journal\.jsonl\..*\.damaged$/) })]);
});
