import type { Locator, Page } from '@playwright/test';
import { grouped, testPan } from '../unit/electron/helpers/card-numbers';
import { expect, test } from './fixtures';
import { actionsBackend, findActiveTokens } from './pages/actions-backend';
import { ActionsPage } from './pages/actions-page';
import { longestDigitRun } from '../support/digit-runs';

/**
 * A card number typed into free text is refused where it is typed: the field says why and where,
 * and nothing carrying it leaves the page. Card numbers are built at run time.
 */
const pan = testPan();

/** Every console call the page makes, with its body as sent. */
const recordCalls = (page: Page): { name: string; body: string }[] => {
  const sent: { name: string; body: string }[] = [];
  page.on('request', (request) => {
    const match = /\/rpc\/([\w.]+)$/.exec(new URL(request.url()).pathname);
    if (match?.[1]) sent.push({ name: match[1], body: request.postData() ?? '' });
  });
  return sent;
};

/** The problem text a field points at through aria-describedby. */
const problemOf = async (page: Page, field: Locator): Promise<Locator> => {
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter((id) => id.endsWith('-problem'));
  expect(ids).toHaveLength(1);
  return page.locator(`[id="${ids[0]}"]`);
};

test('a card number in a suspend comment and in the call notes is refused at the field, and nothing carrying it is sent', async ({ consolePage: page, request }) => {
  const sent = recordCalls(page);
  const backend = await actionsBackend(request);
  const actions = new ActionsPage(page);
  const [token] = await findActiveTokens(page, 1, 44);
  if (!token) throw new Error('no token');
  const historyBefore = (await backend.events(token.virtualCardId)).length;
  await actions.openToken(token.cardholderId, token.virtualCardId);

  // The comment: said at the field while it is typed, with where the number stands.
  await actions.openDialog('suspend');
  await actions.reason.selectOption('OTHER');
  await actions.comment.pressSequentially(`お客様のカード番号 ${grouped(pan, ' ')}`);
  const commentProblem = await problemOf(page, actions.comment);
  await expect(commentProblem).toHaveText('カード番号のような数字の並びは入力できません（11〜29文字目）。その部分を消してください。');
  await expect(actions.comment).toHaveAttribute('aria-invalid', 'true');
  await actions.submit.click();
  await expect(commentProblem).toContainText('カード番号のような数字の並びは入力できません');
  await expect(actions.progress).toHaveCount(0);
  // Other ways of writing it are said the same way.
  for (const written of [grouped(pan, '.'), pan.replace(/[0-9]/g, (digit) => String.fromCodePoint(0xff10 + Number(digit)))]) {
    await actions.comment.fill(`番号 ${written}`);
    await expect(commentProblem).toHaveText(/^カード番号のような数字の並びは入力できません（4〜\d+文字目）/);
    await actions.submit.click();
    await expect(actions.progress).toHaveCount(0);
  }
  // Taking it out takes the message away.
  await actions.comment.fill('ご家族からの申し出');
  await expect(commentProblem).toHaveText('');
  await expect(actions.comment).toHaveAttribute('aria-invalid', 'false');
  await actions.close();

  // The call notes: a change that would hold one is refused whole, and the field says why.
  const notes = page.getByLabel('通話メモ');
  await notes.fill('折り返し希望');
  await notes.pressSequentially(` ${grouped(pan, '-')}`);
  const notesProblem = await problemOf(page, notes);
  await expect(notesProblem).toHaveText(/^カード番号のような数字の並びは入力できません（8〜\d+文字目）/);
  await expect(notes).toHaveAttribute('aria-invalid', 'true');
  expect(longestDigitRun(await notes.inputValue())).toBeLessThan(13);
  await notes.fill(`折り返し希望 ${pan}`);
  await expect(notes).toHaveValue(/^折り返し希望 [\d-]*$/);
  expect(longestDigitRun(await notes.inputValue())).toBeLessThan(13);
  await notes.fill('折り返し希望 明日10:30');
  await expect(notesProblem).toHaveText('');

  expect(sent.filter((call) => call.name === 'actions.submit')).toEqual([]);
  // Request ids are UUIDs, whose hex groups can hold 13 decimal digits in a row: set them aside.
  const withoutUuids = (body: string): string => body.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, 'uuid');
  expect(sent.filter((call) => longestDigitRun(withoutUuids(call.body)) >= 13)).toEqual([]);
  expect(await backend.events(token.virtualCardId)).toHaveLength(historyBefore);
});
