import { expect, test } from './fixtures';
import { LookupPage } from './pages/lookup-page';
import { restartTrainingBackend, trainingBackend } from './training-controls';

test('a wallet suspends a token: the open cardholder updates in place, highlighted briefly, explained and announced', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  const training = await trainingBackend(page.request);
  await expect(lookup.liveStatus).toHaveText('ライブ更新: 接続中');
  await lookup.open('C0000001', 'C0000001');
  const row = lookup.row('VCWATCH00001');
  await expect(row).toContainText('有効');
  try {
    await training.simulate({ virtualCardId: 'VCWATCH00001', action: 'SUSPEND', source: 'WALLET' });
    // No reload, no click: the change arrives over the live stream.
    await expect(row).toContainText('一時停止中');
    await expect(row).toHaveAttribute('data-flash', /^(odd|even)$/);
    await expect(row.getByTestId('token-explanation')).toContainText('ウォレットが一時停止しました。ウォレットでの停止のため、再開できるのは会員本人（ウォレットでの操作）だけです。');
    await expect(page.getByTestId('live-announcement')).toContainText('「一時停止中」になりました');
    // The highlight is brief.
    await expect(row).not.toHaveAttribute('data-flash', /.+/, { timeout: 10_000 });
  } finally {
    await training.simulate({ virtualCardId: 'VCWATCH00001', action: 'RESUME', source: 'WALLET' });
  }
  await expect(row).toContainText('有効');
});

test('the backend restarts: the status bar says reconnecting, then connected, and what is on screen is fetched again', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  await lookup.open('C0000001', 'C0000001');
  await expect(lookup.liveStatus).toHaveText('ライブ更新: 接続中');
  await expect(lookup.liveStatus).toHaveAttribute('role', 'status');
  const refetched = page.waitForResponse((response) => response.url().endsWith('/rpc/cardholders.get'), { timeout: 30_000 });
  await restartTrainingBackend(page.request);
  await expect(lookup.liveStatus).toContainText(/ライブ更新: 再接続中…（\d+ 回目）/, { timeout: 15_000 });
  await expect(lookup.liveStatus).toHaveText('ライブ更新: 接続中', { timeout: 30_000 });
  await refetched;
  await expect(page.getByTestId('cardholder-id')).toHaveText('C0000001');
  await expect(page.getByTestId('cardholder-stale')).toHaveCount(0);
  // And changes flow again after the reconnection.
  const training = await trainingBackend(page.request);
  const row = lookup.row('VCWATCH00001');
  try {
    await training.simulate({ virtualCardId: 'VCWATCH00001', action: 'SUSPEND', source: 'WALLET' });
    await expect(row).toContainText('一時停止中');
  } finally {
    await training.simulate({ virtualCardId: 'VCWATCH00001', action: 'RESUME', source: 'WALLET' });
  }
  await expect(row).toContainText('有効');
});
