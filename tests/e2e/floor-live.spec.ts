import { knownFixtures } from '../../sandbox/seed/fixtures';
import { accounts, bridge, expect, test } from './fixtures';
import { actionsBackend } from './pages/actions-backend';
import { shootBoth } from './pages/actions-screenshots';
import { SignInPage } from './pages/sign-in-page';
import { restartTrainingBackend } from './training-controls';

/**
 * The supervisors' floor follows the live stream. The bridge holds one console session (the
 * supervisor's), so the agent acts through the backend's API in a session of their own, as their
 * own console would: the action shows in the floor's feed and figures, and the request waiting in
 * its approvals, without a reload and without waiting for a timer.
 */
test('an agent’s action at another console appears on the supervisor’s floor live, with the request waiting for approval', async ({ signedOut: page, request }) => {
  // From the seed (earlier specs act on the same fixtures), the supervisor signed in at the console.
  await restartTrainingBackend(page.request, { fresh: true });
  await page.goto(`/__bridge/session?token=${bridge.token}`);
  await expect(page.locator('[data-app-ready="true"]')).toHaveCount(1, { timeout: 20_000 });
  await new SignInPage(page).signInWithTrainingAccount(accounts.supervisor);
  const token = { virtualCardId: knownFixtures.yellowPath.activeVirtualCardId };
  const other = { virtualCardId: knownFixtures.lostPhone.activeOnPhone[0] };
  const backend = await actionsBackend(request);
  const agent = await backend.signIn({ agentId: accounts.agent.agentId, password: accounts.agent.password });

  await page.getByTestId('view-supervision').click();
  await page.getByTestId('supervision-tab-floor').click();
  await expect(page.getByTestId('floor-live')).toHaveAttribute('data-live', 'following', { timeout: 10_000 });
  const approvals = page.getByTestId('floor-approvals');
  const waitingBefore = Number(await approvals.getAttribute('data-pending'));
  const row = page.locator(`[data-testid="floor-recent"] li[data-token-id="${token.virtualCardId}"]`);
  await expect(row).toHaveCount(0);

  const suspended = await backend.asAgent(agent, 'POST', `/api/v1/tokens/${token.virtualCardId}/operations:suspend`, {
    body: { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' },
  });
  expect(suspended.status, suspended.text).toBe(202);
  // Newest first, from the stream: the floor's safety re-read runs only while the stream is down.
  await expect(row.first()).toBeVisible();
  await expect(page.locator('[data-testid="floor-recent"] li').first()).toHaveAttribute('data-token-id', token.virtualCardId);
  await expect(page.getByTestId('floor-figures').locator('tbody tr', { hasText: accounts.agent.agentId })).toBeVisible();

  const asked = await backend.asAgent(agent, 'POST', '/api/v1/approval-requests', {
    body: { operation: 'delete', virtualCardId: other.virtualCardId, action: { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' } },
  });
  expect(asked.status, asked.text).toBe(201);
  await expect(approvals).toHaveAttribute('data-pending', String(waitingBefore + 1));
  await shootBoth(page, 'floor-live');

  // The feed's row opens the records behind it in the audit list.
  await row.first().getByRole('button', { name: '監査記録' }).click();
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  const requestId = (asked.json as { requestId: string }).requestId;
  const rejected = await backend.asAgent(await backend.signIn({ agentId: accounts.admin.agentId, password: accounts.admin.password }), 'POST', `/api/v1/approval-requests/${requestId}/decision:reject`, { body: { comment: 'test over' } });
  expect(rejected.status, rejected.text).toBe(200);
});
