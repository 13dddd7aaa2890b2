import type { ApprovalRequest, ApprovalRequestPage } from '../../shared/api/approvals';
import { knownFixtures } from '../../sandbox/seed/fixtures';
import { accounts, bridge, expect, test } from './fixtures';
import { actionsBackend } from './pages/actions-backend';
import { ActionsPage } from './pages/actions-page';
import { shootBoth } from './pages/actions-screenshots';
import { SignInPage } from './pages/sign-in-page';
import { restartTrainingBackend } from './training-controls';
import type { Page } from '@playwright/test';

/**
 * A bulk delete in Chromium under the training policy (deletes wait for a supervisor): the bulk
 * dialog knows it from the policy before sending and offers one approval request for the whole
 * selection; the supervisor, in a backend session of their own (the bridge holds one console
 * session), approves it once; the agent follows it live, token by token. One token changed
 * meanwhile (the wallet suspended it): it fails alone and says so, the others are deleted once.
 */
const { bulkCard } = knownFixtures;
/** All of the card's tokens but the deleted one: the preview's CHANGE rows for a delete. */
const deletable = [bulkCard.active[0], bulkCard.active[1], bulkCard.suspendedByWallet, bulkCard.suspendedByIssuer];

/** From the seed again (earlier specs act on the same fixtures), signed in as the agent. */
const freshDesk = async (page: Page): Promise<void> => {
  await restartTrainingBackend(page.request, { fresh: true });
  await page.goto(`/__bridge/session?token=${bridge.token}`);
  await expect(page.locator('[data-app-ready="true"]')).toHaveCount(1, { timeout: 20_000 });
  await new SignInPage(page).signInWithTrainingAccount(accounts.agent);
};

test('a bulk delete asks one approval for the whole selection; approved once, each token runs once and a token changed meanwhile fails alone', async ({ signedOut: page, request }) => {
  await freshDesk(page);
  const backend = await actionsBackend(request);
  const supervisor = await backend.signIn({ agentId: accounts.supervisor.agentId, password: accounts.supervisor.password });
  const [first, changed] = bulkCard.active;
  const actions = new ActionsPage(page);
  await actions.openToken(bulkCard.cardholderId, first);
  await actions.lookup.card(bulkCard.issuerCardRefId).getByTestId('bulk-card').click();
  const dialog = page.getByTestId('bulk-dialog');
  await dialog.getByRole('radio', { name: '削除' }).check();
  await expect(dialog.getByTestId('bulk-change').locator('tbody tr')).toHaveCount(deletable.length);
  await dialog.getByTestId('action-reason').selectOption('DEVICE_LOST');
  await dialog.getByTestId('bulk-confirm-count').fill(String(deletable.length));

  // Known from the policy before sending: no delete button, one request for all of them instead.
  const approval = dialog.getByTestId('supervisor-approval');
  await expect(approval).toContainText(`これら${deletable.length}件のトークンの削除にはスーパーバイザーの承認が必要です。`);
  await expect(dialog.getByTestId('action-submit')).toHaveCount(0);
  await shootBoth(page, 'bulk-approval-needed');

  await approval.getByTestId('approval-request').click();
  const state = dialog.getByTestId('bulk-approval-state');
  await expect(state).toHaveAttribute('data-state', 'PENDING');
  await expect(dialog.locator('[data-testid="bulk-approval-token"][data-outcome="WAITING"]')).toHaveCount(deletable.length);
  await shootBoth(page, 'bulk-approval-pending');

  // One request for the supervisor, carrying every token with the state the agent saw.
  let pending: ApprovalRequest | undefined;
  await expect
    .poll(async () => {
      const answer = await backend.asAgent(supervisor, 'GET', '/api/v1/approval-requests?state=PENDING');
      pending = (answer.json as ApprovalRequestPage).items.find((item) => item.bulk?.tokens?.some((token) => token.virtualCardId === first));
      return pending?.bulk?.tokens?.length ?? 0;
    })
    .toBe(deletable.length);
  if (!pending) throw new Error('the bulk request');
  const { requestId } = pending;

  // Meanwhile the wallet suspends one of them: that one must not be deleted.
  await backend.simulate({ virtualCardId: changed, action: 'SUSPEND', source: 'WALLET' });
  const decided = await backend.asAgent(supervisor, 'POST', `/api/v1/approval-requests/${requestId}/decision:approve`, { body: { comment: '紛失の届け出を確認しました' } });
  expect(decided.status, decided.text).toBe(200);

  await expect(state).toHaveAttribute('data-state', 'PARTLY_EXECUTED');
  await expect(dialog.locator('[data-testid="bulk-approval-token"][data-outcome="ACCEPTED"]')).toHaveCount(deletable.length - 1);
  const failed = dialog.locator(`[data-testid="bulk-approval-token"][data-token-id="${changed}"]`);
  await expect(failed).toHaveAttribute('data-outcome', 'FAILED');
  await expect(failed).toContainText('一時停止中');
  await shootBoth(page, 'bulk-approval-partly');
  await actions.close();

  await actions.showTray();
  await expect(page.locator(`[data-testid="tray-approval"][data-token-id="${first}"]`)).toHaveAttribute('data-state', 'PARTLY_EXECUTED');

  // Run by the backend once per token, under the agent's name; the changed token never.
  for (const token of deletable) {
    const events = await backend.events(token);
    const runs = events.filter((event) => event.kind === 'AGENT_ACTION' && event.detail.requestId === requestId);
    expect(runs).toHaveLength(token === changed ? 0 : 1);
    if (token !== changed) await expect.poll(async () => (await backend.confirmations(token, 'DELETED')).length, { timeout: 10_000 }).toBe(1);
  }
});
