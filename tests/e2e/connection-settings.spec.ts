import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { spawnTsx, stop } from '../support/connected-desk';
import { accounts, bridge, callBridge, expect, openConsole, signInViaBridge, test } from './fixtures';
import { tabStops } from './keyboard';
import { ConnectionSettingsPage } from './pages/connection-settings-page';
import { SignInPage } from './pages/sign-in-page';

const SCREENSHOTS = 'tests/e2e/screenshots';

test.beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

test('before sign-in, connection settings open from the sign-in screen; a locked field is read-only; Escape closes', async ({ signedOut: page }) => {
  await openConsole(page);
  const signIn = new SignInPage(page);
  await signIn.connectionSettings.click();
  const settings = new ConnectionSettingsPage(page);
  await settings.expectShown();
  // The machine-wide file of this run (playwright.config.ts) locks the idle time.
  await expect(settings.idleLockMinutes).toHaveValue('15');
  await expect(settings.idleLockMinutes).not.toBeEditable();
  await expect(settings.idleLockMinutes).toHaveAccessibleDescription(/管理者が設定/);
  await expect(settings.screen.getByText('管理者が設定')).toBeVisible();
  await expect(settings.screen).toContainText('machine-config.json');
  const stops = await tabStops(page, 8);
  for (const stop of stops) expect(stop.visible, `focus on "${stop.name}" must be visible`).toBe(true);
  expect(stops.map((stop) => stop.name)).toEqual(expect.arrayContaining(['閉じる', '保存', '鍵を生成', '自動ロックまでの時間（分）']));

  await page.keyboard.press('Escape');
  await signIn.expectShown();
  await expect(signIn.connectionSettings).toBeFocused();
});

test('an administrator opens them from the header; other roles do not see them', async ({ signedOut: page }) => {
  await signInViaBridge(page, accounts.supervisor);
  await openConsole(page);
  await expect(page.getByRole('banner').getByRole('button', { name: '接続設定' })).toHaveCount(0);
  await callBridge(page, 'session.signOut', {});
  await new SignInPage(page).expectShown();

  await signInViaBridge(page, accounts.admin);
  await page.reload();
  await expect(page.getByTestId('agent-badge')).toContainText('管理者');
  await page.getByLabel('通話メモ').fill('settings must not lose this');
  await page.getByRole('banner').getByRole('button', { name: '接続設定' }).click();
  const settings = new ConnectionSettingsPage(page);
  await settings.expectShown();
  await settings.close.click();
  await expect(page.getByLabel('通話メモ')).toHaveValue('settings must not lose this');
});

test('a setting the backend refuses is named: the field is highlighted and nothing is saved', async ({ signedOut: page }) => {
  await signInViaBridge(page, accounts.admin);
  await openConsole(page);
  await page.getByRole('banner').getByRole('button', { name: '接続設定' }).click();
  const settings = new ConnectionSettingsPage(page);
  await settings.expectShown();
  await settings.connectedMode.check();
  await settings.baseUrl.fill('https://tokens.example.co.jp');
  await settings.issuerId.fill('ABC');
  await settings.clientId.fill('desk-01');
  await settings.keyId.fill('desk-01-2026');
  await settings.save.click();
  await expect(settings.configError).toContainText('設定値に誤りがあります');
  await expect(settings.issuerId).toHaveAttribute('aria-invalid', 'true');
  await expect(settings.issuerId).toBeFocused();
  await expect(settings.issuerId).toHaveAccessibleDescription(/この項目を確認してください/);
  await expect(settings.baseUrl).toHaveAttribute('aria-invalid', 'false');
  // The main area scrolls inside the window: a tall window shows the whole screen in one picture.
  await page.setViewportSize({ width: 1366, height: 1500 });
  await page.screenshot({ path: `${SCREENSHOTS}/connection-settings-invalid-ja.png` });
  expect(await callBridge(page, 'config.get', {})).toMatchObject({ ok: true, data: { backend: null } });
});

test('generating a key pair shows the public key as JWK and PEM, and no private material anywhere', async ({ signedOut: page }) => {
  await openConsole(page);
  await new SignInPage(page).connectionSettings.click();
  const settings = new ConnectionSettingsPage(page);
  await settings.expectShown();
  await expect(settings.key.getByTestId('key-status')).toBeVisible();
  await settings.generate();
  const jwk = settings.publicKey.getByLabel('公開鍵（JWK）');
  const pem = settings.publicKey.getByLabel('公開鍵（PEM）');
  const jwkText = await jwk.inputValue();
  expect(JSON.parse(jwkText)).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
  expect(JSON.parse(jwkText)).not.toHaveProperty('d');
  await expect(pem).toHaveValue(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n?$/);
  await expect(jwk).not.toBeEditable();
  await expect(pem).not.toBeEditable();
  await expect(settings.key.getByTestId('key-status')).toContainText('設定済み');
  const everything = async () => (await page.content()) + (await page.locator('textarea').evaluateAll((areas) => areas.map((a) => (a as HTMLTextAreaElement).value).join('\n')));
  expect(await everything()).not.toContain('PRIVATE');
  expect(await everything()).not.toMatch(/"d"\s*:/);
  await page.setViewportSize({ width: 1366, height: 1500 });
  await page.screenshot({ path: `${SCREENSHOTS}/connection-settings-key-ja.png` });

  await page.getByRole('button', { name: 'English' }).click();
  await expect(settings.heading).toHaveText('Connection settings');
  await page.screenshot({ path: `${SCREENSHOTS}/connection-settings-key-en.png` });

  // Training sign-in still works with the new workstation key in place.
  await settings.close.click();
  await new SignInPage(page).signIn(accounts.agent.agentId, accounts.agent.password);
  await expect(page.getByTestId('workspace')).toBeVisible();
});

/** The workstation holds a key from here on (the test above): its setup is an administrator's, from the header. */
const asAdmin = async (page: Page): Promise<void> => {
  await signInViaBridge(page, accounts.admin);
  await openConsole(page);
  await page.getByRole('banner').getByRole('button', { name: '接続設定' }).click();
};

test('once the workstation holds a key, the sign-in screen shows its setup but offers no change: an administrator must sign in', async ({ signedOut: page }) => {
  // This run's machine file sets no enrolment code: none is asked for.
  expect(await callBridge(page, 'credentials.status', {})).toMatchObject({ ok: true, data: { configured: true, enrolmentCodeRequired: false } });
  await openConsole(page);
  await new SignInPage(page).connectionSettings.click();
  const settings = new ConnectionSettingsPage(page);
  await settings.expectShown();
  await expect(settings.key.getByTestId('key-status')).toContainText('設定済み');
  await expect(settings.key.getByTestId('key-admin-required')).toHaveText('この設定を変更するには、管理者がサインインしてください。');
  await expect(settings.screen.getByTestId('connection-admin-required')).toBeVisible();
  await expect(settings.generateKey).toBeHidden();
  await expect(settings.importKey).toHaveCount(0);
  await expect(settings.save).toBeDisabled();
  await expect(settings.connectedMode).toBeDisabled();
  // Core refuses whatever the screen shows.
  expect(await callBridge(page, 'credentials.generateKey', {})).toMatchObject({ ok: false, error: { code: 'ADMIN_REQUIRED' } });
  expect(await callBridge(page, 'config.set', { idleLockMinutes: 10 })).toMatchObject({ ok: false, error: { code: 'ADMIN_REQUIRED' } });
  await page.setViewportSize({ width: 1366, height: 1500 });
  await page.screenshot({ path: `${SCREENSHOTS}/connection-settings-admin-required-ja.png` });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(settings.key.getByTestId('key-admin-required')).toHaveText('An administrator must sign in to change this.');
  await page.screenshot({ path: `${SCREENSHOTS}/connection-settings-admin-required-en.png` });
  await page.getByRole('button', { name: '日本語' }).click();
});

test('importing a bad PEM says KEY_INVALID and clears what was pasted', async ({ signedOut: page }) => {
  await asAdmin(page);
  const settings = new ConnectionSettingsPage(page);
  await settings.expectShown();
  const bad = ['-----BEGIN EC KEY-----', 'bm90IGEga2V5IGF0IGFsbCwganVzdCBzb21lIGJ5dGVzIHBhc3RlZCBieSBtaXN0YWtl', '-----END EC KEY-----'].join('\n');
  await settings.importPem.fill(bad);
  await settings.importKey.click();
  await expect(settings.importError).toContainText('この鍵は使えません');
  await expect(settings.importError).toHaveAttribute('data-error-code', 'KEY_INVALID');
  await expect(settings.importPem).toHaveValue('');
  expect(await page.content()).not.toContain('bm90IGEga2V5');
});

test('saving another backend says a restart is needed; going back to training does not', async ({ signedOut: page }) => {
  await asAdmin(page);
  const settings = new ConnectionSettingsPage(page);
  await settings.expectShown();
  await settings.connectedMode.check();
  await settings.baseUrl.fill('https://tokens.example.co.jp/');
  await settings.issuerId.fill('ISSUER0001');
  await settings.clientId.fill('desk-01');
  await settings.keyId.fill('desk-01-2026');
  await settings.save.click();
  const saved = page.getByTestId('config-saved');
  await expect(saved).toContainText('設定を保存しました');
  await expect(saved).toContainText('再起動してください');
  // Main's canonical form replaces what was typed.
  await expect(settings.baseUrl).toHaveValue('https://tokens.example.co.jp');
  expect(await callBridge(page, 'config.get', {})).toMatchObject({ data: { mode: 'training', restartRequired: true } });

  await settings.screen.getByRole('radio', { name: /トレーニング/ }).check();
  await settings.save.click();
  await expect(saved).toContainText('設定を保存しました');
  await expect(saved).not.toContainText('再起動');
  expect(await callBridge(page, 'config.get', {})).toMatchObject({ data: { backend: null, restartRequired: false } });
});

test('with an enrolment code in the machine file, settings before the first key need it: refused without it or with a wrong one, then code, settings and key made together', async ({ page }) => {
  test.setTimeout(120_000);
  const CODE = 'K7PQ-2M9X-WT4D';
  // A seat of its own (a bridge and profile beside this run's), whose installer set an enrolment code; its port follows this run's two.
  const root = await mkdtemp(join(tmpdir(), 'td-enrolment-e2e-'));
  const machineFile = join(root, 'machine-config.json');
  await writeFile(machineFile, JSON.stringify({ enrolmentCodeSha256: createHash('sha256').update(CODE, 'utf8').digest('hex') }));
  const port = String(Number(process.env.TD_BRIDGE_PORT ?? '47813') + 2);
  const seat = await spawnTsx(
    'electron/dev-bridge/cli.ts',
    ['--port', port, '--user-data', join(root, 'profile'), '--machine-config', machineFile, '--renderer-dir', 'dist/renderer'],
    { ...process.env, TD_BRIDGE_TOKEN: bridge.token },
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    60_000,
  );
  try {
    const origin = seat.match[1] ?? '';
    expect(await callBridge(page, 'credentials.status', {}, origin)).toMatchObject({ ok: true, data: { configured: false, enrolmentCodeRequired: true } });
    await page.goto(`${origin}/__bridge/session?token=${bridge.token}`);
    await expect(page.locator('[data-app-ready="true"]')).toHaveCount(1);
    await new SignInPage(page).connectionSettings.click();
    const settings = new ConnectionSettingsPage(page);
    await settings.expectShown();
    const allowlist = settings.screen.getByLabel(/^(リンクを開いてよいホスト|Hosts whose links may open)/);
    const code = settings.screen.getByTestId('connection-enrolment-code-field').getByRole('textbox');
    const codeError = page.getByTestId('connection-enrolment-code-error');
    await expect(code).toBeVisible();

    // No code: refused at the code field, nothing saved.
    await allowlist.fill('help.example.co.jp');
    await settings.save.click();
    await expect(codeError).toContainText('ワンタイム登録コードを入力してください');
    await expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(await callBridge(page, 'config.get', {}, origin)).toMatchObject({ ok: true, data: { externalLinkAllowlist: [] } });

    // A wrong code: refused, said so, and the field is emptied once sent.
    await code.fill('WRONG-CODE');
    await settings.save.click();
    await expect(codeError).toContainText('登録コードが正しくありません');
    await expect(code).toHaveValue('');
    expect(await callBridge(page, 'config.get', {}, origin)).toMatchObject({ ok: true, data: { externalLinkAllowlist: [] } });
    await page.setViewportSize({ width: 1366, height: 1500 });
    await page.screenshot({ path: `${SCREENSHOTS}/connection-settings-enrolment-code-ja.png` });

    // The right code: saved; the enrolment is open, so neither the form nor the key asks again, and the key spends the code.
    await code.fill(CODE);
    await settings.save.click();
    await expect(page.getByTestId('config-saved')).toBeVisible();
    expect(await callBridge(page, 'config.get', {}, origin)).toMatchObject({ ok: true, data: { externalLinkAllowlist: ['help.example.co.jp'] } });
    await expect(settings.screen.getByTestId('connection-enrolment-code-field')).toHaveCount(0);
    await expect(settings.key.getByTestId('enrolment-code-field')).toHaveCount(0);
    await settings.generate();
    await expect(settings.key.getByTestId('key-status')).toContainText('設定済み');

    // Enrolled: signed out, the settings are an administrator's, code or not.
    await expect(settings.screen.getByTestId('connection-admin-required')).toBeVisible();
    expect(await callBridge(page, 'config.set', { idleLockMinutes: 10, enrolmentCode: CODE }, origin)).toMatchObject({ ok: false, error: { code: 'ADMIN_REQUIRED' } });
  } finally {
    await stop(seat);
    await rm(root, { recursive: true, force: true });
  }
});
