import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openConsole, test } from './fixtures';
import { LookupPage } from './pages/lookup-page';

/** The serious and critical findings, in a form that reads well in a failure message. */
const seriousViolations = async (page: Page) => {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')) }));
};

test('sign-in screen: no serious or critical axe violations', async ({ signedOut: page }) => {
  await openConsole(page);
  await expect(page.getByTestId('sign-in-screen')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('empty workspace: no serious or critical axe violations', async ({ consolePage: page }) => {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('カード会員が選択されていません');
  expect(await seriousViolations(page)).toEqual([]);
});

test('search results and refusal: no serious or critical axe violations', async ({ consolePage: page }) => {
  const lookup = new LookupPage(page);
  await lookup.search('a');
  await expect(lookup.options.first()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await lookup.field.fill('4000 0012 3456 7899');
  await expect(lookup.refusal).not.toBeEmpty();
  expect(await seriousViolations(page)).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`cardholder with tokens and the history panel (${scheme}): no serious or critical axe violations`, async ({ consolePage: page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const lookup = new LookupPage(page);
    await lookup.open('C0000007', 'C0000007');
    await lookup.filters.getByLabel('削除済みも表示').check();
    expect(await seriousViolations(page)).toEqual([]);
    await lookup.rows('CR000007CLSC').first().click();
    await expect(lookup.historyPanel.getByTestId('token-history')).toBeVisible();
    await expect(lookup.historyPanel.getByRole('grid').or(lookup.historyPanel.getByRole('list')).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('English cardholder view with a 200-token cardholder: no serious or critical axe violations', async ({ consolePage: page }) => {
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const lookup = new LookupPage(page);
  await lookup.open('C0000003', 'C0000003');
  expect(await seriousViolations(page)).toEqual([]);
});
