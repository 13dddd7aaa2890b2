import { accounts, bridge, callBridge, expect, signInAt, test } from './fixtures';
import { LookupPage } from './pages/lookup-page';
import { PhoneCallPage } from './pages/phone-call-page';
import { startConnectedDesk, type ConnectedDesk } from '../support/connected-desk';
import type { Page } from '@playwright/test';
import { testPan } from '../unit/electron/helpers/card-numbers';

/** Built at run time: the tree holds no Luhn-valid card number. */
const PAN = testPan();

/**
 * The phone call as the unit of work, in the browser against the dev bridge: a screen pop starts
 * one and opens the caller; the next one shows nothing of the previous caller; a wrap-up is saved
 * and still there after a reload; the notes draft survives main being killed; a card number in the
 * notes is refused at the field. Screenshots of the bar, the wrap-up and the service notes in both
 * languages at the two screen sizes the call center has.
 */

/** 伊藤 誠: one match by id, with service notes in the seed. */
const ito = { cardholderId: 'C0000005', name: '伊藤 誠' } as const;
/** 渡辺 翔: the next caller, without service notes. */
const watanabe = { cardholderId: 'C0000008', name: '渡辺 翔' } as const;

const SCREENSHOTS = 'tests/e2e/screenshots';
const SIZES = [
  { width: 1366, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** The screen as it is, in Japanese and English, at both sizes; back to Japanese at 1366×800. */
const shootAll = async (page: Page, name: string, origin = ''): Promise<void> => {
  for (const language of ['ja', 'en'] as const) {
    await callBridge(page, 'settings.set', { language }, origin);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: `${SCREENSHOTS}/phone-calls-${name}-${language}-${size.width}.png` });
    }
  }
  await callBridge(page, 'settings.set', { language: 'ja' }, origin);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await page.setViewportSize(SIZES[0]);
};

test('a screen pop starts a phone call and opens the cardholder it names; the service notes open from the badge', async ({ consolePage: page }) => {
  // Sixteen screenshots at two window sizes.
  test.setTimeout(120_000);
  const phoneCall = new PhoneCallPage(page);
  const lookup = new LookupPage(page);
  await expect(phoneCall.bar).toHaveAttribute('data-open', 'false');

  // Hostile links are refused whole and start nothing.
  expect(await phoneCall.screenPop(`token-desk://call?customerId=${ito.cardholderId}&note=${PAN}`)).toMatchObject({ ok: true, accepted: false, reason: 'CARD_NUMBER' });
  expect(await phoneCall.screenPop(`token-desk://call?customerId=${ito.cardholderId}&action=suspend`)).toMatchObject({ ok: true, accepted: false, reason: 'UNKNOWN_PARAMETER' });
  await expect(phoneCall.bar).toHaveAttribute('data-open', 'false');

  expect(await phoneCall.screenPop(`token-desk://call?ani=+819012345678&customerId=${ito.cardholderId}&callId=PBX-2026-000123`)).toMatchObject({
    ok: true,
    accepted: true,
    started: true,
  });
  await expect(phoneCall.bar).toHaveAttribute('data-open', 'true');
  await expect(page.getByTestId('cardholder-id').filter({ hasText: new RegExp(`^${ito.cardholderId}$`) })).toBeVisible();
  await lookup.expectTokensLoaded();
  await expect(phoneCall.cardholder).toContainText(ito.name);
  // The caller's number, masked but for its last digits: enough to confirm, not to copy.
  await expect(phoneCall.callerNumber).toContainText('5678');
  await expect(phoneCall.callerNumber).not.toContainText('9012345678');
  await shootAll(page, 'bar');

  await phoneCall.serviceNotesBadge.click();
  await expect(phoneCall.serviceNotes).toBeVisible();
  const notes = phoneCall.serviceNotes.getByTestId('service-note-list').locator('li');
  await expect(notes.first()).toBeVisible();
  // Each note says who wrote it and when.
  await expect(notes.first().locator('.service-note-by')).not.toBeEmpty();
  await expect(notes.first().locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
  await shootAll(page, 'service-notes');
  await phoneCall.serviceNotes.getByTestId('action-submit').click();
  await expect(phoneCall.serviceNotes).toHaveCount(0);
});

test('the next phone call shows nothing of the previous caller', async ({ consolePage: page }) => {
  const phoneCall = new PhoneCallPage(page);
  const lookup = new LookupPage(page);
  // From the keyboard, wherever it is (the search field has it after sign-in).
  await page.keyboard.press('Control+Shift+N');
  const first = await phoneCall.openId();
  await expect(lookup.field).toBeFocused();
  // Started by hand: no caller number to show (not "withheld", which is the phone system's word).
  await expect(phoneCall.callerNumber).toHaveCount(0);
  await lookup.open(ito.cardholderId, ito.cardholderId);
  await phoneCall.writeNotes('ご本人確認済み。端末の機種変更の相談。');
  await expect(phoneCall.cardholder).toContainText(ito.name);

  // The next call asks for this one's wrap-up first (from the notes, by key).
  await phoneCall.notes.focus();
  await page.keyboard.press('Control+Shift+N');
  await expect(phoneCall.wrapUp).toBeVisible();
  await expect(phoneCall.wrapUp.getByTestId('wrap-up-cardholder')).toContainText(ito.cardholderId);
  await expect(phoneCall.wrapUp.locator('#wrap-up-notes')).toHaveValue('ご本人確認済み。端末の機種変更の相談。');
  await phoneCall.outcome(/^対応なし/).check();
  await phoneCall.save.click();
  await expect(phoneCall.wrapUp).toHaveCount(0);

  const second = await phoneCall.openId();
  expect(second).not.toBe(first);
  await expect(lookup.cardholder).toHaveCount(0);
  await expect(lookup.field).toHaveValue('');
  await expect(phoneCall.notes).toHaveValue('');
  await expect(phoneCall.cardholder).not.toContainText(ito.name);
  await expect(page.getByText(ito.name)).toHaveCount(0);

  await lookup.open(watanabe.cardholderId, watanabe.cardholderId);
  await expect(phoneCall.cardholder).toContainText(watanabe.name);
  await expect(page.getByText(ito.name)).toHaveCount(0);

  // Search results take the open cardholder's place: no list of other people sits over 渡辺 翔's tokens…
  await lookup.search('佐藤');
  await expect(lookup.options.first()).toBeVisible();
  await expect(lookup.cardholder).toHaveCount(0);
  // …and a search that matches nothing shows nothing of anyone.
  await lookup.search('該当者なし太郎');
  await expect(lookup.noResults).toBeVisible();
  await expect(lookup.cardholder).toHaveCount(0);
});

test('a wrap-up is saved, reaches the backend and is there after a reload; a card number in the notes is refused at the field', async ({ consolePage: page }) => {
  test.setTimeout(120_000);
  const phoneCall = new PhoneCallPage(page);
  const lookup = new LookupPage(page);
  await phoneCall.start.click();
  const phoneCallId = await phoneCall.openId();
  await lookup.open(watanabe.cardholderId, watanabe.cardholderId);
  await phoneCall.writeNotes('紛失の申告');

  // Typed or pasted, a card number never gets into the notes: the field says where, the notes stay.
  await phoneCall.notes.fill('紛失の申告 4111 1111 1111 1111');
  await expect(phoneCall.notes).toHaveAttribute('aria-invalid', 'true');
  await expect(phoneCall.notesProblem).not.toBeEmpty();
  await expect(phoneCall.notes).toHaveValue('紛失の申告');
  await phoneCall.writeNotes('紛失の申告。カード番号は伺っていない。');
  await expect(phoneCall.notes).toHaveAttribute('aria-invalid', 'false');
  await expect(phoneCall.notesProblem).toBeEmpty();

  // Ended from the notes, by key.
  await phoneCall.notes.focus();
  await page.keyboard.press('Control+Shift+E');
  await expect(phoneCall.wrapUp).toBeVisible();
  // Saving without an outcome asks for one.
  await phoneCall.save.click();
  await expect(phoneCall.outcomes).toHaveAttribute('aria-invalid', 'true');
  await phoneCall.outcome(/^端末紛失のため一時停止$/).check();
  await shootAll(page, 'wrap-up');
  await phoneCall.save.click();
  await expect(phoneCall.wrapUp).toHaveCount(0);
  await expect(phoneCall.bar).toHaveAttribute('data-open', 'false');
  await expect(phoneCall.last).toHaveAttribute('data-phone-call-id', phoneCallId);
  await expect(phoneCall.last).toHaveAttribute('data-delivery', 'STORED', { timeout: 15_000 });

  await page.reload();
  await expect(page.locator('[data-app-ready="true"]')).toHaveCount(1);
  await expect(phoneCall.bar).toHaveAttribute('data-open', 'false');
  await expect(phoneCall.last).toHaveAttribute('data-phone-call-id', phoneCallId);
  await expect(phoneCall.last).toHaveAttribute('data-delivery', 'STORED');
  await expect(phoneCall.last).toContainText(watanabe.cardholderId);
  await shootAll(page, 'bar-between-calls');
});

test.describe('main killed mid-call', () => {
  let desk: ConnectedDesk | null = null;
  test.afterEach(async () => {
    await desk?.close();
    desk = null;
  });

  test('the notes draft comes back after the bridge is killed and started again; its wrap-up reaches the backend once', async ({ page }) => {
    test.setTimeout(120_000);
    // The same access token as the shared bridge, so the fixtures' calls reach this one too.
    desk = await startConnectedDesk({ token: bridge.token });
    const signIn = (): Promise<void> => signInAt(page, desk?.bridge.sessionUrl ?? '', accounts.agent);
    await signIn();
    const phoneCall = new PhoneCallPage(page);
    const lookup = new LookupPage(page);
    await phoneCall.start.click();
    const phoneCallId = await phoneCall.openId();
    await lookup.open(ito.cardholderId, ito.cardholderId);
    await expect(phoneCall.cardholder).toContainText(ito.name);
    await phoneCall.writeNotes('折り返し希望。夕方以降に連絡。');

    await desk.killBridge();
    await desk.startBridge();
    await signIn();

    // The same phone call, its notes and its caller, as main kept them.
    expect(await phoneCall.openId()).toBe(phoneCallId);
    await expect(phoneCall.notes).toHaveValue('折り返し希望。夕方以降に連絡。');
    await expect(page.getByTestId('cardholder-id').filter({ hasText: new RegExp(`^${ito.cardholderId}$`) })).toBeVisible();

    await phoneCall.wrapUpWith(/^対応なし/);
    await expect(phoneCall.last).toHaveAttribute('data-delivery', 'STORED', { timeout: 15_000 });

    const supervisor = await desk.backend.signIn({ agentId: accounts.supervisor.agentId, password: accounts.supervisor.password });
    const listed = await desk.backend.asAgent(supervisor, 'GET', `/api/v1/calls?cardholderId=${ito.cardholderId}`);
    expect(listed.status).toBe(200);
    const items = (listed.json as { items: { phoneCallId: string; notes: string; outcomeCode: string | null; agent: { agentId: string } }[] }).items;
    expect(items.filter((item) => item.phoneCallId === phoneCallId)).toEqual([
      expect.objectContaining({ phoneCallId, notes: '折り返し希望。夕方以降に連絡。', outcomeCode: 'NO_ACTION', agent: expect.objectContaining({ agentId: accounts.agent.agentId }) }),
    ]);
  });
});
