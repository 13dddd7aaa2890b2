import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { knownFixtures } from '../../sandbox/seed/fixtures';
import { DEFAULT_FLOOR_ALERT_SETTINGS } from '../../shared/domain/floor-alerts';
import { accounts, bridge, callBridge, expect, test } from './fixtures';
import { actionsBackend, type ActionsBackend } from './pages/actions-backend';
import { shootBoth } from './pages/actions-screenshots';
import { SignInPage } from './pages/sign-in-page';
import { restartTrainingBackend } from './training-controls';

/**
 * The floor's alert rules: an administrator lowers the activations-per-hour limit on the Floor and
 * the alert the new rule raises appears in the list at once; a supervisor reads the rules in force
 * in words and gets no form. The agent activates at their own console (through the backend's API),
 * as the bridge holds one console session. Screenshots in both languages.
 */
const ACTIVATION = {
  reasonCode: 'CUSTOMER_SERVICE_VERIFIED',
  reason: 'Authenticated with a customer service agent',
  expectedState: 'INACTIVE',
  verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'REGISTERED_PHONE', 'ADDRESS'],
  callAnswers: { inbound: true, askedToShareCode: false },
};

/** Two yellow-path tokens of the fleet holder activated by the agent (a token a risk rule holds back is passed over). */
const activateTwo = async (backend: ActionsBackend, session: string): Promise<void> => {
  let activated = 0;
  for (const card of knownFixtures.fleetHolder.cards) {
    const listed = await backend.asAgent(session, 'GET', `/api/v1/cards/${card.issuerCardRefId}/tokens`);
    expect(listed.status, listed.text).toBe(200);
    const waiting = (listed.json as { items: { virtualCardId: string; state: string }[] }).items.filter((token) => token.state === 'INACTIVE');
    for (const token of waiting) {
      const answer = await backend.asAgent(session, 'POST', `/api/v1/tokens/${token.virtualCardId}/operations:activate`, { body: ACTIVATION });
      if (answer.status === 202) activated += 1;
      if (activated === 2) return;
    }
  }
  throw new Error(`only ${activated} activations were accepted`);
};

/** What axe finds serious or worse in the rules section (names of fields, the error beside one, contrast). */
const seriousViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).include('[data-testid="floor-rules"]').analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, help: violation.help, nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')) }));
};

const openFloor = async (page: Page, account: (typeof accounts)['admin' | 'supervisor']): Promise<void> => {
  await page.goto(`/__bridge/session?token=${bridge.token}`);
  await expect(page.locator('[data-app-ready="true"]')).toHaveCount(1, { timeout: 20_000 });
  await new SignInPage(page).signInWithTrainingAccount(account);
  await page.getByTestId('view-supervision').click();
  await page.getByTestId('supervision-tab-floor').click();
  await expect(page.getByTestId('floor-rules-in-force')).toBeVisible({ timeout: 10_000 });
};

test('an administrator lowers the activations limit and the alert appears on the floor', async ({ signedOut: page, request }) => {
  await restartTrainingBackend(page.request, { fresh: true });
  const backend = await actionsBackend(request);
  const agent = await backend.signIn({ agentId: accounts.agent.agentId, password: accounts.agent.password });
  await activateTwo(backend, agent);

  await openFloor(page, accounts.admin);
  const rules = page.getByTestId('floor-rules');
  const bursts = page.locator(`[data-testid="floor-alerts"] li[data-rule="ACTIVATIONS_PER_HOUR"]`);
  await expect(rules.getByText('1 人の担当者による、1 時間に 10 件を超える有効化')).toBeVisible();
  await expect(bursts).toHaveCount(0);

  const limit = rules.getByRole('textbox', { name: '上限（件、これを超えるとアラート）' }).first();
  // Checked at the field by the shared schema before anything is sent, said in the screen's language.
  await limit.fill('0');
  await expect(page.getByTestId('floor-rules-activationsMax-problem')).toHaveText('1〜1000 の整数で入力してください。');
  await expect(limit).toHaveAttribute('aria-invalid', 'true');
  expect(await seriousViolations(page)).toEqual([]);
  await limit.fill('1');
  await expect(page.getByTestId('floor-rules-activationsMax-problem')).toHaveCount(0);
  await rules.getByRole('button', { name: '条件を保存' }).click();

  await expect(page.getByTestId('floor-rules-outcome')).toHaveAttribute('data-outcome', 'saved');
  await expect(page.getByTestId('floor-rules-outcome')).toContainText('保存しました（版 1）');
  // The alerts and the rules under them in one view.
  await page.locator('#floor-alerts-title').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  await expect(rules.getByText('1 人の担当者による、1 時間に 1 件を超える有効化')).toBeVisible();
  await expect(bursts).toHaveCount(1);
  await expect(bursts.first()).toContainText(accounts.agent.agentId);
  await shootBoth(page, 'floor-rules-admin');

  // Another administrator changes the rules meanwhile (through core, as their console would): this
  // form still holds version 1, so its save is refused, said in words, and the rules now in force are loaded.
  const meanwhile = (await callBridge(page, 'floor.saveAlertRules', {
    settings: { ...DEFAULT_FLOOR_ALERT_SETTINGS, activationsPerHour: { enabled: true, max: 5 } },
    version: 1,
  })) as { ok: boolean };
  expect(meanwhile.ok).toBe(true);
  await limit.fill('2');
  await rules.getByRole('button', { name: '条件を保存' }).click();
  await expect(page.getByTestId('floor-rules-outcome')).toHaveAttribute('data-outcome', 'conflict');
  await expect(page.getByTestId('floor-rules-outcome')).toContainText('他の管理者が条件を変更しました（412）');
  await expect(page.getByTestId('floor-rules-version')).toHaveAttribute('data-version', '2');
  await expect(limit).toHaveValue('5');
  await expect(rules.getByText('1 人の担当者による、1 時間に 5 件を超える有効化')).toBeVisible();
  await shootBoth(page, 'floor-rules-conflict');

  // The rules stay as the administrator left them: back to the defaults for the specs after this one.
  await restartTrainingBackend(page.request, { fresh: true });
});

test('a supervisor reads the rules in force in words and gets no form', async ({ signedOut: page }) => {
  await openFloor(page, accounts.supervisor);
  const rules = page.getByTestId('floor-rules');
  await expect(rules.getByRole('heading', { name: 'アラートの条件' })).toBeVisible();
  await expect(rules.getByText('1 人の担当者による、1 時間に 10 件を超える有効化')).toBeVisible();
  await expect(rules.getByText('営業時間（09:00〜18:00、Asia/Tokyo）外の有効化')).toBeVisible();
  await expect(page.getByTestId('floor-rules-form')).toHaveCount(0);
  // The alerts and the rules under them in one view.
  await page.locator('#floor-alerts-title').evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  await expect(rules.getByRole('button', { name: '条件を保存' })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
  await shootBoth(page, 'floor-rules-supervisor');
});
