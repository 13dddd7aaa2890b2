import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { trainingBackend } from './training-controls';

const SCREENSHOTS = 'tests/e2e/screenshots';

/** Seed fixtures (sandbox/seed/README.md). */
const lifecycle = { cardholderId: 'C0000007', operationFailed: 'VCOPFAILED001', optionD: 'VCOPTIOND0001' } as const;
const longHistory = { cardholderId: 'C0000004', virtualCardId: 'VCHISTORY0001', events: 10_000 } as const;
/** Suspended by its wallet: the simulated wallet may resume it and suspend it again (its history grows; no test counts it). */
const walletSuspended = { cardholderId: 'C0000005', virtualCardId: 'VCSUSPWALLET1' } as const;

/** The selected token's history, as the agent reaches it: search, open the cardholder, select a token. */
class HistoryPanel {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('token-history');
  }

  get rows(): Locator {
    return this.root.getByTestId('history-row');
  }

  get count(): Locator {
    return this.root.getByTestId('history-count');
  }

  rowOfKind(kind: string): Locator {
    return this.root.locator(`[data-testid="history-row"][data-kind="${kind}"]`);
  }

  /** Selects the token; `expectRows: false` when the history is meant to fail. */
  async open(cardholderId: string, virtualCardId: string, { expectRows = true } = {}): Promise<void> {
    const search = this.page.getByRole('combobox', { name: 'カード会員を検索' });
    await search.fill(cardholderId);
    await search.press('Enter');
    await this.page.locator(`[data-token-id="${virtualCardId}"]`).click();
    await expect(this.root).toHaveAttribute('data-virtual-card-id', virtualCardId);
    if (expectRows) await expect(this.rows.first()).toBeVisible();
  }

  /** "全 12 件" → 12. */
  async total(): Promise<number> {
    const text = (await this.count.textContent()) ?? '';
    const match = /^全 ([\d,]+) 件$/.exec(text);
    if (match?.[1] === undefined) throw new Error(`not a complete count: ${text}`);
    return Number(match[1].replace(/,/g, ''));
  }
}

/** How the console shows a time: the agent's locale and zone (ja, Asia/Tokyo in these tests). */
const localTime = (iso: string): string => new Intl.DateTimeFormat('ja', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Asia/Tokyo' }).format(new Date(iso));

test('a token opened from the cardholder view shows its history: time, source, sentence, correlation id, raw event', async ({ consolePage: page }) => {
  const history = new HistoryPanel(page);
  await history.open(lifecycle.cardholderId, lifecycle.operationFailed);
  await expect(history.count).toHaveText('全 6 件');
  await expect(history.rows).toHaveCount(6);

  // Newest first: the suspension that could not reach the device.
  const failed = history.rows.first();
  await expect(failed).toHaveAttribute('data-kind', 'OPERATION_FAILED');
  await expect(failed.getByTestId('history-sentence')).toHaveText('一時停止の操作が失敗しました。エラーコード 221: 再試行しても端末に接続できませんでした。操作は端末に届いていません。トークンの状態は変わっていません。理由: 端末の紛失。');
  await expect(failed.getByTestId('history-source')).toHaveText('TSP（トークンサービス）');
  const time = failed.locator('time');
  const iso = await time.getAttribute('datetime');
  expect(iso).not.toBeNull();
  await expect(time).toHaveText(localTime(iso ?? ''));
  await expect(time).toHaveAttribute('title', `UTC ${new Date(iso ?? '').toISOString().slice(0, 19).replace('T', ' ')}`);
  await expect(failed.locator('.history-relative')).toHaveText(/前$/);

  // The agent's request carries the same correlation id as the failure it led to.
  const agentAction = history.rowOfKind('AGENT_ACTION');
  await expect(agentAction.getByTestId('history-source')).toHaveText(/^エージェント \S+/);
  await expect(agentAction.getByTestId('history-sentence')).toHaveText(/^エージェント .+が一時停止を操作しました。理由: 端末の紛失。/);
  const correlation = failed.getByTestId('history-correlation-id');
  await expect(correlation).toHaveText(/^lcm-[a-z]{6}-\d{4}-[a-z]{6}$/);
  const correlationId = (await correlation.textContent()) ?? '';
  await expect(agentAction.getByTestId('history-correlation-id')).toHaveText(correlationId);

  // Copy: the clipboard is refused by main, so the id is selected whole for Ctrl+C.
  await failed.getByRole('button', { name: `相関ID ${correlationId} を選択してコピー` }).click();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(correlationId);
  await expect(failed.getByRole('status')).toHaveText('選択しました。Ctrl+C でコピーできます。');

  // The raw event on demand.
  const rawToggle = failed.getByRole('button', { name: '元データ' });
  await expect(rawToggle).toHaveAttribute('aria-expanded', 'false');
  await rawToggle.click();
  await expect(rawToggle).toHaveAttribute('aria-expanded', 'true');
  await expect(failed.getByTestId('history-raw')).toContainText('"errorCode": "221"');
  await rawToggle.click();
  await expect(failed.getByTestId('history-raw')).toHaveCount(0);
});

test('the history filters by kind and by source, and says how many are shown', async ({ consolePage: page }) => {
  const history = new HistoryPanel(page);
  await history.open(lifecycle.cardholderId, lifecycle.operationFailed);
  await expect(history.rows).toHaveCount(6);

  await history.root.getByLabel('種類').selectOption({ label: '操作の失敗' });
  await expect(history.rows).toHaveCount(1);
  await expect(history.rows.first()).toHaveAttribute('data-kind', 'OPERATION_FAILED');
  await expect(history.count).toHaveText('1 件を表示（全 6 件中）');

  await history.root.getByLabel('種類').selectOption({ label: 'すべての種類' });
  await history.root.getByLabel('操作元').selectOption({ label: 'TSP（トークンサービス）' });
  await expect(history.rows).toHaveCount(3);
  for (const row of await history.rows.all()) await expect(row).toHaveAttribute('data-source', 'TSP');

  await history.root.getByLabel('操作元').selectOption({ label: 'エージェント' });
  await expect(history.rows).toHaveCount(1);
  await expect(history.rows.first()).toHaveAttribute('data-kind', 'AGENT_ACTION');

  await history.root.getByRole('button', { name: '絞り込みを解除' }).click();
  await expect(history.rows).toHaveCount(6);
  await expect(history.count).toHaveText('全 6 件');
});

test('the history is usable by keyboard alone: Tab in, arrows, Home/End, Enter and Space for the raw event', async ({ consolePage: page }) => {
  const history = new HistoryPanel(page);
  await history.open(lifecycle.cardholderId, lifecycle.optionD);
  await expect(history.rows).toHaveCount(6);

  await history.root.getByLabel('操作元').focus();
  await page.keyboard.press('Tab');
  const first = history.rows.nth(0);
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute('tabindex', '0');

  await page.keyboard.press('ArrowDown');
  await expect(history.rows.nth(1)).toBeFocused();
  await expect(first).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('End');
  const last = history.rows.nth(5);
  await expect(last).toBeFocused();
  await expect(last).toHaveAttribute('data-kind', 'DIGITIZATION_REQUESTED');
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(first.getByRole('button', { name: '元データ' })).toHaveAttribute('aria-expanded', 'true');
  await expect(first.getByTestId('history-raw')).toBeVisible();
  await page.keyboard.press(' ');
  await expect(first.getByTestId('history-raw')).toHaveCount(0);

  // Within the active row, Tab reaches its controls.
  await page.keyboard.press('Tab');
  await expect(first.getByRole('button', { name: '元データ' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(first.getByRole('button', { name: /相関ID/ })).toBeFocused();
  await page.keyboard.press('Enter');
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(await first.getByTestId('history-correlation-id').textContent());
  // From a control in the row, the arrows still move through the list.
  await page.keyboard.press('ArrowDown');
  await expect(history.rows.nth(1)).toBeFocused();

  const axe = await new AxeBuilder({ page }).include('[data-testid="token-history"]').analyze();
  const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the 10,000-event token opens at once and scrolls to its first event, loading pages on the way', async ({ consolePage: page }) => {
  test.setTimeout(120_000);
  const pages: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/rpc/tokens.events')) pages.push(request.postData() ?? '');
  });
  const history = new HistoryPanel(page);
  await history.open(longHistory.cardholderId, longHistory.virtualCardId);
  await expect(history.count).toHaveText(/^読み込み済み [\d,]+ 件（さらに古い履歴あり・全件数は未確定）$/);
  await expect(history.rows.first()).toHaveAttribute('data-kind', /^(SUSPENDED|RESUMED)$/);

  const scroll = history.root.getByTestId('history-scroll');
  await expect
    .poll(
      async () => {
        await scroll.evaluate((box) => box.scrollTo({ top: box.scrollHeight }));
        return history.root.getAttribute('data-complete');
      },
      { timeout: 90_000, intervals: [100] },
    )
    .toBe('true');
  await scroll.evaluate((box) => box.scrollTo({ top: box.scrollHeight }));

  await expect(history.count).toHaveText('全 10,000 件');
  const oldest = history.rowOfKind('DIGITIZATION_REQUESTED');
  await expect(oldest).toBeVisible();
  await expect(oldest).toHaveAttribute('aria-posinset', String(longHistory.events));
  await expect(oldest).toHaveAttribute('aria-setsize', String(longHistory.events));
  // Virtualized: a screenful of rows in the DOM, not ten thousand.
  expect(await history.rows.count()).toBeLessThan(60);
  // A small first page, then pages of 200 as the agent scrolls.
  const ofThisToken = pages.filter((body) => body.includes(longHistory.virtualCardId));
  expect(ofThisToken.length).toBeGreaterThanOrEqual(50);
});

test('history screenshots in Japanese and English', async ({ consolePage: page }) => {
  const history = new HistoryPanel(page);
  await history.open(lifecycle.cardholderId, lifecycle.optionD);
  await expect(history.rows).toHaveCount(6);
  // The newest row with its raw event open, and the rows under it.
  await history.rows.first().getByRole('button', { name: '元データ' }).click();
  await expect(history.root.getByTestId('history-raw')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/history-ja.png` });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(history.root.getByRole('heading', { name: 'History' })).toBeVisible();
  await expect(history.count).toHaveText('6 events in all');
  await expect(history.rowOfKind('AGENT_ACTION').getByTestId('history-sentence')).toHaveText(/^Agent .+ requested activation\. Reason: identity verified by customer service\. Comment: “.+”$/);
  await page.screenshot({ path: `${SCREENSHOTS}/history-en.png` });
});

test('a wallet change of the open token shows on top at once, highlighted briefly', async ({ consolePage: page }) => {
  const history = new HistoryPanel(page);
  const training = await trainingBackend(page.request);
  await history.open(walletSuspended.cardholderId, walletSuspended.virtualCardId);
  await expect(history.count).toHaveText(/^全 [\d,]+ 件$/);
  const before = await history.total();
  try {
    await training.simulate({ virtualCardId: walletSuspended.virtualCardId, action: 'RESUME', source: 'WALLET' });
    // No reload, no click: token.changed arrives over the live stream and the newest page is merged.
    const newest = history.rows.first();
    await expect(newest).toHaveAttribute('data-kind', 'RESUMED');
    await expect(newest.getByTestId('history-sentence')).toHaveText(/^会員（ウォレットのアプリまたはウォレット事業者のポータル）がトークンの一時停止を解除しました。/);
    await expect(newest).toHaveClass(/history-row-fresh/);
    await expect(newest).toContainText('新着');
    await expect(history.count).toHaveText(`全 ${before + 1} 件`);
    // The highlight is brief.
    await expect(newest).not.toHaveClass(/history-row-fresh/, { timeout: 10_000 });
  } finally {
    await training.simulate({ virtualCardId: walletSuspended.virtualCardId, action: 'SUSPEND', source: 'WALLET' });
  }
  await expect(history.rows.first()).toHaveAttribute('data-kind', 'SUSPENDED');
  await expect(history.count).toHaveText(`全 ${before + 2} 件`);
});

test('errors: a history that cannot be loaded says so with the id to quote; a failed check for new events keeps the rows, marked stale', async ({ consolePage: page }) => {
  const history = new HistoryPanel(page);
  const training = await trainingBackend(page.request);
  const error = history.root.getByTestId('history-error');
  try {
    // More failures than core's retries, for both the panel's explanation and the timeline.
    await training.fault({ match: { method: 'GET', pathPrefix: `/api/v1/tokens/${lifecycle.operationFailed}/events` }, fault: 'status-503', times: 20 });
    await history.open(lifecycle.cardholderId, lifecycle.operationFailed, { expectRows: false });
    await expect(error).toHaveAttribute('data-error-code', 'BACKEND_UNAVAILABLE');
    await expect(error).toContainText('履歴を読み込めませんでした。');
    await expect(error).toContainText('しばらく待ってからもう一度お試しください');
    await expect(error.getByTestId('correlation-id')).toHaveText(/^[A-Za-z0-9_.-]{8,64}$/);
    await expect(history.rows).toHaveCount(0);
    await training.clearFaults();
    await error.getByRole('button', { name: '再試行' }).click();
    await expect(history.rows).toHaveCount(6);
    await expect(error).toHaveCount(0);

    // Rows on screen; the token changes while its history cannot be read.
    await history.open(walletSuspended.cardholderId, walletSuspended.virtualCardId);
    const total = await history.total();
    const newestShown = await history.rows.first().getAttribute('data-event-id');
    await training.fault({ match: { method: 'GET', pathPrefix: `/api/v1/tokens/${walletSuspended.virtualCardId}/events` }, fault: 'status-503', times: 20 });
    await training.simulate({ virtualCardId: walletSuspended.virtualCardId, action: 'RESUME', source: 'WALLET' });
    await expect(error).toContainText('最新の履歴を確認できませんでした。');
    await expect(history.root.getByTestId('history-stale')).toHaveText('表示中の履歴は最新でない可能性があります。');
    // The rows stay (fewer fit beside the notices): the same newest event, the same count.
    await expect(history.rows.first()).toHaveAttribute('data-event-id', newestShown ?? '');
    await expect(history.count).toHaveText(`全 ${total} 件`);
    await training.clearFaults();
    await error.getByRole('button', { name: '再試行' }).click();
    await expect(history.root.getByTestId('history-stale')).toHaveCount(0);
    await expect(error).toHaveCount(0);
    await expect(history.rows.first()).toHaveAttribute('data-kind', 'RESUMED');
    await expect(history.count).toHaveText(`全 ${total + 1} 件`);
  } finally {
    await training.clearFaults();
    await training.simulate({ virtualCardId: walletSuspended.virtualCardId, action: 'SUSPEND', source: 'WALLET' }).catch(() => undefined);
  }
});
