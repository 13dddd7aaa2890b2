import { accounts, bridge, expect, signInAt, test } from './fixtures';
import { ActionsPage } from './pages/actions-page';
import { shootBoth } from './pages/actions-screenshots';
import { startConnectedDesk, type ConnectedDesk } from '../support/connected-desk';
import { actionSummary } from '../support/audit-trail';

/**
 * Main killed mid-action: a workstation in connected mode (its own bridge process and profile)
 * against a standalone sandbox that outlives it. The action is written ahead and every send fails;
 * main is killed with SIGKILL, the backend recovers, main starts again on the same profile, and
 * the agent sees the action resumed and done, once.
 */

/** Fresh data in the standalone sandbox: the Apple Watch token of the yellow-path cardholder, active. */
const watch = { cardholderId: 'C0000001', virtualCardId: 'VCWATCH00001' } as const;

let desk: ConnectedDesk | null = null;

test.afterEach(async () => {
  await desk?.close();
  desk = null;
});

test('main killed after writing an action ahead: on restart the outbox resumes it, the UI marks it resumed, the token changes once', async ({ page }) => {
  test.setTimeout(150_000);
  // The same access token as the shared bridge, so the fixtures' calls reach this one too.
  desk = await startConnectedDesk({ token: bridge.token });
  const signIn = (): Promise<void> => signInAt(page, desk?.bridge.sessionUrl ?? '', accounts.agent);
  await signIn();
  const actions = new ActionsPage(page);
  await actions.openToken(watch.cardholderId, watch.virtualCardId);

  // The backend refuses every send for now: the action is on disk, not yet done anywhere.
  await desk.backend.fault({ match: { method: 'POST', pathPrefix: `/api/v1/tokens/${watch.virtualCardId}/operations:suspend` }, fault: 'status-503', times: 1000 });
  await actions.openDialog('suspend');
  await actions.reason.selectOption('DEVICE_LOST');
  await actions.comment.fill('電車に置き忘れ');
  await actions.submit.click();
  await expect(actions.progress.getByTestId('action-retrying')).toBeVisible({ timeout: 10_000 });
  const actionId = await actions.sentActionId();

  await desk.killBridge();
  await desk.backend.clearFaults();
  await desk.startBridge();
  await signIn();

  // The tray lists it from main's outbox, marked resumed, and follows it to done.
  await actions.showTray();
  const item = actions.trayItem(actionId);
  await expect(item).toBeVisible({ timeout: 20_000 });
  await expect(item.getByTestId('action-chip')).toContainText('再起動後に再開');
  await expect(item).toHaveAttribute('data-status', 'CONFIRMED', { timeout: 30_000 });
  await actions.openToken(watch.cardholderId, watch.virtualCardId);
  await expect(actions.lookup.row(watch.virtualCardId).locator('.state-chip')).toHaveText('一時停止中');
  await expect(actions.rowChip(watch.virtualCardId)).toContainText('一時停止: 完了');
  await actions.showTray();
  await item.locator('summary').click();
  await expect(item.getByTestId('action-resumed')).toHaveText('再起動後に再開');
  await shootBoth(page, 'state-resumed', undefined, desk.bridge.origin);

  const supervisor = await desk.backend.signIn({ agentId: accounts.supervisor.agentId, password: accounts.supervisor.password });
  const events = await desk.backend.tokenEvents(supervisor, watch.virtualCardId);
  expect(events.filter((event) => event.kind === 'SUSPENDED' && event.actor.source === 'ISSUER')).toHaveLength(1);
  // One action in the backend's trail, confirmed: the resumed send reused its key, so the backend took it once.
  await expect.poll(async () => actionSummary((await desk?.backend.auditRecords(supervisor, watch.virtualCardId)) ?? [])).toEqual(['suspend CONFIRMED']);
});
