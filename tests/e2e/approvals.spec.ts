import type { ApprovalRequestPage } from '../../shared/api/approvals';
import { accounts, expect, test } from './fixtures';
import { actionsBackend, findActiveTokens, type ActionsBackend } from './pages/actions-backend';
import { ActionsPage } from './pages/actions-page';
import { shootBoth } from './pages/actions-screenshots';

/**
 * Four-eyes approval in Chromium. The dev bridge holds one console session, so the second person,
 * supervisor.suzuki, decides through the backend's API in a session of their own, as their own
 * console would: the agent's console must learn of it live.
 */
const risky = { cardholderId: 'C0000009', virtualCardId: 'VCRISKYYELLOW1' } as const;

const pendingRequestFor = async (backend: ActionsBackend, supervisor: string, virtualCardId: string): Promise<string> => {
  let requestId = '';
  await expect
    .poll(async () => {
      const answer = await backend.asAgent(supervisor, 'GET', '/api/v1/approval-requests?state=PENDING');
      requestId = (answer.json as ApprovalRequestPage).items.find((item) => item.virtualCardId === virtualCardId)?.requestId ?? '';
      return requestId;
    })
    .not.toBe('');
  return requestId;
};

const decide = async (backend: ActionsBackend, supervisor: string, requestId: string, decision: 'approve' | 'reject', comment: string): Promise<void> => {
  const answer = await backend.asAgent(supervisor, 'POST', `/api/v1/approval-requests/${requestId}/decision:${decision}`, { body: { comment } });
  expect(answer.status, answer.text).toBe(200);
};

test('a delete that needs approval: 承認を依頼 → pending → approved by a supervisor → executed, live in the dialog and the tray', async ({ consolePage: page, request }) => {
  const backend = await actionsBackend(request);
  const supervisor = await backend.signIn({ agentId: accounts.supervisor.agentId, password: accounts.supervisor.password });
  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1, 40);
  if (!token) throw new Error('no token');
  await actions.openToken(token.cardholderId, token.virtualCardId);
  await actions.openDialog('delete');
  await actions.reason.selectOption('DEVICE_STOLEN');
  await actions.comment.fill('盗難の届け出あり');
  await actions.lastFour.fill(token.tokenLastFour);
  // The dialog knows from the policy before sending: no delete button, the request instead.
  const approval = actions.dialog.getByTestId('supervisor-approval');
  await expect(approval).toContainText('トークンの削除にはスーパーバイザーの承認が必要です。');
  await expect(actions.submit).toHaveCount(0);
  await shootBoth(page, 'approval-needed');

  await approval.getByTestId('approval-request').click();
  const state = actions.dialog.getByTestId('approval-dialog-state');
  await expect(state).toHaveAttribute('data-state', 'PENDING');
  await expect(state).toContainText('承認待ち');
  await shootBoth(page, 'approval-pending');

  const requestId = await pendingRequestFor(backend, supervisor, token.virtualCardId);
  await decide(backend, supervisor, requestId, 'approve', '盗難届を確認しました');
  await expect(state).toHaveAttribute('data-state', 'EXECUTED');
  await expect(actions.dialog.getByTestId('approval-dialog-state-decision')).toContainText('鈴木 健一: 「盗難届を確認しました」');
  await shootBoth(page, 'approval-executed');
  await actions.close();

  // Deleted: the table hides it (deleted tokens are counted, not listed) once the TSP confirmed.
  await expect.poll(async () => (await backend.confirmations(token.virtualCardId, 'DELETED')).length, { timeout: 10_000 }).toBe(1);
  await expect(actions.lookup.row(token.virtualCardId)).toHaveCount(0);
  await actions.showTray();
  const item = page.locator(`[data-testid="tray-approval"][data-token-id="${token.virtualCardId}"][data-operation="delete"]`);
  await expect(item).toHaveAttribute('data-state', 'EXECUTED');
  await shootBoth(page, 'approval-tray');

  // Run once by the backend, under the agent's name, with the approver on record.
  const events = await backend.events(token.virtualCardId);
  expect(events.filter((event) => event.kind === 'DELETED')).toHaveLength(1);
  const runs = events.filter((event) => event.kind === 'AGENT_ACTION' && event.detail.requestId === requestId);
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ actor: { agentId: accounts.agent.agentId }, detail: { approvedBy: { agentId: accounts.supervisor.agentId } } });
  // This request's steps: the token may carry an earlier request of its own (an approved activation).
  const steps = events.filter((event) => (event.kind === 'APPROVAL_REQUESTED' || event.kind === 'APPROVAL_GRANTED') && event.detail.requestId === requestId);
  expect(steps.map((event) => event.kind)).toEqual(expect.arrayContaining(['APPROVAL_REQUESTED', 'APPROVAL_GRANTED']));
  expect(steps).toHaveLength(2);
});

test('a risky Option D case goes to a supervisor and, once approved, activates', async ({ consolePage: page, request }) => {
  const backend = await actionsBackend(request);
  const supervisor = await backend.signIn({ agentId: accounts.supervisor.agentId, password: accounts.supervisor.password });
  const actions = new ActionsPage(page);
  await actions.openToken(risky.cardholderId, risky.virtualCardId);
  await actions.lookup.row(risky.virtualCardId).getByTestId('row-activate').click();
  await expect(actions.dialog.getByTestId('action-risk-refusal').locator('[data-rule="NEW_DEVICE_HIGH_VELOCITY"]')).toBeVisible();
  for (const verifier of ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'SECURITY_WORD'] as const) await actions.verifier(verifier).check();
  await actions.answer('question-inbound', true).check();
  await actions.answer('question-asked-to-share', false).check();
  const approval = actions.dialog.getByTestId('supervisor-approval');
  await expect(approval).toContainText('リスクルールに該当するため');
  await shootBoth(page, 'approval-option-d-needed');
  await approval.getByTestId('approval-request').click();
  const state = actions.dialog.getByTestId('approval-dialog-state');
  await expect(state).toHaveAttribute('data-state', 'PENDING');

  const requestId = await pendingRequestFor(backend, supervisor, risky.virtualCardId);
  await decide(backend, supervisor, requestId, 'approve', '本人確認の記録を確認しました');
  await expect(state).toHaveAttribute('data-state', 'EXECUTED');
  await shootBoth(page, 'approval-option-d-executed');
  await actions.close();
  await expect(actions.lookup.row(risky.virtualCardId).locator('.state-chip')).toHaveText('有効', { timeout: 10_000 });
  expect(await backend.confirmations(risky.virtualCardId, 'ACTIVATED')).toHaveLength(1);
});

test('a rejected request never runs: the agent sees 却下 with the supervisor’s words', async ({ consolePage: page, request }) => {
  const backend = await actionsBackend(request);
  const supervisor = await backend.signIn({ agentId: accounts.supervisor.agentId, password: accounts.supervisor.password });
  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1, 44);
  if (!token) throw new Error('no token');
  await actions.openToken(token.cardholderId, token.virtualCardId);
  await actions.openDialog('delete');
  await actions.reason.selectOption('DEVICE_LOST');
  await actions.lastFour.fill(token.tokenLastFour);
  await actions.dialog.getByTestId('approval-request').click();
  const state = actions.dialog.getByTestId('approval-dialog-state');
  await expect(state).toHaveAttribute('data-state', 'PENDING');

  const requestId = await pendingRequestFor(backend, supervisor, token.virtualCardId);
  await decide(backend, supervisor, requestId, 'reject', '本人確認が不十分です');
  await expect(state).toHaveAttribute('data-state', 'REJECTED');
  await expect(actions.dialog.getByTestId('approval-dialog-state-decision')).toContainText('本人確認が不十分です');
  await shootBoth(page, 'approval-rejected');
  await actions.close();
  await expect(actions.lookup.row(token.virtualCardId).locator('.state-chip')).toHaveText('有効');
  const events = await backend.events(token.virtualCardId);
  expect(events.filter((event) => event.kind === 'DELETED')).toHaveLength(0);
  expect(events.filter((event) => event.kind === 'AGENT_ACTION' && event.detail.requestId === requestId)).toHaveLength(0);
  expect(events.filter((event) => event.kind === 'APPROVAL_REJECTED')).toHaveLength(1);
});
