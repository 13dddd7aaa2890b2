import type { InjectFaultRequest } from '../../shared/api/training';
import { expect, test } from './fixtures';
import { actionsBackend, findActiveTokens, type ActionsBackend } from './pages/actions-backend';
import { ActionsPage } from './pages/actions-page';
import { shootBoth } from './pages/actions-screenshots';
import { actionSummary } from '../support/audit-trail';

/**
 * Every action exactly once, with the training backend told to misbehave over real HTTP: whatever
 * goes wrong on the wire, the token changes once (one confirming event in its history) and the
 * audit holds one record per action, and the agent sees where the action is.
 */

type Fault = Omit<InjectFaultRequest, 'match'>;

const operationPath = (virtualCardId: string, operation: 'suspend' | 'resume'): string => `/api/v1/tokens/${virtualCardId}/operations:${operation}`;

/** Opens the token and sends a suspend with a reason; the fault strikes the request for it. */
const suspendUnder = async (actions: ActionsPage, backend: ActionsBackend, token: { cardholderId: string; virtualCardId: string }, fault: Fault): Promise<string> => {
  await actions.openToken(token.cardholderId, token.virtualCardId);
  await actions.openDialog('suspend');
  await actions.reason.selectOption('DEVICE_LOST');
  await backend.fault({ match: { method: 'POST', pathPrefix: operationPath(token.virtualCardId, 'suspend') }, ...fault });
  await actions.recordStatuses();
  await actions.submit.click();
  await expect(actions.progress).toBeVisible();
  return actions.sentActionId();
};

/** The token changed once and the backend's trail holds this one action, confirmed (retries under one key are one call). */
const expectOnce = async (backend: ActionsBackend, virtualCardId: string): Promise<void> => {
  const suspended = (await backend.events(virtualCardId)).filter((event) => event.kind === 'SUSPENDED' && event.actor.source === 'ISSUER');
  expect(suspended, 'one confirmed suspension').toHaveLength(1);
  await expect.poll(async () => actionSummary(await backend.audit(virtualCardId))).toEqual(['suspend CONFIRMED']);
};

test.afterEach(async ({ request }) => {
  await (await actionsBackend(request)).clearFaults();
});

test('a 5xx once, then success: the retry says so, reuses the correlation id, and the token changes once', async ({ consolePage: page, request }) => {
  const backend = await actionsBackend(request);
  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1, 20);
  if (!token) throw new Error('no token');
  await suspendUnder(actions, backend, token, { fault: 'status-503', times: 1 });
  await actions.expectStatus('CONFIRMED');
  await expect(actions.progress.getByTestId('action-attempts')).toHaveText('送信 2 回（同じ相関IDで再送）');
  await expectOnce(backend, token.virtualCardId);
});

test('several 5xx in a row: 再試行中 (n回目) with the next attempt shown, then done, once', async ({ consolePage: page, request }) => {
  const backend = await actionsBackend(request);
  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1, 22);
  if (!token) throw new Error('no token');
  // Several failures in a row: the backoff grows, long enough to see and photograph the retry.
  await suspendUnder(actions, backend, token, { fault: 'status-500', times: 4 });
  await expect(actions.progress.getByTestId('action-retrying')).toContainText(/再試行中（[2-5]回目）/, { timeout: 10_000 });
  await expect(actions.progress.getByTestId('action-retrying')).toContainText('次の送信');
  await shootBoth(page, 'state-retrying');
  await actions.expectStatus('CONFIRMED', 30_000);
  await expectOnce(backend, token.virtualCardId);
});

test('a timeout after the backend did the work: the retry is answered as the first, the token changes once', async ({ consolePage: page, request }) => {
  test.setTimeout(90_000);
  const backend = await actionsBackend(request);
  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1, 24);
  if (!token) throw new Error('no token');
  // Held longer than main waits for an answer (15 s): main gives up on it and sends again.
  await suspendUnder(actions, backend, token, { fault: 'timeout-after-work', times: 1, delayMs: 17_000 });
  await actions.expectStatus('CONFIRMED', 60_000);
  await expectOnce(backend, token.virtualCardId);
});

for (const fault of ['reset', 'reset-after-work'] as const) {
  test(`a connection reset (${fault}): sent again under the same key, the token changes once`, async ({ consolePage: page, request }) => {
    const backend = await actionsBackend(request);
    const actions = new ActionsPage(page);
    const [token] = await findActiveTokens(page, 1, fault === 'reset' ? 26 : 28);
    if (!token) throw new Error('no token');
    await suspendUnder(actions, backend, token, { fault, times: 1 });
    await actions.expectStatus('CONFIRMED', 20_000);
    await expectOnce(backend, token.virtualCardId);
  });
}

test('the TSP confirms twice: one change, one 完了, one audit record', async ({ consolePage: page, request }) => {
  const backend = await actionsBackend(request);
  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1, 30);
  if (!token) throw new Error('no token');
  await suspendUnder(actions, backend, token, { fault: 'duplicate-confirmation', times: 1 });
  await actions.expectStatus('CONFIRMED');
  // The second confirmation arrives and is recorded as a duplicate; nothing on screen goes back or repeats.
  await expect.poll(async () => (await backend.events(token.virtualCardId)).filter((event) => event.kind === 'CALLBACK_DUPLICATE').length).toBe(1);
  await actions.expectStatus('CONFIRMED');
  expect((await actions.recordedStatuses()).filter((seen) => seen.status === 'CONFIRMED')).toHaveLength(1);
  await expectOnce(backend, token.virtualCardId);
});
