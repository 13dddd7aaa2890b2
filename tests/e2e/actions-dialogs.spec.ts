import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
// The policy the sandbox serves until a test changes it, restored after this file's changes.
import { trainingActionPolicy as trainingPolicy } from '../../sandbox/policy/action-policy';
import { accounts, expect, openConsole, test } from './fixtures';
import { actionsBackend, findActiveTokens } from './pages/actions-backend';
import { ActionsPage } from './pages/actions-page';
import { shootBoth } from './pages/actions-screenshots';
import { actionSummary } from '../support/audit-trail';
import { SignInPage } from './pages/sign-in-page';

const seriousViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).include('dialog').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, help: violation.help, nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')) }));
};

test('the issuer’s policy decides: with the override on, a wallet suspension may be lifted; with platform notifications off, the dialog says none is sent', async ({
  signedOut: page,
  request,
}) => {
  const backend = await actionsBackend(request);
  await backend.setPolicy({ ...trainingPolicy(), issuerMayOverrideSuspension: true, platformNotifications: false });
  try {
    // The policy is read once per session: sign in after changing it.
    await openConsole(page);
    await new SignInPage(page).signInWithTrainingAccount(accounts.agent);
    const actions = new ActionsPage(page);
    await actions.openToken('C0000005', 'VCSUSPWALLET1');
    await expect(actions.button('resume')).toBeVisible();
    await expect(actions.panel.getByTestId('token-actions-refusals')).toHaveCount(0);
    await actions.openDialog('resume');
    await expect(actions.dialog.getByTestId('action-overrides')).toContainText('ウォレットによる停止を発行会社の権限で解除します');
    await expect(actions.dialog.getByTestId('action-notification-plan')).toHaveText('会員への通知: オフ（発行会社が独自に通知するため、プラットフォームからは送りません）');
    await shootBoth(page, 'notifications-off');
    await actions.close();
  } finally {
    await backend.setPolicy(trainingPolicy());
  }
});

test('by keyboard: the dialog takes the focus, keeps Tab inside, Escape keeps the draft and gives the focus back to the token’s row; no serious axe findings', async ({ consolePage: page }) => {
  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1, 32);
  if (!token) throw new Error('no token');
  await actions.openToken(token.cardholderId, token.virtualCardId);
  const opener = actions.button('suspend');
  await opener.focus();
  await page.keyboard.press('Enter');
  await expect(actions.dialog).toBeVisible();
  await expect(actions.dialog).toHaveAccessibleName('トークンを一時停止');
  // Focus starts inside and stays inside however far the agent tabs.
  await expect(actions.reason).toBeFocused();
  await page.keyboard.press('ArrowDown');
  for (const key of [...Array<string>(12).fill('Tab'), ...Array<string>(4).fill('Shift+Tab')]) {
    await page.keyboard.press(key);
    expect(await actions.dialog.evaluate((dialog) => dialog.contains(document.activeElement)), key).toBe(true);
  }
  expect(await seriousViolations(page)).toEqual([]);
  await actions.reason.focus();
  await actions.reason.selectOption('CARDHOLDER_REQUEST');
  await actions.comment.fill('お客様のご依頼');
  await page.keyboard.press('Escape');
  await expect(actions.dialog).toHaveCount(0);
  // The keyboard goes back to the token's row, where the agent's next key (Alt+S, the arrows) works.
  await expect(actions.lookup.row(token.virtualCardId)).toBeFocused();
  await opener.focus();
  await page.keyboard.press('Enter');
  await expect(actions.reason).toHaveValue('CARDHOLDER_REQUEST');
  await expect(actions.comment).toHaveValue('お客様のご依頼');
  await actions.close();

  // The row's "verify and activate" opens its dialog from the keyboard, not the history (a risky case: never sent).
  await actions.lookup.open('C0000009', 'C0000009');
  const optionD = actions.lookup.row('VCRISKYYELLOW1').getByTestId('row-activate');
  await optionD.focus();
  await page.keyboard.press('Enter');
  await expect(actions.dialog).toHaveAccessibleName('本人確認して有効化（Option D）');
  await expect(actions.dialog.getByTestId('action-risk-refusal')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await actions.close();
  await expect(actions.lookup.row('VCRISKYYELLOW1')).toBeFocused();
});

test('a call that fails keeps everything typed, and the retry is the same action; a double click sends once; an over-long comment is said at the field', async ({
  consolePage: page,
  request,
  watch,
}) => {
  const backend = await actionsBackend(request);
  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1, 34);
  if (!token) throw new Error('no token');
  await actions.openToken(token.cardholderId, token.virtualCardId);
  await actions.openDialog('suspend');
  await actions.reason.selectOption('FRAUD_SUSPECTED');

  await actions.comment.fill('あ'.repeat(501));
  await expect(actions.dialog.getByTestId('action-comment-counter')).toHaveText('501 / 500 文字');
  await actions.submit.click();
  await expect(actions.dialog.getByRole('alert').filter({ hasText: 'コメントは500文字以内にしてください（現在 501 文字）' })).toBeVisible();
  await expect(actions.comment).toHaveValue('あ'.repeat(501));
  await actions.comment.fill('不審な利用の申告あり');

  // The first call never reaches main (the network drops it); the agent sends again.
  watch.allow(/Failed to load resource|actions\.submit/);
  const sent: string[] = [];
  let dropped = false;
  await page.route('**/rpc/actions.submit', async (route) => {
    sent.push((route.request().postDataJSON() as { actionId: string }).actionId);
    if (!dropped) {
      dropped = true;
      await route.abort('connectionreset');
      return;
    }
    await route.continue();
  });
  await actions.submit.click();
  await expect(actions.dialog.getByTestId('action-submit-error')).toContainText('送信できませんでした。入力内容はそのまま残っています。');
  await expect(actions.reason).toHaveValue('FRAUD_SUSPECTED');
  await expect(actions.comment).toHaveValue('不審な利用の申告あり');
  await expect(actions.submit).toHaveText('もう一度送信');
  await shootBoth(page, 'call-failed');
  await actions.submit.dblclick();
  await actions.expectStatus('CONFIRMED');
  expect(sent).toHaveLength(2);
  expect(sent[1]).toBe(sent[0]);
  expect(await actions.sentActionId()).toBe(sent[0]);
  await actions.close();

  // A reload loses nothing of what main holds: the action is still listed, done.
  await page.reload();
  await actions.showTray();
  await expect(actions.trayItem(sent[0] ?? '')).toHaveAttribute('data-status', 'CONFIRMED');
  expect((await backend.events(token.virtualCardId)).filter((event) => event.kind === 'SUSPENDED' && event.actor.source === 'ISSUER')).toHaveLength(1);
  // One action in the backend's trail, confirmed: the second send reused the first one's key.
  await expect.poll(async () => actionSummary(await backend.audit(token.virtualCardId))).toEqual(['suspend CONFIRMED']);
});
