import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Locator, Page } from '@playwright/test';
import { startSecondConsole, type SecondConsole } from '../support/second-console';
import { testPan } from '../unit/electron/helpers/card-numbers';
import { accounts, bridge, callBridge, expect, signInAt, test } from './fixtures';
import { actionsBackend, findActiveTokens, type ActionsBackend } from './pages/actions-backend';
import { ActionsPage } from './pages/actions-page';

/**
 * The four-eyes chain with two consoles at once, over real HTTP: the agent in the shared bridge's
 * console, a supervisor in a second console (its own bridge process, profile and port) on the same
 * training backend. The request goes from the agent's dialog to the supervisor's queue live, is
 * decided there, and the agent's console learns the outcome live.
 */
const SCREENSHOTS = 'tests/e2e/screenshots';
const sharedOrigin = `http://127.0.0.1:${process.env.TD_BRIDGE_PORT ?? ''}`;

// Two consoles, each signing in, and screenshots at two sizes in two languages: more than the default time on a shared machine.
test.describe.configure({ timeout: 90_000 });

let second: SecondConsole;

test.beforeAll(async () => {
  second = await startSecondConsole({ sharedOrigin, token: bridge.token });
});

test.afterAll(async () => {
  await second.close();
});

/** A supervisor's console in a browser context of its own (the two bridges' cookies would meet on 127.0.0.1). */
const openSupervisorConsole = async (browser: Browser, options: { withoutEvents?: boolean } = {}): Promise<{ page: Page; close: () => Promise<void>; problems: string[] }> => {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  // A console whose event stream never delivers (it ends at once and asks to be retried in an
  // hour): what another supervisor decides reaches it only when it asks.
  if (options.withoutEvents) await page.route('**/events', (route) => route.fulfill({ status: 200, contentType: 'text/event-stream', body: 'retry: 3600000\n\n' }));
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await second.rpc('session.signOut', {});
  await second.rpc('settings.set', { language: 'ja' });
  await signInAt(page, second.sessionUrl, accounts.supervisor);
  await page.getByTestId('view-supervision').click();
  await page.getByTestId('supervision-tab-approvals').click();
  await expect(page.getByTestId('approvals-screen')).toBeVisible();
  return {
    page,
    problems,
    close: async () => {
      await second.rpc('session.signOut', {});
      await second.rpc('settings.set', { language: 'ja' });
      await context.close();
    },
  };
};

/** The queue in Japanese and English, at the call center's two screen sizes. */
const shootQueue = async (page: Page, name: string): Promise<void> => {
  for (const size of [
    { width: 1366, height: 800 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    for (const language of ['ja', 'en'] as const) {
      await callBridge(page, 'settings.set', { language }, second.origin);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await page.screenshot({ path: `${SCREENSHOTS}/approvals-queue-${name}-${language}-${size.width}.png` });
    }
  }
  await callBridge(page, 'settings.set', { language: 'ja' }, second.origin);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.setViewportSize({ width: 1366, height: 800 });
};

/** axe's serious and critical findings on the page, as a failure message reads them. */
const seriousViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, help: violation.help, nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')) }));
};

const queueRow = (page: Page, virtualCardId: string): Locator => page.locator(`[data-testid="approval-row"][data-token-id="${virtualCardId}"]`);

/** The agent asks for a delete from the dialog; answers the dialog's state chip. */
const requestDelete = async (actions: ActionsPage, token: { cardholderId: string; virtualCardId: string; tokenLastFour: string }, reason: string, comment: string): Promise<Locator> => {
  await actions.openToken(token.cardholderId, token.virtualCardId);
  await actions.openDialog('delete');
  await actions.reason.selectOption(reason);
  await actions.comment.fill(comment);
  await actions.lastFour.fill(token.tokenLastFour);
  await actions.dialog.getByTestId('approval-request').click();
  const state = actions.dialog.getByTestId('approval-dialog-state');
  await expect(state).toHaveAttribute('data-state', 'PENDING');
  return state;
};

interface TokenLike {
  readonly virtualCardId: string;
  readonly cardholderId: string;
  readonly state: string;
  readonly levelOfTrust: { readonly decision: string; readonly idvMethods: readonly string[] };
  readonly digitizationOutcome?: string;
}

/**
 * A generated yellow-path token waiting for Option D (none of the named fixtures, which other specs
 * activate): INACTIVE, YELLOW, with the call center's step-up offered. From the last generated
 * cardholders down, away from the active tokens other specs take from the first ones up.
 */
const findYellowForOptionD = async (page: Page): Promise<TokenLike> => {
  for (let n = 59; n >= 10; n -= 1) {
    const cardholderId = `C${String(n).padStart(7, '0')}`;
    const holder = (await callBridge(page, 'cardholders.get', { cardholderId })) as { ok: boolean; data?: { cards: { issuerCardRefId: string }[] } };
    for (const card of holder.data?.cards ?? []) {
      const tokens = (await callBridge(page, 'cards.tokens', { issuerCardRefId: card.issuerCardRefId })) as { data?: { items: TokenLike[] } };
      const yellow = tokens.data?.items.find(
        (token) => token.state === 'INACTIVE' && token.levelOfTrust.decision === 'YELLOW' && token.levelOfTrust.idvMethods.includes('CUSTOMER_SERVICE') && token.digitizationOutcome === undefined,
      );
      if (yellow) return yellow;
    }
  }
  throw new Error('no yellow-path token among the generated cardholders');
};

/**
 * A token this spec asked about and left ACTIVE (the request rejected) is suspended before the
 * test ends: other specs take the first active token they find and expect the agent's tray to hold
 * at most their own request for it.
 */
const retire = async (page: Page, backend: ActionsBackend, virtualCardId: string): Promise<void> => {
  const submitted = await callBridge(page, 'actions.submit', { actionId: randomUUID(), virtualCardId, operation: 'suspend', reasonCode: 'DEVICE_LOST', expectedState: 'ACTIVE' });
  expect(submitted).toMatchObject({ ok: true });
  await expect.poll(async () => (await backend.confirmations(virtualCardId, 'SUSPENDED')).length, { timeout: 10_000 }).toBe(1);
};

const pendingOnTab = async (page: Page): Promise<number> => {
  const label = (await page.getByTestId('supervision-tab-approvals').textContent()) ?? '';
  return Number(/（(\d+) 件待ち）/.exec(label)?.[1] ?? '0');
};

test('a delete goes from the agent’s dialog to the supervisor’s queue live, is approved there with a comment, runs, and is in the audit list and its CSV export with the approver', async ({ consolePage: page, browser, request }) => {
  const backend = await actionsBackend(request);
  const supervisor = await openSupervisorConsole(browser);
  const queue = supervisor.page;
  const listCalls: string[] = [];
  queue.on('request', (each) => {
    if (each.url().endsWith('/rpc/approvals.list')) listCalls.push(each.url());
  });
  await expect(queue.getByTestId('approval-filter-pending')).toBeChecked();
  const before = await pendingOnTab(queue);

  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1, 46);
  if (!token) throw new Error('no token');
  const state = await requestDelete(actions, token, 'DEVICE_STOLEN', '盗難の届け出あり');

  // Live: the row and the tab's count come with the stream's event, without reading the list again.
  const row = queueRow(queue, token.virtualCardId);
  await expect(row).toHaveAttribute('data-state', 'PENDING');
  await expect.poll(() => pendingOnTab(queue)).toBe(before + 1);
  expect(listCalls, 'the queue follows the stream instead of asking again').toEqual([]);
  await expect(row).toContainText(accounts.agent.name);
  await expect(row).toContainText(/待ち時間 (1分未満|\d+分)/);
  await expect(row).toContainText('期限');

  await row.click();
  const detail = queue.getByTestId('approval-detail');
  await expect(detail).toHaveAttribute('data-state', 'PENDING');
  await expect(detail.getByTestId('approval-requester')).toContainText(`${accounts.agent.name} (${accounts.agent.agentId})`);
  await expect(detail.getByTestId('approval-reason')).toContainText('DEVICE_STOLEN');
  await expect(detail.getByTestId('approval-agent-comment')).toHaveText('盗難の届け出あり');
  await expect(detail.getByTestId('approval-token')).toContainText(`••••${token.tokenLastFour}・`);
  await expect(detail.getByTestId('approval-cardholder')).toContainText(token.cardholderId);
  await expect(detail.getByTestId('approval-cardholder')).toContainText('●');
  await shootQueue(queue, 'pending');
  expect(await seriousViolations(queue)).toEqual([]);

  // Free text: a card number is refused at the field, and a rejection without words too; nothing is sent.
  const comment = detail.getByTestId('approval-comment');
  await comment.fill(`カード ${testPan()} を確認`);
  await expect(detail.getByTestId('approval-comment-problem')).toContainText('カード番号のような数字の並びは入力できません');
  await detail.getByTestId('approval-approve').click();
  await comment.fill('');
  await detail.getByTestId('approval-reject').click();
  await expect(detail.getByTestId('approval-comment-problem')).toHaveText('却下の理由をコメントに書いてください。');
  await expect(comment).toBeFocused();
  await expect(row).toHaveAttribute('data-state', 'PENDING');

  // Without the mouse: the comment, then Tab to the approve button.
  await comment.fill('盗難届を確認しました');
  await comment.press('Tab');
  await expect(detail.getByTestId('approval-approve')).toBeFocused();
  await queue.keyboard.press('Enter');
  await expect(row).toHaveAttribute('data-state', 'EXECUTED');
  await expect(detail.getByTestId('approval-decided')).toContainText(`${accounts.supervisor.name}が`);
  await expect(detail.getByTestId('approval-decided')).toContainText('「盗難届を確認しました」');
  await expect(detail.getByTestId('approval-execution')).toContainText('実行しました');
  await expect(detail.getByTestId('approval-decision')).toHaveCount(0);
  await expect.poll(() => pendingOnTab(queue)).toBe(before);

  // The agent's console learns it live; the TSP confirms the delete.
  await expect(state).toHaveAttribute('data-state', 'EXECUTED');
  await expect(actions.dialog.getByTestId('approval-dialog-state-decision')).toContainText('鈴木 健一: 「盗難届を確認しました」');
  await actions.close();
  await expect.poll(async () => (await backend.confirmations(token.virtualCardId, 'DELETED')).length, { timeout: 10_000 }).toBe(1);
  await expect(actions.lookup.row(token.virtualCardId)).toHaveCount(0);

  await queue.getByTestId('approval-filter-decided').check();
  await expect(queueRow(queue, token.virtualCardId)).toHaveAttribute('data-state', 'EXECUTED');
  await queueRow(queue, token.virtualCardId).click();
  await shootQueue(queue, 'decided');

  // The supervisor's audit list holds the run, with the approver; the CSV export says the same.
  await queue.getByTestId('supervision-tab-audit').click();
  const filter = queue.getByTestId('audit-filter');
  await filter.locator('input[name="virtualCardId"]').fill(token.virtualCardId);
  await filter.locator('select[name="kind"]').selectOption('TOKEN_ACTION');
  await filter.getByRole('button', { name: '絞り込む' }).click();
  const auditRows = queue.getByTestId('audit-row');
  await expect(auditRows.filter({ hasText: '削除' }).first()).toContainText(accounts.supervisor.agentId);
  const exportsFolder = join(second.userDataDir, 'exports');
  await queue.getByTestId('audit-export-start').click();
  await expect(queue.getByTestId('audit-export-status')).toHaveAttribute('data-state', 'done');
  const file = (await readdir(exportsFolder)).filter((name) => name.endsWith('.csv')).sort().at(-1);
  expect(file, 'the export is in the second console’s profile').toBeDefined();
  const bytes = await readFile(join(exportsFolder, file ?? ''));
  const table = parse(bytes.subarray(3).toString('utf8'), { columns: true }) as Record<string, string>[];
  const deleteRun = table.find((line) => line.operation === 'delete' && line.virtual_card_id === token.virtualCardId && line.outcome === 'ACCEPTED');
  expect(deleteRun, JSON.stringify(table)).toMatchObject({ agent_id: accounts.agent.agentId, approver: accounts.supervisor.agentId, reason_code: 'DEVICE_STOLEN' });

  expect(supervisor.problems).toEqual([]);
  await supervisor.close();
});

test('a request rejected in the queue never runs: the agent sees 却下 with the supervisor’s words and the token is unchanged', async ({ consolePage: page, browser, request }) => {
  const backend = await actionsBackend(request);
  const supervisor = await openSupervisorConsole(browser);
  const queue = supervisor.page;
  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1, 48);
  if (!token) throw new Error('no token');
  const state = await requestDelete(actions, token, 'DEVICE_LOST', '紛失の連絡');

  const row = queueRow(queue, token.virtualCardId);
  await expect(row).toHaveAttribute('data-state', 'PENDING');
  // The keyboard: focus the list, move to the row with the arrow keys, then Tab to the comment.
  const list = queue.getByTestId('approvals-list');
  await list.focus();
  await queue.keyboard.press('Home');
  for (let step = 0; step < 50 && (await row.getAttribute('aria-selected')) !== 'true'; step += 1) await queue.keyboard.press('ArrowDown');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  const detail = queue.getByTestId('approval-detail');
  await expect(detail).toHaveAttribute('data-request-id', (await row.getAttribute('data-request-id')) ?? '');
  await detail.getByTestId('approval-comment').fill('本人確認が不十分です');
  await detail.getByTestId('approval-reject').focus();
  await queue.keyboard.press('Enter');
  await expect(row).toHaveAttribute('data-state', 'REJECTED');
  await expect(detail.getByTestId('approval-decided')).toContainText('「本人確認が不十分です」');
  expect(await seriousViolations(queue)).toEqual([]);

  // The request opens its token's history on the desk, as an audit record does.
  await detail.getByTestId('approval-open-token').click();
  await expect(queue.getByTestId('token-history')).toHaveAttribute('data-virtual-card-id', token.virtualCardId);

  await expect(state).toHaveAttribute('data-state', 'REJECTED');
  await expect(state).toContainText('却下');
  await expect(actions.dialog.getByTestId('approval-dialog-state-decision')).toContainText('本人確認が不十分です');
  await actions.close();
  await expect(actions.lookup.row(token.virtualCardId).locator('.state-chip')).toHaveText('有効');
  const events = await backend.events(token.virtualCardId);
  expect(events.filter((event) => event.kind === 'DELETED')).toHaveLength(0);
  expect(events.filter((event) => event.kind === 'APPROVAL_REJECTED')).toHaveLength(1);
  await retire(page, backend, token.virtualCardId);
  expect(supervisor.problems).toEqual([]);
  await supervisor.close();
});

test('a supervisor’s own request offers no buttons, the backend refuses it with 403, and an agent’s approve is refused by core and by the backend', async ({ consolePage: page, browser, request }) => {
  const backend = await actionsBackend(request);
  const supervisor = await openSupervisorConsole(browser);
  const queue = supervisor.page;
  const [own, agents] = await findActiveTokens(page, 2, 50);
  if (!own || !agents) throw new Error('no token');
  const deleteOf = (token: { virtualCardId: string }) => ({
    submission: { operation: 'delete', virtualCardId: token.virtualCardId, action: { reasonCode: 'DEVICE_LOST', reason: 'DEVICE LOST', expectedState: 'ACTIVE' } },
  });

  // The supervisor asks for one themselves: it is in their queue, but only for another to decide.
  expect(await second.rpc('approvals.request', deleteOf(own))).toMatchObject({ ok: true });
  const row = queueRow(queue, own.virtualCardId);
  await expect(row).toHaveAttribute('data-state', 'PENDING');
  await row.click();
  const detail = queue.getByTestId('approval-detail');
  await expect(detail.getByTestId('approval-own')).toHaveText('あなた自身の依頼です。ほかのスーパーバイザーが判断します。');
  await expect(detail.getByTestId('approval-approve')).toHaveCount(0);
  await expect(detail.getByTestId('approval-reject')).toHaveCount(0);
  const ownId = (await row.getAttribute('data-request-id')) ?? '';
  const selfApproval = await second.rpc('approvals.approve', { requestId: ownId, comment: '自分で承認' });
  expect(selfApproval).toMatchObject({ ok: false, error: { backend: { code: 'SELF_APPROVAL_FORBIDDEN' } } });
  await expect(row).toHaveAttribute('data-state', 'PENDING');

  // The agent's own request, and the agent trying to approve it: core refuses before the backend is asked.
  expect(await callBridge(page, 'approvals.request', deleteOf(agents))).toMatchObject({ ok: true });
  const agentRow = queueRow(queue, agents.virtualCardId);
  await expect(agentRow).toHaveAttribute('data-state', 'PENDING');
  const agentId = (await agentRow.getAttribute('data-request-id')) ?? '';
  expect(await callBridge(page, 'approvals.approve', { requestId: agentId, comment: '自分で承認' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
  const agentSession = await backend.signIn({ agentId: accounts.agent.agentId, password: accounts.agent.password });
  const direct = await backend.asAgent(agentSession, 'POST', `/api/v1/approval-requests/${agentId}/decision:approve`, { body: { comment: '自分で承認' } });
  expect(direct.status, direct.text).toBe(403);

  // Nothing ran; another supervisor (the administrator) rejects both, so none is left waiting.
  const admin = await backend.signIn({ agentId: accounts.admin.agentId, password: accounts.admin.password });
  for (const requestId of [ownId, agentId]) {
    const answer = await backend.asAgent(admin, 'POST', `/api/v1/approval-requests/${requestId}/decision:reject`, { body: { comment: 'テストの後片付け' } });
    expect(answer.status, answer.text).toBe(200);
  }
  await expect(row).toHaveAttribute('data-state', 'REJECTED');
  for (const token of [own, agents]) expect((await backend.events(token.virtualCardId)).filter((event) => event.kind === 'DELETED')).toHaveLength(0);
  await retire(page, backend, agents.virtualCardId);
  expect(supervisor.problems).toEqual([]);
  await supervisor.close();
});

test('an Option D activation that matched a risk rule goes to the queue with the call’s answers and, once approved there, activates', async ({ consolePage: page, browser, request }) => {
  const backend = await actionsBackend(request);
  const supervisor = await openSupervisorConsole(browser);
  const queue = supervisor.page;
  const actions = new ActionsPage(page);
  const token = await findYellowForOptionD(page);
  await actions.openToken(token.cardholderId, token.virtualCardId);
  await actions.lookup.row(token.virtualCardId).getByTestId('row-activate').click();
  for (const verifier of ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'SECURITY_WORD'] as const) await actions.verifier(verifier).check();
  // We called the cardholder, not they us: the OUTBOUND_CALL risk rule holds the activation for a supervisor.
  await actions.answer('question-inbound', false).check();
  await actions.answer('question-asked-to-share', false).check();
  const approval = actions.dialog.getByTestId('supervisor-approval');
  await expect(approval).toContainText('リスクルールに該当するため');
  await approval.getByTestId('approval-request').click();
  const state = actions.dialog.getByTestId('approval-dialog-state');
  await expect(state).toHaveAttribute('data-state', 'PENDING');

  const row = queueRow(queue, token.virtualCardId);
  await expect(row).toHaveAttribute('data-state', 'PENDING');
  await row.click();
  const detail = queue.getByTestId('approval-detail');
  await expect(detail).toContainText('リスクルールに該当した有効化');
  await expect(detail.getByTestId('approval-risk-rules').locator('[data-rule="OUTBOUND_CALL"]')).toBeVisible();
  await expect(detail.getByTestId('approval-verifiers')).toContainText('、');
  await expect(detail.getByTestId('approval-call-answers')).toContainText('会員からの着信ではない');
  await expect(detail.getByTestId('approval-call-answers')).toContainText('コードの読み上げは頼まれていない');
  await shootQueue(queue, 'option-d');
  await detail.getByTestId('approval-comment').fill('折り返しの記録を確認しました');
  await detail.getByTestId('approval-approve').click();
  await expect(row).toHaveAttribute('data-state', 'EXECUTED');

  await expect(state).toHaveAttribute('data-state', 'EXECUTED');
  await actions.close();
  await expect(actions.lookup.row(token.virtualCardId).locator('.state-chip')).toHaveText('有効', { timeout: 10_000 });
  expect(await backend.confirmations(token.virtualCardId, 'ACTIVATED')).toHaveLength(1);
  expect(supervisor.problems).toEqual([]);
  await supervisor.close();
});

test('a request another supervisor decided first: the approve is refused with 409 and the queue says who decided what', async ({ consolePage: page, browser, request }) => {
  const backend = await actionsBackend(request);
  const supervisor = await openSupervisorConsole(browser, { withoutEvents: true });
  const queue = supervisor.page;
  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1, 52);
  if (!token) throw new Error('no token');
  const state = await requestDelete(actions, token, 'DEVICE_LOST', '紛失の連絡');

  await queue.getByTestId('approvals-refresh').click();
  const row = queueRow(queue, token.virtualCardId);
  await expect(row).toHaveAttribute('data-state', 'PENDING');
  await row.click();
  const detail = queue.getByTestId('approval-detail');
  const requestId = (await row.getAttribute('data-request-id')) ?? '';

  // The administrator rejects it first, from a console of their own; this one has not heard.
  const admin = await backend.signIn({ agentId: accounts.admin.agentId, password: accounts.admin.password });
  const first = await backend.asAgent(admin, 'POST', `/api/v1/approval-requests/${requestId}/decision:reject`, { body: { comment: '本人確認が取れていません' } });
  expect(first.status, first.text).toBe(200);
  await expect(row).toHaveAttribute('data-state', 'PENDING');

  await detail.getByTestId('approval-comment').fill('確認しました');
  await detail.getByTestId('approval-approve').click();
  const refusal = detail.getByTestId('approval-refused');
  await expect(refusal).toHaveAttribute('data-code', 'APPROVAL_NOT_PENDING');
  await expect(refusal).toContainText('ほかのスーパーバイザーが先に判断しました（409）');
  await expect(detail.getByTestId('approval-decided-meanwhile')).toHaveText(`${accounts.admin.name}がすでに「却下」としました: 「本人確認が取れていません」`);
  await expect(row).toHaveAttribute('data-state', 'REJECTED');
  await expect(detail.getByTestId('approval-decision')).toHaveCount(0);
  // Its language follows the settings event, which this console never hears: Japanese only.
  await queue.screenshot({ path: `${SCREENSHOTS}/approvals-queue-decided-meanwhile-ja-1366.png` });

  await expect(state).toHaveAttribute('data-state', 'REJECTED');
  expect((await backend.events(token.virtualCardId)).filter((event) => event.kind === 'DELETED')).toHaveLength(0);
  await retire(page, backend, token.virtualCardId);
  expect(supervisor.problems).toEqual([]);
  await supervisor.close();
});
