import { expect, test } from './fixtures';
import { actionsBackend, findActiveTokens } from './pages/actions-backend';
import { ActionsPage } from './pages/actions-page';
import { shootBoth } from './pages/actions-screenshots';
import { acceptedActions, actionSummary } from '../support/audit-trail';
import type { APIRequestContext } from '@playwright/test';
import type { TokenActionPolicy } from '../../shared/api/policy';
import { trainingActionPolicy } from '../../sandbox/policy/action-policy';
import { directDeletesPolicy } from '../support/direct-deletes';

/**
 * These tests take actions the way an agent sends them, deletes included; holding a delete back for
 * a supervisor (the training policy's default) is approvals.spec.ts's subject. The policy is read
 * at each sign-in, and every test here signs in afresh.
 */
const setPolicy = async (playwright: { request: { newContext(options: { baseURL: string }): Promise<APIRequestContext> } }, policy: TokenActionPolicy): Promise<void> => {
  const context = await playwright.request.newContext({ baseURL: `http://127.0.0.1:${process.env.TD_BRIDGE_PORT ?? ''}` });
  await (await actionsBackend(context)).setPolicy(policy);
  await context.dispose();
};
test.beforeAll(({ playwright }) => setPolicy(playwright, directDeletesPolicy()));
test.afterAll(({ playwright }) => setPolicy(playwright, trainingActionPolicy()));

/** Seed fixtures (sandbox/seed/README.md). */
const yellowPath = { cardholderId: 'C0000001', virtualCardId: 'VCYELLOW0001' } as const;
const risky = { cardholderId: 'C0000009', virtualCardId: 'VCRISKYYELLOW1' } as const;
const walletSuspended = { cardholderId: 'C0000005', virtualCardId: 'VCSUSPWALLET1' } as const;

test('Option D: the checklist unlocks Activate only when the policy is met; 送信中 → 受付済 → 完了, the row becomes active, the history and the audit hold it once', async ({
  consolePage: page,
  request,
}) => {
  const backend = await actionsBackend(request);
  const actions = new ActionsPage(page);
  await actions.openToken(yellowPath.cardholderId, yellowPath.virtualCardId);
  const row = actions.lookup.row(yellowPath.virtualCardId);
  await expect(row.getByTestId('row-activate')).toHaveText('本人確認して有効化');
  await row.getByTestId('row-activate').click();
  await expect(actions.dialog).toBeVisible();
  await expect(actions.dialog.getByRole('heading', { level: 2 })).toHaveText('本人確認して有効化（Option D）');

  // Scam signals in plain words, and the two questions.
  const scam = actions.dialog.getByTestId('scam-awareness');
  await expect(scam.getByTestId('signal-device')).toHaveText('この会員が初めて使う端末です。');
  await expect(scam.getByTestId('signal-velocity')).toHaveText('過去24時間に要求されたトークン: 1 件');
  await expect(scam).toContainText('誰かにコードを読み上げるよう、または当社に電話するよう頼まれましたか？');
  await expect(actions.dialog.getByTestId('action-notification-plan')).toContainText('有効化のお知らせ');
  // And the text itself as the cardholder will receive it: by SMS (C0000001 has a phone), the card's last four, the wallet.
  const preview = actions.dialog.getByTestId('action-notification-preview');
  await expect(preview).toContainText('送信内容（SMS）');
  await expect(preview).toContainText('末尾4821のカード');
  await expect(preview).toContainText('Apple Pay');

  // Locked until the policy is met: name and birth date, then two of the four.
  const progress = actions.dialog.getByTestId('identity-progress').first();
  await expect(actions.submit).toBeDisabled();
  await expect(progress).toHaveText('あと4項目');
  await actions.verifier('FULL_NAME').check();
  await actions.verifier('DATE_OF_BIRTH').check();
  await actions.verifier('ADDRESS').check();
  await expect(progress).toHaveText('あと1項目');
  await actions.answer('question-inbound', true).check();
  await actions.answer('question-asked-to-share', false).check();
  await expect(actions.submit).toBeDisabled();
  await shootBoth(page, 'option-d-not-met');
  await actions.verifier('SECURITY_WORD').check();
  await expect(progress).toHaveText('本人確認の条件を満たしました');
  await expect(actions.submit).toBeEnabled();
  await shootBoth(page, 'option-d-met');

  // Held a moment at the backend, so 送信中 is there to see.
  await backend.fault({ match: { method: 'POST', pathPrefix: `/api/v1/tokens/${yellowPath.virtualCardId}/operations:activate` }, fault: 'delay', times: 1, delayMs: 1_500 });
  await actions.recordStatuses();
  await actions.submit.click();
  await actions.expectStatus('REQUESTED');
  await expect(actions.progress.getByTestId('action-status')).toContainText('送信中');
  await actions.expectStatus('CONFIRMED');
  const seen = await actions.recordedStatuses();
  expect(seen.map((each) => each.status)).toEqual(['REQUESTED', 'ACCEPTED', 'CONFIRMED']);
  // Accepted is not done: the screen said so while it lasted.
  expect(seen[1]?.hint).toContain('端末にはまだ反映されていない可能性があります');
  await expect(actions.progress.getByTestId('action-status')).toContainText('完了');
  await shootBoth(page, 'option-d-confirmed');
  const actionId = await actions.sentActionId();
  await actions.close();

  await expect(row.locator('.state-chip')).toHaveText('有効');
  await expect(actions.rowChip(yellowPath.virtualCardId)).toHaveText('有効化: 完了');
  await expect(page.getByTestId('token-history').locator('[data-testid="history-row"][data-kind="ACTIVATED"]')).toHaveCount(1);
  await shootBoth(page, 'states-confirmed');
  await actions.showTray();
  await expect(actions.trayItem(actionId)).toHaveAttribute('data-status', 'CONFIRMED');
  await shootBoth(page, 'tray');

  expect(await backend.confirmations(yellowPath.virtualCardId, 'ACTIVATED')).toHaveLength(1);
  await expect.poll(async () => acceptedActions(await backend.audit(yellowPath.virtualCardId)).filter(({ outcome }) => outcome === 'CONFIRMED').length).toBe(1);
  const [taken] = acceptedActions(await backend.audit(yellowPath.virtualCardId));
  expect(taken?.record.detail).toMatchObject({ operation: 'activate', verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'SECURITY_WORD'] });
});

test('Option D on a risky case: Activate gives way to the refusal, naming the rule; nothing is sent', async ({ consolePage: page }) => {
  const actions = new ActionsPage(page);
  await actions.openToken(risky.cardholderId, risky.virtualCardId);
  await actions.lookup.row(risky.virtualCardId).getByTestId('row-activate').click();
  const refusal = actions.dialog.getByTestId('action-risk-refusal');
  await expect(refusal).toContainText('スーパーバイザーの承認が必要です');
  await expect(refusal.locator('[data-rule="NEW_DEVICE_HIGH_VELOCITY"]')).toBeVisible();
  await expect(actions.submit).toHaveCount(0);
  // Answering the call's questions badly adds the rules they trigger.
  await actions.answer('question-inbound', false).check();
  await actions.answer('question-asked-to-share', true).check();
  await expect(refusal.locator('[data-rule]')).toHaveCount(3);
  await shootBoth(page, 'option-d-risky');
  const sent = page.waitForRequest((req) => req.url().endsWith('/rpc/actions.submit'), { timeout: 1_000 }).then(
    () => true,
    () => false,
  );
  await page.keyboard.press('Enter');
  expect(await sent).toBe(false);
  await actions.close();
});

test('a disallowed operation is not offered, and its rule is explained: suspended by the wallet, only the cardholder resumes', async ({ consolePage: page }) => {
  const actions = new ActionsPage(page);
  await actions.openToken(walletSuspended.cardholderId, walletSuspended.virtualCardId);
  await expect(actions.button('resume')).toHaveCount(0);
  await expect(actions.button('suspend')).toHaveCount(0);
  await expect(actions.button('delete')).toBeVisible();
  const refusal = actions.panel.getByTestId('token-actions-refusals').locator('[data-operation="resume"]');
  await expect(refusal).toContainText('ウォレットで停止されています。再開できるのは会員本人（ウォレットでの操作）だけです。');
  await expect(refusal).toContainText('ルール: RESUME_ONLY_OWN_SUSPENSION');
  await shootBoth(page, 'panel-refusal', actions.lookup.card('CR000005GOLD'));
});

test('suspend, resume and delete with reasons: comment required for other, what is sent shown, delete confirmed by the last four', async ({ consolePage: page, request }) => {
  const backend = await actionsBackend(request);
  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1);
  if (!token) throw new Error('no token');
  await actions.openToken(token.cardholderId, token.virtualCardId);

  // Suspend: "other" needs a comment; a Japanese comment stays in the audit, the code is sent.
  await actions.openDialog('suspend');
  await actions.reason.selectOption('OTHER');
  await actions.submit.click();
  await expect(actions.dialog.getByRole('alert').filter({ hasText: 'コメントを入力してください' })).toBeVisible();
  await actions.comment.fill('ご家族からの申し出のため一時停止');
  await expect(actions.sentReason).toHaveText(/トークンサービスへ送信する理由: OTHER/);
  await expect(actions.dialog.getByTestId('action-comment-counter')).toHaveText('16 / 500 文字');
  // Escape keeps what was typed.
  await actions.close();
  await actions.openDialog('suspend');
  await expect(actions.comment).toHaveValue('ご家族からの申し出のため一時停止');
  await shootBoth(page, 'suspend');
  await actions.submit.click();
  await actions.expectStatus('CONFIRMED');
  await expect(actions.dialog.getByTestId('action-notification')).toContainText('一時停止のお知らせ');
  await actions.sentActionId();
  await actions.close();
  await expect(actions.lookup.row(token.virtualCardId).locator('.state-chip')).toHaveText('一時停止中');

  // Resume: the token service is sent the reason code in words, never the comment, even one in its alphabet.
  await actions.openDialog('resume');
  await actions.reason.selectOption('DEVICE_FOUND');
  await actions.comment.fill('Found at home');
  await expect(actions.sentReason).toHaveText(/トークンサービスへ送信する理由: DEVICE FOUND/);
  await shootBoth(page, 'resume');
  await actions.submit.click();
  await actions.expectStatus('CONFIRMED');
  await actions.sentActionId();
  await actions.close();
  await expect(actions.lookup.row(token.virtualCardId).locator('.state-chip')).toHaveText('有効');

  // Delete: final, confirmed by the token's last four; a wrong four is said at the field.
  await actions.openDialog('delete');
  await expect(actions.dialog).toContainText('削除は取り消せません');
  await actions.reason.selectOption('DEVICE_STOLEN');
  await actions.lastFour.fill(token.tokenLastFour === '0000' ? '1111' : '0000');
  await actions.submit.click();
  await expect(actions.dialog.getByRole('alert').filter({ hasText: 'トークンの下4桁と一致しません' })).toBeVisible();
  await expect(actions.reason).toHaveValue('DEVICE_STOLEN');
  await actions.lastFour.fill(token.tokenLastFour);
  await shootBoth(page, 'delete');
  await actions.submit.click();
  await actions.expectStatus('CONFIRMED');
  await actions.sentActionId();
  await actions.close();

  const events = await backend.events(token.virtualCardId);
  expect(events.filter((event) => event.kind === 'SUSPENDED' && event.actor.source === 'ISSUER')).toHaveLength(1);
  expect(events.filter((event) => event.kind === 'RESUMED' && event.actor.source === 'ISSUER')).toHaveLength(1);
  expect(events.filter((event) => event.kind === 'DELETED')).toHaveLength(1);
  await expect.poll(async () => actionSummary(await backend.audit(token.virtualCardId))).toEqual(['suspend CONFIRMED', 'resume CONFIRMED', 'delete CONFIRMED']);
  const [suspension] = acceptedActions(await backend.audit(token.virtualCardId));
  expect(suspension?.record.detail).toMatchObject({ reasonCode: 'OTHER', comment: 'ご家族からの申し出のため一時停止', reasonSent: 'OTHER' });
});

test('the wallet suspends the token while the dialog is open: the console says so, the backend is never asked to act on a stale screen, the input stays', async ({
  consolePage: page,
  request,
}) => {
  const backend = await actionsBackend(request);
  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1);
  if (!token) throw new Error('no token');
  await actions.openToken(token.cardholderId, token.virtualCardId);
  await actions.openDialog('delete');
  await actions.reason.selectOption('FRAUD_CONFIRMED');
  await actions.comment.fill('不正利用の確認が取れたため');
  await actions.lastFour.fill(token.tokenLastFour);

  await backend.simulate({ virtualCardId: token.virtualCardId, action: 'SUSPEND', source: 'WALLET' });
  await expect(actions.dialog.getByTestId('action-changed-meanwhile')).toContainText('現在: 一時停止中');
  await actions.submit.click();
  await actions.expectStatus('FAILED');
  const failure = actions.dialog.getByTestId('action-failure');
  await expect(failure).toHaveAttribute('data-failure-code', 'TOKEN_STATE_CONFLICT');
  await expect(failure).toContainText('現在の状態: 一時停止中');
  await shootBoth(page, 'conflict');
  // What the agent typed is all still there; the dialog now shows the state as it is.
  await expect(actions.reason).toHaveValue('FRAUD_CONFIRMED');
  await expect(actions.comment).toHaveValue('不正利用の確認が取れたため');
  await expect(actions.lastFour).toHaveValue(token.tokenLastFour);
  await expect(actions.dialog.getByTestId('action-dialog-state')).toHaveAttribute('data-state', 'SUSPENDED');
  await actions.close();
  await expect(actions.lookup.row(token.virtualCardId).locator('.state-chip')).toHaveText('一時停止中');
  await expect(actions.rowChip(token.virtualCardId)).toHaveText('削除: 失敗');
  await expect(page.getByTestId('token-action-progress')).toHaveAttribute('data-status', 'FAILED');
  await shootBoth(page, 'states-failed');
  expect(await backend.confirmations(token.virtualCardId, 'DELETED')).toHaveLength(0);
  // The backend was never asked, so its trail holds no token action at all; the console's journal keeps the FAILED action.
  expect((await backend.audit(token.virtualCardId)).filter((record) => record.kind === 'TOKEN_ACTION')).toEqual([]);
});

test('bulk by card: the preview lists what changes and what is skipped and why; one confirmation; results per token', async ({ consolePage: page, request }) => {
  const backend = await actionsBackend(request);
  const actions = new ActionsPage(page);
  await actions.lookup.open('C0000009', 'C0000009');
  await actions.lookup.card('CR000009CLSC').getByTestId('bulk-card').click();
  const dialog = page.getByTestId('bulk-dialog');
  await expect(dialog).toBeVisible();
  const change = dialog.getByTestId('bulk-change');
  await expect(change.locator('tbody tr')).toHaveCount(2);
  await expect(change.locator('tr[data-token-id="VCBULKCARD01"]')).toContainText('有効 → 一時停止中');
  const skip = dialog.getByTestId('bulk-skip');
  await expect(skip.locator('tr[data-token-id="VCBULKCARD03"]')).toContainText('一時停止できるのは有効なトークンだけです');
  await expect(skip.locator('tr[data-token-id="VCBULKCARD05"]')).toContainText('削除済み');
  await dialog.getByTestId('action-reason').selectOption('FRAUD_SUSPECTED');
  await shootBoth(page, 'bulk-card-preview');
  await dialog.getByTestId('action-submit').click();
  const results = dialog.getByTestId('bulk-result');
  await expect(results).toHaveCount(2);
  await expect(dialog.locator('[data-testid="bulk-result"][data-status="CONFIRMED"]')).toHaveCount(2, { timeout: 10_000 });
  await expect(dialog.getByTestId('bulk-summary')).toHaveText('完了 2 ・ 失敗 0 ・ 処理中 0（全 2 件）');
  await shootBoth(page, 'bulk-card-results');
  await actions.close();
  for (const id of ['VCBULKCARD01', 'VCBULKCARD02']) {
    await expect(actions.lookup.row(id).locator('.state-chip')).toHaveText('一時停止中');
    expect(await backend.confirmations(id, 'SUSPENDED')).toHaveLength(1);
  }
  await expect(actions.lookup.row('VCBULKCARD03').locator('.state-chip')).toHaveText('一時停止中');
});

test('bulk by device (lost phone): across the cardholder’s cards, typed count to delete, the watch untouched', async ({ consolePage: page, request }) => {
  const backend = await actionsBackend(request);
  const actions = new ActionsPage(page);
  await actions.openToken('C0000008', 'VCLOSTGOLD01');
  await actions.panel.getByTestId('bulk-device').click();
  const dialog = page.getByTestId('bulk-dialog');
  await expect(dialog.getByRole('heading', { level: 2 })).toContainText('この端末の全トークン');
  await dialog.getByRole('radio', { name: '削除' }).check();
  const change = dialog.getByTestId('bulk-change');
  await expect(change.locator('tbody tr')).toHaveCount(4);
  await expect(change.locator('tr[data-token-id="VCLOSTWALLET1"]')).toContainText('一時停止中 → 削除済み');
  await expect(dialog.getByTestId('bulk-skip').locator('tr[data-token-id="VCLOSTDELETE1"]')).toContainText('すでに削除されています');
  await expect(dialog.locator('[data-token-id="VCLOSTWATCH01"]')).toHaveCount(0);
  await dialog.getByTestId('action-reason').selectOption('DEVICE_LOST');
  await dialog.getByTestId('bulk-confirm-count').fill('3');
  await dialog.getByTestId('action-submit').click();
  await expect(dialog.getByRole('alert').filter({ hasText: '件数と一致しません' })).toBeVisible();
  await dialog.getByTestId('bulk-confirm-count').fill('4');
  await shootBoth(page, 'bulk-device-preview');
  await dialog.getByTestId('action-submit').click();
  await expect(dialog.locator('[data-testid="bulk-result"][data-status="CONFIRMED"]')).toHaveCount(4, { timeout: 10_000 });
  await actions.close();
  for (const id of ['VCLOSTGOLD01', 'VCLOSTCLSC01', 'VCLOSTPLAT01', 'VCLOSTWALLET1']) expect(await backend.confirmations(id, 'DELETED')).toHaveLength(1);
  expect(await backend.confirmations('VCLOSTWATCH01', 'DELETED')).toHaveLength(0);
});
