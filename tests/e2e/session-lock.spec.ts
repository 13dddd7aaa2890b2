import { mkdir } from 'node:fs/promises';
import { accounts, callBridge, expect, openConsole, signInViaBridge, test } from './fixtures';
import { tabStops } from './keyboard';
import { LockScreen } from './pages/lock-screen';
import { SignInPage } from './pages/sign-in-page';

const SCREENSHOTS = 'tests/e2e/screenshots';
const DRAFT = '折り返し希望: 本日 14:00 以降、携帯へ。Apple Pay の端末変更について';

test.beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

test('15 minutes without input lock the screen; the call-notes draft and the focus are there after unlocking', async ({ signedOut: page }) => {
  // The fake clock must be in place before the page's timers are set.
  await page.clock.install();
  await signInViaBridge(page, accounts.agent);
  await openConsole(page);
  const notes = page.getByLabel('通話メモ');
  await notes.fill(DRAFT);
  // Writing notes starts a phone call, and main keeps its notes.
  await expect(page.getByText('自動で保存され', { exact: false })).toBeVisible();

  await page.clock.fastForward('14:50');
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await page.clock.fastForward('00:15');
  const lock = new LockScreen(page);
  await lock.expectShown();
  await expect(lock.dialog).toContainText(accounts.agent.name);
  expect(await callBridge(page, 'session.status', {})).toMatchObject({ data: { state: 'locked' } });
  // The console is still there beneath, but out of reach: inert, hidden from assistive technology, covered.
  const shell = page.locator('.app-shell');
  await expect(shell).toHaveAttribute('inert', '');
  await expect(shell).toHaveAttribute('aria-hidden', 'true');
  await expect(notes).toHaveValue(DRAFT);
  await expect(page.getByRole('textbox', { name: '通話メモ' })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/lock-screen-ja.png` });

  await lock.unlockWith('not-the-password');
  await expect(lock.error).toContainText('エージェントIDまたはパスワードが正しくありません');
  await expect(lock.password).toHaveValue('');
  await expect(lock.password).toBeFocused();

  await lock.unlockWith(accounts.agent.password);
  await expect(lock.dialog).toHaveCount(0);
  await expect(shell).not.toHaveAttribute('inert');
  await expect(notes).toHaveValue(DRAFT);
  await expect(notes).toBeFocused();
  expect(await callBridge(page, 'session.status', {})).toMatchObject({ data: { state: 'signedIn' } });
});

test('input keeps the console unlocked; the lock screen in English', async ({ signedOut: page }) => {
  await page.clock.install();
  await signInViaBridge(page, accounts.agent);
  await callBridge(page, 'settings.set', { language: 'en' });
  await openConsole(page);
  await page.clock.fastForward('10:00');
  await page.getByLabel('Call notes').pressSequentially('still here');
  await page.clock.fastForward('10:00');
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await page.clock.fastForward('05:01');
  const lock = new LockScreen(page);
  await lock.expectShown();
  await expect(lock.dialog).toContainText('The screen is locked');
  await page.screenshot({ path: `${SCREENSHOTS}/lock-screen-en.png` });
});

test('a lock from elsewhere (main, another window) shows at once; the header button locks too', async ({ consolePage: page }) => {
  await callBridge(page, 'session.lock', {});
  const lock = new LockScreen(page);
  await lock.expectShown();
  await lock.unlockWith(accounts.agent.password);
  await expect(lock.dialog).toHaveCount(0);

  await page.getByRole('button', { name: '画面をロック' }).click();
  await lock.expectShown();
  // Tab stays on the lock screen: the console beneath is inert.
  const stops = await tabStops(page, 4);
  for (const stop of stops) expect(stop.visible, `focus on "${stop.name}" must be visible`).toBe(true);
  expect(new Set(stops.map((stop) => stop.name))).toEqual(new Set(['パスワード', 'ロックを解除', 'サインアウト']));
  await lock.unlockWith(accounts.agent.password);
  await expect(page.getByTestId('workspace')).toBeVisible();
});

test('sign-out with a phone call open asks first; discarding it clears the call notes and everything else, and returns to sign-in', async ({ consolePage: page }) => {
  const notes = page.getByLabel('通話メモ');
  await notes.fill(DRAFT);
  await page.getByRole('button', { name: 'サインアウト' }).click();
  await expect(page.getByTestId('sign-out-ask')).toBeVisible();
  await page.getByTestId('sign-out-discard').click();
  const signIn = new SignInPage(page);
  await signIn.expectShown();
  await expect(signIn.agentId).toBeFocused();
  await expect(page.getByTestId('agent-badge')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText(DRAFT);
  expect(await callBridge(page, 'session.status', {})).toMatchObject({ data: { state: 'signedOut', agent: null } });

  await signIn.signInWithTrainingAccount(accounts.agent);
  await expect(page.getByLabel('通話メモ')).toHaveValue('');
});

test('signing out from the lock screen clears the screen; the open phone call’s notes come back at the next sign-in', async ({ consolePage: page }) => {
  await page.getByLabel('通話メモ').fill(DRAFT);
  await expect(page.getByTestId('call-notes-save')).toHaveAttribute('data-save', 'saved', { timeout: 10_000 });
  await page.getByRole('button', { name: '画面をロック' }).click();
  const lock = new LockScreen(page);
  await lock.expectShown();
  await lock.signOut.click();
  const signIn = new SignInPage(page);
  await signIn.expectShown();
  await expect(page.locator('body')).not.toContainText(DRAFT);

  await signIn.signInWithTrainingAccount(accounts.agent);
  await expect(page.getByLabel('通話メモ')).toHaveValue(DRAFT);
});
