import { mkdir } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { LookupPage } from './pages/lookup-page';
import { trainingBackend } from './training-controls';

const SCREENSHOTS = 'tests/e2e/screenshots';

test.beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

test('the backend fails (5xx after the retries): the message says what to do, with the id to quote; the cardholder stays, marked stale', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  const training = await trainingBackend(page.request);
  await lookup.open('C0000001', 'C0000001');
  try {
    await training.fault({ match: { method: 'GET', pathPrefix: '/api/v1/cardholders/C0000001' }, fault: 'status-500', times: 3 });
    await lookup.cardholder.getByRole('button', { name: '再読み込み' }).click();
    const notice = page.getByTestId('cardholder-error');
    await expect(notice).toHaveAttribute('data-error-code', 'BACKEND_UNAVAILABLE');
    await expect(notice).toContainText('カード会員の情報を更新できませんでした。');
    await expect(notice).toContainText('しばらく待ってからもう一度お試しください');
    await expect(notice.getByTestId('correlation-id')).toHaveText(/^[A-Za-z0-9_.-]{8,64}$/);
    await expect(page.getByTestId('cardholder-stale')).toContainText('古い情報');
    await expect(page.getByTestId('cardholder-stale')).toContainText('時点の内容です');
    // The data is still there to work with.
    await expect(lookup.heading).toContainText('佐藤 花子');
    await expect(lookup.rows('CR000001GOLD').first()).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/error-stale-ja.png` });
    await page.getByRole('button', { name: 'English' }).click();
    await expect(notice).toContainText('The cardholder could not be updated.');
    await expect(page.getByTestId('cardholder-stale')).toContainText('Stale');
    await page.screenshot({ path: `${SCREENSHOTS}/error-stale-en.png` });
    await page.getByRole('button', { name: '日本語' }).click();

    // The fault is spent: trying again works and the marker goes.
    await notice.getByRole('button', { name: '再試行' }).click();
    await expect(notice).toHaveCount(0);
    await expect(page.getByTestId('cardholder-stale')).toHaveCount(0);
  } finally {
    await training.clearFaults();
  }
});

test('a failed search keeps the previous results, marked stale, with the id to quote', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  const training = await trainingBackend(page.request);
  await lookup.search('佐藤');
  await expect(lookup.options).toHaveCount(3);
  try {
    await training.fault({ match: { method: 'GET', pathPrefix: '/api/v1/cardholders' }, fault: 'status-503', times: 3 });
    await lookup.search('鈴木');
    const notice = page.getByTestId('search-error');
    await expect(notice).toHaveAttribute('data-error-code', 'BACKEND_UNAVAILABLE');
    await expect(notice).toContainText('検索できませんでした。');
    await expect(notice.getByTestId('correlation-id')).not.toBeEmpty();
    await expect(page.getByTestId('search-stale')).toContainText('古い情報');
    await expect(lookup.options).toHaveCount(3);
    await expect(lookup.options.first()).toContainText('佐藤');
  } finally {
    await training.clearFaults();
  }
});

test('a response that breaks the API schema: the tokens of that card stay, marked stale, and the message says so', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  const training = await trainingBackend(page.request);
  await lookup.open('C0000001', 'C0000001');
  const before = await lookup.rows('CR000001GOLD').count();
  try {
    await training.fault({ match: { method: 'GET', pathPrefix: '/api/v1/cards/CR000001GOLD/tokens' }, fault: 'schema-break', times: 1 });
    await lookup.cardholder.getByRole('button', { name: '再読み込み' }).click();
    const notice = page.getByTestId('tokens-error');
    await expect(notice).toHaveAttribute('data-error-code', 'BACKEND_INVALID_RESPONSE');
    await expect(notice).toContainText('このカードのトークンを更新できませんでした。');
    await expect(notice).toContainText('想定外の形式');
    await expect(notice.getByTestId('correlation-id')).not.toBeEmpty();
    await expect(page.getByTestId('tokens-stale')).toContainText('古い情報');
    await expect(lookup.rows('CR000001GOLD')).toHaveCount(before);
  } finally {
    await training.clearFaults();
  }
});

test('an unknown id: nothing found by search, and NOT_FOUND from the backend says what to do', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  await lookup.search('C9999999');
  await expect(lookup.noResults).toContainText('「C9999999」に一致するカード会員はいません。');
  await lookup.search('VCNOSUCHTOKEN1');
  await expect(lookup.noResults).toBeVisible();

  // A cardholder that is gone between the search and the opening: the real backend answers 404.
  await page.route('**/rpc/cardholders.get', (route) => route.continue({ postData: JSON.stringify({ cardholderId: 'C9999999' }) }));
  await lookup.search('C0000002');
  const notice = page.getByTestId('cardholder-error');
  await expect(notice).toHaveAttribute('data-error-code', 'NOT_FOUND');
  await expect(notice).toContainText('カード会員の情報を読み込めませんでした。');
  await expect(notice).toContainText('この会員は見つかりませんでした。');
  await expect(notice.getByTestId('correlation-id')).not.toBeEmpty();
});
