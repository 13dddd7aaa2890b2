import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { NotificationTemplates } from '../../shared/api/notifications';
import { accounts, callBridge, expect, openConsole, signInViaBridge, test } from './fixtures';

const SCREENSHOTS = 'tests/e2e/screenshots';

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; fields?: string[] } };

const savedBody = async (page: Page, key: { event: string; channel: string; language: string }): Promise<string | undefined> => {
  const answer = (await callBridge(page, 'notifications.templates', {})) as Answer<NotificationTemplates>;
  if (!answer.ok) throw new Error(`templates: ${answer.error.code}`);
  return answer.data.templates.find((template) => template.event === key.event && template.channel === key.channel && template.language === key.language)?.body;
};

const openEditorAsAdmin = async (page: Page): Promise<void> => {
  await signInViaBridge(page, accounts.admin);
  await openConsole(page);
  await page.getByTestId('open-template-editor').click();
  await expect(page.getByTestId('template-editor')).toBeVisible();
  await expect(page.getByTestId('template-preview')).toBeVisible();
};

const pick = async (page: Page, event: string, channel: RegExp, language: RegExp): Promise<void> => {
  await page.getByTestId('template-event').selectOption(event);
  await page.getByRole('radio', { name: channel }).check();
  await page.getByRole('radio', { name: language }).check();
};

test('an agent has no template editor; an administrator does', async ({ signedOut: page }) => {
  await signInViaBridge(page, accounts.agent);
  await openConsole(page);
  await expect(page.getByTestId('workspace')).toBeVisible();
  await expect(page.getByTestId('open-template-editor')).toHaveCount(0);
  // And core refuses an agent's save whatever the screen offers.
  const refused = (await callBridge(page, 'notifications.saveTemplate', {
    key: { event: 'TOKEN_DELETED', channel: 'SMS', language: 'ja' },
    content: { subject: null, body: '削除しました。{{customerServiceNumber}}' },
  })) as Answer<unknown>;
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
});

test('the editor marks problems where they are, refuses to save an invalid template without losing it, and saves a fixed one', async ({ signedOut: page }) => {
  const key = { event: 'TOKEN_DELETED', channel: 'SMS', language: 'en' };
  const original = await (async () => {
    await signInViaBridge(page, accounts.admin);
    return savedBody(page, key);
  })();
  expect(original).toBeDefined();
  await openEditorAsAdmin(page);
  await pick(page, 'TOKEN_DELETED', /^SMS/, /^英語/);
  const body = page.getByTestId('template-body');
  await expect(body).toHaveValue(original ?? '');

  const card = ['4111', '1111', '1111', '1111'].join(' ');
  const invalid = `Card {{fpanLastDigits}} removed from {{wallet}}.\nReason {{reason}}. Ref ${card}. Call {{customerServiceNumber}}.`;
  await body.fill(invalid);
  const problems = page.getByTestId('template-body-problems');
  await expect(problems.locator('[data-code="OPTIONAL_OUTSIDE_SENTENCE"]')).toContainText('本文 2行目 8文字目');
  await expect(problems.locator('[data-code="CARD_NUMBER"]')).toContainText('カード番号のように見える13桁以上の数字があります');
  await expect(page.getByTestId('template-problems-summary')).toHaveText('問題 2件');
  await expect(page.locator('.template-mark')).toHaveCount(2);
  await expect(page.getByTestId('template-preview-en-full')).toHaveAttribute('data-refused', 'true');

  // The problem's place selects the text at fault.
  await problems.locator('[data-code="OPTIONAL_OUTSIDE_SENTENCE"] button').click();
  expect(await body.evaluate((field: HTMLTextAreaElement) => field.value.slice(field.selectionStart, field.selectionEnd))).toBe('{{reason}}');

  await page.screenshot({ path: `${SCREENSHOTS}/template-editor-invalid-ja.png`, fullPage: true });
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-save-outcome')).toHaveAttribute('data-state', 'invalid');
  await expect(page.getByTestId('template-save-outcome')).toContainText('保存しませんでした');
  await expect(body).toHaveValue(invalid);
  expect(await savedBody(page, key)).toBe(original);

  // Switching to another template and back loses nothing.
  await page.getByRole('radio', { name: /^日本語/ }).check();
  await expect(body).not.toHaveValue(invalid);
  await page.getByRole('radio', { name: /^英語/ }).check();
  await expect(body).toHaveValue(invalid);

  const fixed = 'Card {{fpanLastDigits}} removed from {{wallet}}. {{ Reason: {{reason}}. }} Call {{customerServiceNumber}}.';
  await body.fill(fixed);
  await expect(page.getByTestId('template-problems-summary')).toHaveText('問題はありません。このまま保存できます。');
  await expect(page.getByTestId('template-preview-en-full')).toHaveText('Card 4821 removed from Apple Pay. Reason: requested by you. Call 0120-000-123.');
  await expect(page.getByTestId('template-preview-en-bare')).toHaveText('Card 4821 removed from Apple Pay. Call 0120-000-123.');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-save-outcome')).toHaveAttribute('data-state', 'saved');
  expect(await savedBody(page, key)).toBe(fixed);
  await expect(page.locator('.template-status')).toContainText('admin.tanaka');

  // Put the training default back for whoever comes next.
  await body.fill(original ?? '');
  await page.getByTestId('template-save').click();
  await expect(page.getByTestId('template-save-outcome')).toHaveAttribute('data-state', 'saved');
  expect(await savedBody(page, key)).toBe(original);
});

test('a template refused in core over real HTTP names each problem and its place, never the text', async ({ signedOut: page }) => {
  await signInViaBridge(page, accounts.admin);
  const card = ['5555', '4444', '3333', '1111'].join('-');
  const answer = (await callBridge(page, 'notifications.saveTemplate', {
    key: { event: 'STEP_UP_REMINDER', channel: 'EMAIL', language: 'ja' },
    content: { subject: '件名\n二行目', body: `{{wallet}} ${card}` },
  })) as Answer<unknown>;
  expect(answer).toMatchObject({ ok: false, error: { code: 'TEMPLATE_INVALID' } });
  if (answer.ok) return;
  expect(answer.error.fields).toEqual(['subject:SUBJECT_MULTILINE:2-3', 'body:CARD_NUMBER:11-30', 'body:CUSTOMER_SERVICE_NUMBER_MISSING']);
  expect(JSON.stringify(answer)).not.toContain('5555');
});

test('the editor, looked at in Japanese and English: a validation error and the live preview', async ({ signedOut: page }) => {
  // Tall enough for the whole editor in one picture.
  await page.setViewportSize({ width: 1366, height: 1040 });
  await openEditorAsAdmin(page);
  await pick(page, 'TOKEN_DELETED', /^メール/, /^日本語/);
  await page.getByTestId('template-body').fill('末尾{{fpanLastDigits}}のカードを{{wallet}}から削除しました。{{deviceName}}\n{{ 削除の理由は{{reason}}です。 }}詳細は{{customerServiceNumber}}へ。');
  await expect(page.getByTestId('template-problems-summary')).toHaveText('問題 1件');
  const axe = await new AxeBuilder({ page }).include('[data-testid="template-editor"]').analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOTS}/template-editor-ja.png`, fullPage: true });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('template-problems-summary')).toHaveText('1 problem(s)');
  await expect(page.getByTestId('template-body-problems')).toContainText('Body, line 1, character 45');
  await page.screenshot({ path: `${SCREENSHOTS}/template-editor-en.png`, fullPage: true });
  // Nothing was saved: the draft is the agent's to keep or undo.
  await page.getByRole('button', { name: 'Undo changes' }).click();
  await expect(page.getByTestId('template-problems-summary')).toHaveText('No problems: this template can be saved.');
});
