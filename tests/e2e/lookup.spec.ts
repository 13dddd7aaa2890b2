import { mkdir } from 'node:fs/promises';
import { expect, readBridgeLog, test } from './fixtures';
import { LookupPage } from './pages/lookup-page';

const SCREENSHOTS = 'tests/e2e/screenshots';

test.beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

/** Each kind of query, the kind the field says before sending, and the cardholder it finds (sandbox/seed/README.md). */
const QUERIES = [
  { query: '高橋', kind: '氏名で検索', cardholder: 'C0000002' },
  { query: 'たかはし', kind: '氏名で検索', cardholder: 'C0000002' },
  { query: 'ﾀｶﾊｼ ｹﾝｼﾞ', kind: '氏名で検索', cardholder: 'C0000002' },
  { query: 'ＴＡＫＡＨＡＳＨＩ', kind: '氏名で検索', cardholder: 'C0000002' },
  { query: 'ﾀｶﾊｼ 3056', kind: '氏名＋カード下4桁で検索', cardholder: 'C0000002' },
  { query: 'Olivia Brown', kind: '氏名で検索', cardholder: 'C0000006' },
  { query: 'c0000005', kind: '会員番号で検索', cardholder: 'C0000005' },
  { query: 'CR000001GOLD', kind: 'カード参照IDで検索', cardholder: 'C0000001' },
  { query: 'VCSUSPISSUER1', kind: 'トークンIDで検索', cardholder: 'C0000005' },
  { query: '6604', kind: 'トークン下4桁で検索', cardholder: 'C0000001' },
] as const;

for (const { query, kind, cardholder } of QUERIES) {
  test(`search "${query}": the field says "${kind}" and finds ${cardholder}`, async ({ consolePage: page }) => {
    const lookup = new LookupPage(page);
    await page.keyboard.press('Control+k');
    await expect(lookup.field).toBeFocused();
    await lookup.field.fill(query);
    // Said while typing, before any answer.
    await expect(lookup.kind).toHaveText(kind);
    await lookup.open(query, cardholder);
  });
}

test('many matches: a paged list the arrow keys move through, Enter opens, the keyboard goes on to the cardholder’s tokens', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  await lookup.search('a');
  await expect(lookup.options).toHaveCount(20);
  await expect(lookup.results).toContainText('20 件（続きあり）');
  await expect(lookup.field).toHaveAttribute('aria-expanded', 'true');
  await expect(lookup.options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await lookup.field.press('ArrowDown');
  await lookup.field.press('ArrowDown');
  await expect(lookup.options.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(lookup.field).toHaveAttribute('aria-activedescendant', (await lookup.options.nth(2).getAttribute('id')) ?? '');
  await lookup.field.press('ArrowUp');
  await expect(lookup.options.nth(1)).toHaveAttribute('aria-selected', 'true');

  // "More" pages by cursor: the next 20 are appended.
  const paged = page.waitForResponse((response) => response.url().endsWith('/rpc/cardholders.search'));
  await lookup.more.click();
  await paged;
  await expect.poll(() => lookup.options.count()).toBeGreaterThan(20);

  await lookup.field.focus();
  const chosen = (await lookup.options.nth(1).getAttribute('id'))?.replace('search-result-', '') ?? '';
  await lookup.field.press('Enter');
  await expect(page.getByTestId('cardholder-id')).toHaveText(chosen);
  // The keyboard goes on to the token list (the row holding its Tab stop), or to the name when the cardholder has no token.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.matches('[data-testid="token-row"][tabindex="0"], #cardholder-heading') ?? false))
    .toBe(true);
  await expect(lookup.results).toBeHidden();
  // Escape closes a reopened list without clearing the field.
  await lookup.field.focus();
  await lookup.field.press('ArrowDown');
  await expect(lookup.results).toBeVisible();
  await lookup.field.press('Escape');
  await expect(lookup.results).toBeHidden();
  await expect(lookup.field).toHaveValue('a');
});

test('no match says so, with the query as sent', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  await lookup.search('ﾀｶﾊｼ 9999');
  await expect(lookup.noResults).toContainText('「ﾀｶﾊｼ 9999」に一致するカード会員はいません。');
  await expect(lookup.options).toHaveCount(0);
});

test('a full card number is refused before sending: explained, the field cleared, nothing sent or logged', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/rpc/')) sent.push(request.postData() ?? '');
  });
  const pan = ['4000', '0012', '3456', '7899'];
  for (const typed of [pan.join(' '), pan.join(''), pan.join('-'), `高橋 ${pan.join(' ')}`]) {
    await lookup.field.fill(typed);
    await expect(lookup.refusal).toContainText('カード番号（13〜19桁）は検索に使えません');
    await expect(lookup.field).toHaveValue('');
  }
  // A real search afterwards goes out: had the card number been sent, it would have been first.
  await lookup.search('C0000001');
  await expect(lookup.refusal).toBeEmpty();
  expect(sent.some((body) => body.includes('C0000001'))).toBe(true);
  for (const body of sent) {
    expect(body.replace(/\D/g, '')).not.toContain(pan.join(''));
  }
  expect((await readBridgeLog()).replace(/[\s-]/g, '')).not.toContain(pan.join(''));
});

test('a cardholder: header, cards, tokens with state in words, who may resume, and the history panel', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  await lookup.open('C0000005', 'C0000005');
  await expect(lookup.heading).toContainText('伊藤 誠');
  await expect(lookup.cardholder).toContainText('会員番号');
  const issuer = lookup.row('VCSUSPISSUER1');
  await expect(issuer).toContainText('一時停止中');
  await expect(issuer.getByTestId('token-explanation')).toContainText('発行会社による停止のため、再開できるのは発行会社（コールセンター）だけです。');
  await expect(lookup.row('VCSUSPWALLET1').getByTestId('token-explanation')).toContainText('再開できるのは会員本人（ウォレットでの操作）だけです');
  await expect(lookup.row('VCSUSPTSP0001').getByTestId('token-explanation')).toContainText('再開できるのはトークンサービス（TSP）だけです');
  await expect(lookup.row('VCSUSPMULTI01').getByTestId('token-explanation')).toContainText('それぞれ停止しているため');
  // The time carries its UTC twin for support.
  await expect(issuer.locator('time').first()).toHaveAttribute('title', /UTC$/);

  await issuer.click();
  await expect(lookup.historyPanel).toBeVisible();
  await expect(issuer).toHaveAttribute('aria-selected', 'true');
  await expect(lookup.historyPanel.getByTestId('token-history')).toHaveAttribute('data-virtual-card-id', 'VCSUSPISSUER1');
  await lookup.historyPanel.getByRole('button', { name: '履歴を閉じる' }).click();
  await expect(lookup.historyPanel).toBeHidden();
  await expect(issuer).toBeFocused();
});

test('a deletion from the wallet app is explained from the token’s newest events once it is selected', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  await lookup.open('C0000007', 'C0000007');
  await lookup.filters.getByLabel('削除済みも表示').check();
  const row = lookup.row('VCDELAPP00001');
  await row.click();
  await expect(lookup.historyPanel.getByTestId('token-history-explanation')).toContainText('ウォレット利用者がアプリから削除しました');
  await expect(row.getByTestId('token-explanation')).toContainText('ウォレット利用者がアプリから削除しました');
});

test('tokens sort by column (aria-sort) and filter by state and wallet; deleted ones are hidden and counted', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  await lookup.open('C0000007', 'C0000007');
  const card = 'CR000007CLSC';
  const summary = page.getByTestId('token-filter-summary');
  const hidden = await page.getByTestId('hidden-deleted').innerText();
  const hiddenCount = Number(/\d+/.exec(hidden)?.[0]);
  expect(hiddenCount).toBeGreaterThan(0);
  const shownBefore = await lookup.rows(card).count();
  // An enrolment that ended (canceled or declined) shows while it is the newest of its wallet and device, though deleted.
  const endedShown = await lookup.rows(card).locator('.state-chip').filter({ hasText: /^(キャンセル|否認)$/ }).count();
  await lookup.filters.getByLabel('削除済みも表示').check();
  await expect(lookup.rows(card)).toHaveCount(shownBefore + hiddenCount);
  await expect(page.getByTestId('hidden-deleted')).toHaveCount(0);
  await expect(summary).toContainText(`${shownBefore + hiddenCount} / ${shownBefore + hiddenCount} 件を表示`);

  // Sort by the token's last four, then the other way.
  const tokenHeader = lookup.columnHeader(card, /^トークン$/);
  await expect(tokenHeader).toHaveAttribute('aria-sort', 'none');
  await tokenHeader.getByRole('button').click();
  await expect(tokenHeader).toHaveAttribute('aria-sort', 'ascending');
  const lastFours = async (): Promise<string[]> => lookup.rows(card).locator('.token-cell-token').allInnerTexts();
  const ascending = await lastFours();
  expect(ascending).toEqual([...ascending].sort());
  await tokenHeader.getByRole('button').click();
  await expect(tokenHeader).toHaveAttribute('aria-sort', 'descending');
  expect(await lastFours()).toEqual([...ascending].reverse());

  // Filter by state: only deleted ones, each chip saying so (an enrolment that ended says how: canceled or declined).
  await lookup.filters.getByLabel('状態').selectOption({ label: '削除済み' });
  const deleted = await lookup.rows(card).count();
  expect(deleted).toBe(hiddenCount + endedShown);
  await expect(lookup.rows(card).locator('.state-chip').filter({ hasNotText: /^(削除済み|キャンセル|否認)$/ })).toHaveCount(0);
  await lookup.filters.getByRole('button', { name: '条件をクリア' }).click();
  await expect(lookup.rows(card)).toHaveCount(shownBefore);

  // Filter by wallet.
  await lookup.open('C0000001', 'C0000001');
  await lookup.filters.getByLabel('ウォレット').selectOption({ label: 'Apple Pay' });
  const rows = lookup.rows('CR000001GOLD');
  expect(await rows.count()).toBeGreaterThan(0);
  for (const text of await rows.locator('.token-cell-wallet').allInnerTexts()) expect(text).toContain('Apple Pay');
});

test('200 tokens: virtualized, and the keyboard reaches every row (Home, End, PageDown, Enter)', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  await lookup.open('C0000003', 'C0000003');
  await expect(lookup.heading).toContainText('株式会社みなと物流');
  const card = 'CR000003FLT1';
  const grid = lookup.card(card).getByRole('grid');
  const rowCount = Number(await grid.getAttribute('aria-rowcount')) - 1;
  expect(rowCount).toBeGreaterThan(60);
  // Only what is in view (and a few around it) is in the DOM.
  expect(await lookup.rows(card).count()).toBeLessThan(40);
  await page.screenshot({ path: `${SCREENSHOTS}/cardholder-200-tokens-ja.png` });

  // Tab lands on the first row (one tab stop per table), the arrows move.
  await lookup.rows(card).first().focus();
  const focused = grid.locator('[data-testid="token-row"]:focus');
  await expect(focused).toHaveAttribute('aria-rowindex', '2');
  await page.keyboard.press('ArrowDown');
  await expect(focused).toHaveAttribute('aria-rowindex', '3');
  await page.keyboard.press('End');
  await expect(focused).toHaveAttribute('aria-rowindex', String(rowCount + 1));
  await expect(focused).toBeInViewport();
  await page.keyboard.press('Home');
  await expect(focused).toHaveAttribute('aria-rowindex', '2');
  await page.keyboard.press('PageDown');
  const afterPage = Number(await focused.getAttribute('aria-rowindex'));
  expect(afterPage).toBeGreaterThan(3);
  const id = await focused.getAttribute('data-token-id');
  await page.keyboard.press('Enter');
  await expect(lookup.historyPanel.getByTestId('token-history')).toHaveAttribute('data-virtual-card-id', id ?? '');
  // Escape in the panel closes it and returns to the row.
  await lookup.historyPanel.getByRole('button', { name: '履歴を閉じる' }).focus();
  await page.keyboard.press('Escape');
  await expect(lookup.historyPanel).toBeHidden();
  await expect(lookup.row(id ?? '')).toBeFocused();

  // The mouse wheel scrolls the body; rows further down render.
  const body = lookup.card(card).locator('.token-grid-body');
  await body.hover();
  await page.mouse.wheel(0, 2000);
  await expect.poll(async () => Number(await lookup.rows(card).last().getAttribute('aria-rowindex'))).toBeGreaterThan(40);
});

test('screenshots: search results and a cardholder with tokens, ja and en', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  await lookup.search('佐藤');
  await expect(lookup.options.first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/search-results-ja.png` });
  await lookup.open('C0000005', 'C0000005');
  await lookup.row('VCSUSPISSUER1').click();
  await expect(lookup.historyPanel).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/cardholder-tokens-ja.png` });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(lookup.row('VCSUSPISSUER1').getByTestId('token-explanation')).toContainText('only the issuer (the call center) can resume it');
  await page.screenshot({ path: `${SCREENSHOTS}/cardholder-tokens-en.png` });
  await lookup.field.fill('Sato');
  await expect(lookup.kind).toHaveText('Searching by name');
  await expect(lookup.options.first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/search-results-en.png` });
});
