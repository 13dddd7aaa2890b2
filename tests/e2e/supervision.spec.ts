import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { findActiveTokens } from './pages/actions-backend';
import { accounts, bridge, callBridge, expect, openConsole, signInViaBridge, test } from './fixtures';

const SCREENSHOTS = 'tests/e2e/screenshots';
const SIZES = [
  { width: 1366, height: 800 },
  { width: 1920, height: 1080 },
] as const;

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string } };

const exportsFolder = join(bridge.profile, 'exports');

const shootBoth = async (page: Page, name: string): Promise<void> => {
  for (const [language, label] of [
    ['ja', 'English'],
    ['en', '日本語'],
  ] as const) {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SCREENSHOTS}/supervision-${name}-${language}-${String(size.width)}.png` });
    }
    await page.getByRole('button', { name: label }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', language === 'ja' ? 'en' : 'ja');
  }
  await page.setViewportSize(SIZES[0]);
};

test('an agent has no supervision area, and core refuses them the audit calls', async ({ signedOut: page }) => {
  await signInViaBridge(page, accounts.agent);
  await openConsole(page);
  await expect(page.getByTestId('workspace')).toBeVisible();
  await expect(page.getByTestId('view-supervision')).toHaveCount(0);
  await expect(page.getByTestId('supervision-area')).toHaveCount(0);
  for (const [name, input] of [
    ['audit.list', { filter: {} }],
    ['audit.verify', {}],
    ['audit.export', { filter: {}, format: 'csv' }],
    ['audit.cancelExport', { exportId: randomUUID() }],
    ['floor.overview', { from: '2026-12-03T15:00:00.000Z', to: '2026-12-04T15:00:00.000Z' }],
    ['agents.list', {}],
    ['agents.unlock', { agentId: accounts.lockout.agentId }],
    ['agents.resetPassword', { agentId: accounts.lockout.agentId }],
  ] as const) {
    expect(await callBridge(page, name, input), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
  }
});

test('a supervisor reads the audit trail, opens a record’s token history, and exports the filtered set as CSV read back from the file', async ({ signedOut: page }) => {
  // Sixteen screenshots and an export: more than the default time on a shared machine.
  test.slow();
  await signInViaBridge(page, accounts.supervisor);
  // A token action of their own, so the trail has a record naming a token and a cardholder.
  const [token] = await findActiveTokens(page, 1, 40);
  if (token === undefined) throw new Error('no active token');
  const submitted = (await callBridge(page, 'actions.submit', {
    actionId: randomUUID(),
    virtualCardId: token.virtualCardId,
    operation: 'suspend',
    reasonCode: 'DEVICE_LOST',
    comment: '=HYPERLINK("x") 監査テスト',
    expectedState: 'ACTIVE',
  })) as Answer<unknown>;
  expect(submitted).toMatchObject({ ok: true });

  await openConsole(page);
  await page.getByTestId('view-supervision').click();
  const area = page.getByTestId('supervision-area');
  await expect(area).toBeVisible();
  await expect(page.getByTestId('workspace')).toBeHidden();
  await expect(page.getByTestId('audit-verification')).toHaveAttribute('data-state', 'intact');

  // Filter: the supervisor's own token actions on that token.
  const filter = page.getByTestId('audit-filter');
  await filter.locator('input[name="agentId"]').fill(accounts.supervisor.agentId);
  await filter.locator('input[name="virtualCardId"]').fill(token.virtualCardId);
  await filter.locator('select[name="kind"]').selectOption('TOKEN_ACTION');
  await filter.getByRole('button', { name: '絞り込む' }).click();
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('一時停止');
  await expect(rows.first()).toContainText(`•${token.tokenLastFour}`);
  await expect(rows.first()).toContainText('端末の紛失');
  await shootBoth(page, 'audit');

  // A malformed id is named at its field; nothing is asked.
  await filter.locator('input[name="cardholderId"]').fill('not an id');
  await filter.getByRole('button', { name: '絞り込む' }).click();
  await expect(filter.getByRole('alert')).toContainText('会員 ID');
  await filter.locator('input[name="cardholderId"]').fill('');

  // Export what the filter selects; the bridge saves it in its profile's exports folder.
  const before = new Set(await readdir(exportsFolder).catch(() => []));
  await page.getByTestId('audit-export-start').click();
  const status = page.getByTestId('audit-export-status');
  await expect(status).toHaveAttribute('data-state', 'done');
  await expect(status).toContainText('1 件を書き出しました');
  await shootBoth(page, 'audit-exported');
  const written = (await readdir(exportsFolder)).filter((name) => !before.has(name) || name.endsWith('.csv'));
  const file = written.filter((name) => name.endsWith('.csv')).sort().at(-1);
  expect(file, 'the export is in the profile').toBeDefined();
  // Nothing half-written is left beside it.
  expect((await readdir(exportsFolder)).filter((name) => name.endsWith('.part'))).toEqual([]);
  const bytes = await readFile(join(exportsFolder, file ?? ''));
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const table = parse(bytes.subarray(3).toString('utf8'), { columns: true }) as Record<string, string>[];
  expect(table).toHaveLength(1);
  expect(table[0]).toMatchObject({
    kind: 'TOKEN_ACTION',
    agent_id: accounts.supervisor.agentId,
    virtual_card_id: token.virtualCardId,
    token_last_four: token.tokenLastFour,
    operation: 'suspend',
    reason_code: 'DEVICE_LOST',
    // A formula is never run by a spreadsheet: the cell is prefixed with '.
    comment: `'=HYPERLINK("x") 監査テスト`,
  });

  // The export itself is in the trail, with the filter it used.
  const exports = (await callBridge(page, 'audit.list', { filter: { kind: 'EXPORT', agentId: accounts.supervisor.agentId }, limit: 1 })) as Answer<{
    items: { detail: { filter: Record<string, string> } }[];
  }>;
  expect(exports.ok && exports.data.items[0]?.detail.filter).toMatchObject({ virtualCardId: token.virtualCardId, kind: 'TOKEN_ACTION' });

  // The floor: today's figures count the supervisor's suspend, and the chart is drawn.
  await page.getByTestId('supervision-tab-floor').click();
  const figures = page.getByTestId('floor-figures');
  await expect(figures.locator('tbody tr', { hasText: accounts.supervisor.agentId })).toBeVisible();
  await expect(page.getByTestId('floor-chart').locator('canvas')).toHaveCount(1);
  await expect(page.getByTestId('floor-recent')).toContainText(`•${token.tokenLastFour}`);
  await shootBoth(page, 'floor');
  await page.getByTestId('supervision-tab-audit').click();
  await expect(rows).toHaveCount(1);

  // The record opens its token's history on the desk.
  await rows.first().click();
  await expect(page.getByTestId('workspace')).toBeVisible();
  await expect(area).toHaveCount(0);
  await expect(page.getByTestId('history-scroll')).toBeVisible();
});

test('a supervisor lifts a locked-out account’s lockout, recorded in the audit trail; only an administrator is offered the password reset', async ({ signedOut: page }) => {
  test.slow();
  // Lock the account reserved for lockout tests: ten wrong passwords at most.
  for (let attempt = 1; attempt <= 10; attempt += 1) {
    const answer = (await callBridge(page, 'session.signIn', { agentId: accounts.lockout.agentId, password: `wrong-${String(attempt)}` })) as Answer<unknown>;
    if (!answer.ok && answer.error.code === 'ACCOUNT_LOCKED') break;
  }
  await signInViaBridge(page, accounts.supervisor);
  await openConsole(page);
  await page.getByTestId('view-supervision').click();
  await expect(page.getByTestId('audit-screen')).toBeVisible();
  await page.getByTestId('supervision-tab-accounts').click();
  const row = page.locator(`[data-testid="accounts-table"] tr[data-agent-id="${accounts.lockout.agentId}"]`);
  await expect(row).toHaveAttribute('data-locked', 'true');
  await expect(row).toContainText('ロック中');
  // A supervisor is not an administrator: no password reset on offer.
  await expect(page.getByRole('button', { name: 'パスワードを初期値に戻す' })).toHaveCount(0);
  await shootBoth(page, 'accounts');

  await row.getByRole('button', { name: 'ロックを解除' }).click();
  await expect(row.getByRole('status')).toContainText('ロックを解除しました');
  await expect(row).not.toHaveAttribute('data-locked', 'true');
  await expect(row).toContainText('利用可');
  const unlocks = (await callBridge(page, 'audit.list', { filter: { kind: 'UNLOCK', agentId: accounts.supervisor.agentId }, limit: 1 })) as Answer<{ items: { detail: { agentId: string } }[] }>;
  expect(unlocks.ok && unlocks.data.items[0]?.detail.agentId).toBe(accounts.lockout.agentId);
  // The account signs in again.
  await page.getByRole('button', { name: 'サインアウト' }).first().click();
  expect(await callBridge(page, 'session.signIn', { agentId: accounts.lockout.agentId, password: accounts.lockout.password })).toMatchObject({ ok: true });
});
