import type { Locator, Page } from '@playwright/test';
import type { Token } from '../../shared/api/model';
import { accounts, expect, openConsole, test } from './fixtures';
import { LookupPage } from './pages/lookup-page';
import { SignInPage } from './pages/sign-in-page';
import { enrol, firstCard, tokenPlatform, uniqueId, type TokenPlatform } from './pages/platform';

/**
 * The platform's callbacks, behaviour by behaviour (docs/domain.md): the token platform calls the training backend over real HTTP on
 * its callback surface, the test reads the backend's state over /api, and the console (Chromium, on
 * the real bridge) must show it. Each scenario enrols tokens of its own on a cardholder of its own,
 * so the scenarios do not depend on each other or on the seed's fixtures.
 */

const SCREENSHOTS = 'tests/e2e/screenshots';

/** Generated cardholders (sandbox/seed/README.md), one per scenario: the rules count a cardholder's requests per 24 hours. */
const holders = {
  duplicates: 'C0000010',
  late: 'C0000011',
  parked: 'C0000012',
  optionD: 'C0000013',
  canceled: 'C0000014',
  failure: 'C0000015',
  who: 'C0000016',
  ownOtp: 'C0000017',
} as const;

class TokenScreen {
  readonly lookup: LookupPage;

  constructor(readonly page: Page) {
    this.lookup = new LookupPage(page);
  }

  async openCardholder(cardholderId: string): Promise<void> {
    await this.lookup.open(cardholderId, cardholderId);
  }

  row(virtualCardId: string): Locator {
    return this.lookup.row(virtualCardId);
  }

  chip(virtualCardId: string): Locator {
    return this.row(virtualCardId).locator('.state-chip');
  }

  async showDeleted(): Promise<void> {
    const box = this.lookup.filters.getByRole('checkbox', { name: /^(削除済みも表示|Show deleted)$/ });
    if (!(await box.isChecked())) await box.check();
  }

  async select(virtualCardId: string): Promise<void> {
    await this.row(virtualCardId).click();
    await expect(this.page.getByTestId('token-history')).toHaveAttribute('data-virtual-card-id', virtualCardId);
    await expect(this.history.first()).toBeVisible();
  }

  get history(): Locator {
    return this.page.getByTestId('token-history').getByTestId('history-row');
  }

  historyOfKind(kind: string): Locator {
    return this.page.getByTestId('token-history').locator(`[data-testid="history-row"][data-kind="${kind}"]`);
  }

  get panelExplanation(): Locator {
    return this.page.getByTestId('token-history-explanation');
  }
}

/** A token made active the way the platform does it: the TSP's ACTIVATE after the cardholder's step-up (OTP). */
const activeToken = async (platform: TokenPlatform, cardholderId: string): Promise<Token> => {
  const card = await firstCard(platform, cardholderId);
  const { token } = await enrol(platform, card);
  const receipt = await platform.notifyChange(token, { virtualCardId: token.virtualCardId, action: 'ACTIVATE', source: 'TSP' }, platform.correlationId('activate'));
  expect(receipt.results[0]).toMatchObject({ outcome: 'APPLIED', state: 'ACTIVE' });
  return platform.token(token.virtualCardId);
};

test.describe('seed fidelity: the platform\'s callbacks as the console shows them', () => {
  let platform: TokenPlatform;
  test.beforeEach(async ({ request }) => {
    platform = await tokenPlatform(request);
  });

  test('1a. the same callback twice changes the token once; the second is a duplicate in the raw history', async ({ consolePage: page }) => {
    const token = await activeToken(platform, holders.duplicates);
    const suspend = platform.correlationId('suspend');
    const first = await platform.notifyChange(token, { virtualCardId: token.virtualCardId, action: 'SUSPEND', source: 'WALLET' }, suspend);
    const second = await platform.notifyChange(token, { virtualCardId: token.virtualCardId, action: 'SUSPEND', source: 'WALLET' }, suspend);
    expect(first.results[0]).toMatchObject({ outcome: 'APPLIED', state: 'SUSPENDED' });
    expect(second.results[0]).toMatchObject({ outcome: 'DUPLICATE', state: 'SUSPENDED' });

    // The backend: one suspension, one duplicate pointing at it.
    expect(await platform.token(token.virtualCardId)).toMatchObject({ state: 'SUSPENDED', suspendedBy: ['WALLET'] });
    const events = await platform.events(token.virtualCardId);
    const suspensions = events.filter((event) => event.kind === 'SUSPENDED' && event.correlationId === suspend);
    const duplicates = events.filter((event) => event.kind === 'CALLBACK_DUPLICATE').filter((event) => event.correlationId === suspend);
    expect(suspensions).toHaveLength(1);
    expect(duplicates).toHaveLength(1);
    expect(duplicates[0]?.detail.duplicateOf).toBe(suspensions[0]?.eventId);

    // The console: suspended once, the duplicate said in words and kept in the raw record.
    const screen = new TokenScreen(page);
    await screen.openCardholder(holders.duplicates);
    await expect(screen.chip(token.virtualCardId)).toHaveText('一時停止中');
    await screen.select(token.virtualCardId);
    await expect(screen.historyOfKind('SUSPENDED')).toHaveCount(1);
    const duplicate = screen.historyOfKind('CALLBACK_DUPLICATE');
    await expect(duplicate).toHaveCount(1);
    await expect(duplicate.getByTestId('history-sentence')).toHaveText('同じ一時停止のコールバックがもう一度届きました。記録だけして、トークンは変えていません。');
    await duplicate.getByRole('button', { name: '元データ' }).click();
    await expect(duplicate.getByTestId('history-raw')).toContainText(`"duplicateOf": "${suspensions[0]?.eventId ?? ''}"`);
  });

  test('1b. late callbacks never reopen a deleted token: recorded as late and ignored', async ({ consolePage: page }) => {
    const token = await activeToken(platform, holders.late);
    const deleted = await platform.notifyChange(token, { virtualCardId: token.virtualCardId, action: 'DELETE', source: 'TSP' }, platform.correlationId('delete'));
    expect(deleted.results[0]).toMatchObject({ outcome: 'APPLIED', state: 'DELETED' });
    const lateSuspend = await platform.notifyChange(token, { virtualCardId: token.virtualCardId, action: 'SUSPEND', source: 'WALLET' }, platform.correlationId('late-suspend'));
    const lateActivate = await platform.notifyChange(token, { virtualCardId: token.virtualCardId, action: 'ACTIVATE', source: 'TSP' }, platform.correlationId('late-activate'));
    expect(lateSuspend.results[0]).toMatchObject({ outcome: 'LATE', state: 'DELETED', rule: 'TOKEN_DELETED' });
    expect(lateActivate.results[0]).toMatchObject({ outcome: 'LATE', state: 'DELETED', rule: 'TOKEN_DELETED' });

    expect((await platform.token(token.virtualCardId)).state).toBe('DELETED');
    const late = (await platform.events(token.virtualCardId)).filter((event) => event.kind === 'CALLBACK_LATE');
    expect(late.map((event) => event.detail.stateAtArrival)).toEqual(['DELETED', 'DELETED']);

    // A call-center screen (1080 lines) for the pictures: the history panel shares the side with the call notes.
    await page.setViewportSize({ width: 1366, height: 1000 });
    const screen = new TokenScreen(page);
    await screen.openCardholder(holders.late);
    await screen.showDeleted();
    await expect(screen.chip(token.virtualCardId)).toHaveText('削除済み');
    await screen.select(token.virtualCardId);
    const rows = screen.historyOfKind('CALLBACK_LATE');
    await expect(rows).toHaveCount(2);
    await expect(rows.first().getByTestId('history-sentence')).toHaveText(
      '有効化のコールバックが遅れて届きました（その時点でトークンは「削除済み」）。無視したため、トークンは戻っていません。削除済みのトークンが元に戻ることはありません。',
    );
    await expect(rows.first().locator('.history-kind')).toHaveText('遅れて届いたコールバック');
    await rows.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/seed-fidelity-late-callback-ja.png` });
    await page.getByRole('button', { name: 'English' }).click();
    await expect(rows.first().getByTestId('history-sentence')).toHaveText(
      'A late activation callback arrived when the token was already “Deleted”; it was ignored, so the token did not move back. A deleted token is never reopened.',
    );
    await page.screenshot({ path: `${SCREENSHOTS}/seed-fidelity-late-callback-en.png` });
  });

  test('1c. a callback for a token not known yet is kept, and applied when the token appears', async ({ consolePage: page }) => {
    const card = await firstCard(platform, holders.parked);
    const virtualCardId = uniqueId('VCPARK');
    const storage = uniqueId('SE-E2E-PARKED-');
    const early = platform.correlationId('early-activate');
    const parked = await platform.notifyChange(
      { issuerCardRefId: card, device: { name: null, type: 'PHONE', tokenStorageId: storage }, tokenRequestor: { tokenRequestorId: '40010075001', name: 'Google Pay', walletProviderId: 'GOOGLE_PAY' } },
      { virtualCardId, action: 'ACTIVATE', source: 'TSP' },
      early,
    );
    expect(parked.results[0]).toMatchObject({ outcome: 'PARKED', eventId: null, state: null });
    expect(await platform.tokenStatus(virtualCardId)).toBe(404);

    const { token } = await enrol(platform, card, { virtualCardId, tokenStorageId: storage });
    // The token appeared waiting for step-up; the kept ACTIVATE was applied at once.
    expect(token.state).toBe('ACTIVE');
    const activated = (await platform.events(virtualCardId)).find((event) => event.kind === 'ACTIVATED');
    expect(activated).toMatchObject({ correlationId: early });
    expect(typeof activated?.detail.receivedAt).toBe('string');

    const screen = new TokenScreen(page);
    await screen.openCardholder(holders.parked);
    await expect(screen.chip(virtualCardId)).toHaveText('有効');
    await screen.select(virtualCardId);
    await expect(screen.historyOfKind('ACTIVATED').getByTestId('history-sentence')).toContainText(
      'トークンがまだ分からないうちに届きました。保管しておき、トークンが現れた時点で反映しました。',
    );
  });

  test('2. deleted during a live Option D activation: the agent is told why, the button goes, and a re-enrolment is a new linked row', async ({ consolePage: page }) => {
    const card = await firstCard(platform, holders.optionD);
    const storage = uniqueId('SE-E2E-OPTD-');
    const { token, decision } = await enrol(platform, card, { tokenStorageId: storage });
    expect(decision).toMatchObject({ levelOfTrust: 'YELLOW', idvMethodList: expect.arrayContaining(['CUSTOMER_SERVICE']) });

    const screen = new TokenScreen(page);
    await screen.openCardholder(holders.optionD);
    await screen.select(token.virtualCardId);
    const activate = page.getByTestId('token-actions').locator('button[data-operation="activate"]');
    await expect(activate).toBeVisible();
    await activate.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();

    // Mid-activation, the cardholder removes the card in the wallet app.
    const removal = platform.correlationId('delete-from-app');
    const receipt = await platform.notifyChange(token, { virtualCardId: token.virtualCardId, action: 'DELETE_FROM_APP', source: 'WALLET' }, removal);
    expect(receipt.results[0]).toMatchObject({ outcome: 'APPLIED', state: 'DELETED' });
    expect(await platform.token(token.virtualCardId)).toMatchObject({ state: 'DELETED', digitizationOutcome: 'CANCELED' });
    const removed = (await platform.events(token.virtualCardId)).find((event) => event.kind === 'DELETED_FROM_APP');
    expect(removed?.detail.stepUpCanceled).toBe(true);

    await expect(dialog.getByTestId('action-changed-meanwhile')).toContainText(
      '会員が本人確認の途中でウォレットからカードを削除したため、この登録はキャンセルされ、待っていた本人確認も取り消されました。',
    );
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await screen.showDeleted();
    await expect(screen.chip(token.virtualCardId)).toHaveText('キャンセル');
    await expect(page.getByTestId('token-actions').locator('button[data-operation="activate"]')).toHaveCount(0);

    // The cardholder enrols the same card on the same device again: a new token, linked to the attempt.
    const again = await enrol(platform, card, { tokenStorageId: storage });
    expect(again.decision.previousAttemptVirtualCardId).toBe(token.virtualCardId);
    expect(again.token.previousAttemptVirtualCardId).toBe(token.virtualCardId);
    await expect(screen.row(again.token.virtualCardId)).toBeVisible();
    await expect(screen.row(again.token.virtualCardId).getByTestId('token-explanation')).toContainText('同じカードを同じ端末にもう一度登録したトークンです');
    await screen.select(again.token.virtualCardId);
    const earlier = page.getByTestId('digitization-earlier');
    await expect(earlier).toContainText(`前回の試行: ••••${token.tokenLastFour}（キャンセル）`);
    await earlier.getByRole('button', { name: '表示' }).click();
    await expect(page.getByTestId('token-history')).toHaveAttribute('data-virtual-card-id', token.virtualCardId);
    await expect(page.getByTestId('digitization-later')).toContainText(`この後、再登録されました: ••••${again.token.tokenLastFour}`);
  });

  test('3. canceled is not declined: DIGITIZE FAILED after yellow is "キャンセル" with its sentence, after red "否認"; neither offers an action', async ({ consolePage: page }) => {
    const card = await firstCard(platform, holders.canceled);
    const yellow = await enrol(platform, card);
    const red = await enrol(platform, card, { deviceScore: 1 });
    expect(yellow.decision.levelOfTrust).toBe('YELLOW');
    expect(red.decision.levelOfTrust).toBe('RED');
    for (const { token } of [yellow, red]) {
      const receipt = await platform.notifyCardOperation(
        card,
        { operationId: uniqueId('OP'), operation: 'DIGITIZE', status: 'FAILED', requestorType: 'TSP', virtualCardId: token.virtualCardId },
        platform.correlationId('digitize-failed'),
      );
      expect(receipt.results[0]).toMatchObject({ outcome: 'APPLIED', state: 'DELETED' });
    }
    expect(await platform.token(yellow.token.virtualCardId)).toMatchObject({ state: 'DELETED', digitizationOutcome: 'CANCELED' });
    expect(await platform.token(red.token.virtualCardId)).toMatchObject({ state: 'DELETED', digitizationOutcome: 'DECLINED' });
    expect((await platform.events(yellow.token.virtualCardId)).some((event) => event.kind === 'DIGITIZATION_CANCELED')).toBe(true);

    await page.setViewportSize({ width: 1366, height: 1000 });
    const screen = new TokenScreen(page);
    await screen.openCardholder(holders.canceled);
    await screen.showDeleted();
    await expect(screen.chip(yellow.token.virtualCardId)).toHaveText('キャンセル');
    await expect(screen.chip(red.token.virtualCardId)).toHaveText('否認');
    await expect(screen.row(yellow.token.virtualCardId).getByTestId('token-explanation')).toContainText(
      '会員が本人確認の途中でウォレットからカードを削除しました（キャンセル。否認ではありません）',
    );
    await expect(screen.row(red.token.virtualCardId).getByTestId('token-explanation')).toContainText('発行時の判定がレッド（否認）だったため');
    for (const { token } of [yellow, red]) await expect(screen.row(token.virtualCardId).locator('button')).toHaveCount(0);
    await screen.select(yellow.token.virtualCardId);
    await expect(page.getByTestId('token-actions').locator('button[data-operation]')).toHaveCount(0);
    await expect(page.getByTestId('digitization-trust')).toHaveText('発行時の判定: イエロー（追加認証を条件に承認）。認証方法: SMS・メール・窓口。');
    await expect(page.getByTestId('digitization-summary')).toContainText(yellow.enrolment);
    await page.screenshot({ path: `${SCREENSHOTS}/seed-fidelity-canceled-ja.png` });
    await page.getByRole('button', { name: 'English' }).click();
    await expect(screen.chip(yellow.token.virtualCardId)).toHaveText('Canceled');
    await expect(screen.chip(red.token.virtualCardId)).toHaveText('Declined');
    await expect(screen.row(yellow.token.virtualCardId).getByTestId('token-explanation')).toContainText(
      'the cardholder removed the card from the wallet during verification (canceled, not declined)',
    );
    await page.screenshot({ path: `${SCREENSHOTS}/seed-fidelity-canceled-en.png` });
  });

  test('5. a failure with errorCode 221: the operation failed, the code explained, the token kept its state', async ({ consolePage: page }) => {
    const token = await activeToken(platform, holders.failure);
    const failed = await platform.notifyChange(
      token,
      { virtualCardId: token.virtualCardId, action: 'SUSPEND', source: 'WALLET', errorCode: '221' },
      platform.correlationId('suspend-221'),
    );
    expect(failed.results[0]).toMatchObject({ outcome: 'FAILED', state: 'ACTIVE' });
    expect(await platform.token(token.virtualCardId)).toMatchObject({ state: 'ACTIVE', suspendedBy: [] });
    expect((await platform.events(token.virtualCardId))[0]).toMatchObject({ kind: 'OPERATION_FAILED', detail: { errorCode: '221', state: 'ACTIVE' } });

    const screen = new TokenScreen(page);
    await screen.openCardholder(holders.failure);
    await expect(screen.chip(token.virtualCardId)).toHaveText('有効');
    await screen.select(token.virtualCardId);
    await expect(screen.panelExplanation).toContainText('の一時停止は端末に届きませんでした（エラー 221: 再試行しても端末に接続できませんでした）。トークンの状態は変わっていません。');
    await expect(screen.historyOfKind('OPERATION_FAILED').getByTestId('history-sentence')).toHaveText(
      '一時停止の操作が失敗しました。エラーコード 221: 再試行しても端末に接続できませんでした。操作は端末に届いていません。トークンは「有効」のままです。',
    );
  });

  test("4. who did it, in words: the cardholder in the wallet, the TSP, and a CCI user as the platform's claim, never taken for one of our agents", async ({ consolePage: page }) => {
    const token = await activeToken(platform, holders.who);
    const card = token.issuerCardRefId;
    const cci = (operation: 'SUSPEND' | 'RESUME') =>
      platform.notifyCardOperation(
        card,
        { operationId: uniqueId('CCI'), operation, status: 'SUCCESSFUL', requestorType: 'CCI', requestorId: 'agent.kobayashi', virtualCardId: token.virtualCardId },
        platform.correlationId(`cci-${operation.toLowerCase()}`),
      );
    expect((await cci('SUSPEND')).results[0]).toMatchObject({ outcome: 'APPLIED', state: 'SUSPENDED' });
    // The platform names a real training agent: its say-so is no sign-in here, so no agent of ours is recorded.
    const suspended = await platform.token(token.virtualCardId);
    expect(suspended).toMatchObject({ suspendedBy: ['ISSUER'] });
    expect(suspended.lastChangedBy).toEqual({ source: 'ISSUER' });
    expect((await cci('RESUME')).results[0]).toMatchObject({ outcome: 'APPLIED', state: 'ACTIVE' });
    const wallet = await platform.notifyChange(token, { virtualCardId: token.virtualCardId, action: 'SUSPEND', source: 'WALLET' }, platform.correlationId('wallet'));
    expect(wallet.results[0]).toMatchObject({ outcome: 'APPLIED', state: 'SUSPENDED' });
    const tsp = await platform.notifyChange(token, { virtualCardId: token.virtualCardId, action: 'SUSPEND', source: 'TSP' }, platform.correlationId('tsp'));
    expect(tsp.results[0]).toMatchObject({ outcome: 'APPLIED', state: 'SUSPENDED' });

    const screen = new TokenScreen(page);
    await screen.openCardholder(holders.who);
    await screen.select(token.virtualCardId);
    const sentences = screen.history.getByTestId('history-sentence');
    await expect(sentences.nth(0)).toHaveText('TSPがトークンを一時停止しました。');
    await expect(sentences.nth(1)).toHaveText('会員（ウォレットのアプリまたはウォレット事業者のポータル）がトークンを一時停止しました。');
    await expect(screen.history.nth(2).getByTestId('history-sentence')).toHaveText(
      'ネットワークのカスタマーケア画面（CCI）からCCIユーザー agent.kobayashi（プラットフォームの申告による）がトークンの一時停止を解除しました。',
    );
    await expect(screen.history.nth(2).getByTestId('history-source')).toHaveText('CCIユーザー agent.kobayashi（プラットフォームの申告）');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(sentences.nth(1)).toHaveText("Token suspended by the cardholder (in the wallet app or the wallet provider's portal).");
    await expect(sentences.nth(3)).toHaveText("Token suspended by CCI user agent.kobayashi, as the platform says, through the network's customer care interface (CCI).");
  });

  test('sent notifications are in the timeline; when the issuer sends its own OTP the platform sends none, and the console says so', async ({ signedOut: page }) => {
    const token = await activeToken(platform, holders.ownOtp);
    const sent = (await platform.events(token.virtualCardId)).find((event) => event.kind === 'NOTIFICATION_SENT');
    expect(sent?.detail).toMatchObject({ status: 'QUEUED', template: 'ACTIVATION_CONFIRMED', channel: expect.any(String), language: 'ja' });
    expect(String(sent?.detail.destination)).toContain('*');

    await platform.setNotificationSettings({ issuerSendsOwnOtp: true });
    try {
      const suspend = platform.correlationId('suspend-own-otp');
      // A deletion by the TSP would notify the cardholder (TOKEN_DELETED): with the issuer's own OTP it does not.
      await platform.notifyChange(token, { virtualCardId: token.virtualCardId, action: 'DELETE', source: 'TSP' }, suspend);
      const off = (await platform.events(token.virtualCardId)).find((event) => event.kind === 'NOTIFICATION_SENT' && event.correlationId === suspend);
      expect(off?.detail).toMatchObject({ status: 'OFF', why: 'ISSUER_SENDS_OWN_OTP' });

      // The issuer's policy is read once per agent session: the agent signs in after the change.
      await openConsole(page);
      await new SignInPage(page).signInWithTrainingAccount(accounts.agent);
      await expect(page.getByTestId('workspace')).toBeVisible();

      const screen = new TokenScreen(page);
      await screen.openCardholder(holders.ownOtp);
      await screen.showDeleted();
      await screen.select(token.virtualCardId);
      await expect(page.getByTestId('platform-notifications-off')).toHaveText(
        'イシュアが自社でワンタイムパスワードを送るため、プラットフォームからの会員への通知はオフです。',
      );
      const notices = screen.historyOfKind('NOTIFICATION_SENT').getByTestId('history-sentence');
      await expect(notices.first()).toHaveText(
        '会員への通知（トークンの削除）は送っていません。イシュアが自社でワンタイムパスワードを送るため、プラットフォームの通知はオフです。',
      );
      await expect(notices.last()).toContainText('会員にSMSで通知しました（有効化の完了・日本語・宛先');
      await expect(notices.last()).toContainText('本文:「末尾');
    } finally {
      await platform.setNotificationSettings({ issuerSendsOwnOtp: false });
    }
  });

  test('a malformed callback is a data error naming the field, and changes nothing', async () => {
    const answer = await platform.send('POST', '/tsh/v1/notifyVirtualCardChange', {
      data: { issuerCardRefId: 'CR000001GOLD', virtualCardId: 'VCWATCH00001', walletProviderId: 'APPLE_PAY', tokenStorageId: 'x', isPrimary: false, action: 'PAUSE', source: 'WALLET' },
      correlationId: platform.correlationId('malformed'),
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { category: 'D', field: expect.stringContaining('action') } });
    expect((await platform.token('VCWATCH00001')).state).toBe('ACTIVE');
  });
});
