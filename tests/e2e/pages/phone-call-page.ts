import { expect, type Locator, type Page } from '@playwright/test';
import { bridge } from '../fixtures';

/** The phone call on the workspace: its bar, the notes, the wrap-up, the question at sign-out, the service notes. */
export class PhoneCallPage {
  readonly bar: Locator;
  readonly state: Locator;
  readonly start: Locator;
  readonly end: Locator;
  readonly next: Locator;
  readonly callerNumber: Locator;
  readonly cardholder: Locator;
  readonly actionCount: Locator;
  readonly waiting: Locator;
  readonly last: Locator;
  readonly notes: Locator;
  readonly notesSave: Locator;
  readonly notesProblem: Locator;
  readonly wrapUp: Locator;
  readonly outcomes: Locator;
  readonly save: Locator;
  readonly signOutAsk: Locator;
  readonly serviceNotesBadge: Locator;
  readonly serviceNotes: Locator;

  constructor(readonly page: Page) {
    this.bar = page.getByTestId('phone-call-bar');
    this.state = page.getByTestId('phone-call-state');
    this.start = page.getByTestId('phone-call-start');
    this.end = page.getByTestId('phone-call-end');
    this.next = page.getByTestId('phone-call-next');
    this.callerNumber = page.getByTestId('phone-call-caller-number');
    this.cardholder = page.getByTestId('phone-call-cardholder');
    this.actionCount = page.getByTestId('phone-call-action-count');
    this.waiting = page.getByTestId('phone-call-waiting');
    this.last = page.getByTestId('phone-call-last');
    this.notes = page.getByRole('textbox', { name: /^(通話メモ|Call notes)$/ }).first();
    this.notesSave = page.getByTestId('call-notes-save');
    this.notesProblem = page.getByTestId('call-notes-problem');
    this.wrapUp = page.getByTestId('wrap-up-dialog');
    this.outcomes = this.wrapUp.getByTestId('wrap-up-outcomes');
    this.save = this.wrapUp.getByTestId('action-submit');
    this.signOutAsk = page.getByTestId('sign-out-ask');
    this.serviceNotesBadge = page.getByTestId('service-notes');
    this.serviceNotes = page.getByTestId('service-notes-dialog');
  }

  /** The phone call open now, by the id the bar carries. */
  async openId(): Promise<string> {
    await expect(this.state).toHaveAttribute('data-phone-call-id', /.+/);
    return (await this.state.getAttribute('data-phone-call-id')) ?? '';
  }

  /** Hands a link to the console as the phone system would (the test bridge's screen-pop entry). */
  async screenPop(link: string, origin = ''): Promise<{ ok: boolean; accepted: boolean; started?: boolean; reason?: string }> {
    const response = await this.page.request.post(`${origin}/__bridge/screen-pop`, { headers: { authorization: `Bearer ${bridge.token}` }, data: { link } });
    expect(response.status()).toBe(200);
    return (await response.json()) as { ok: boolean; accepted: boolean; started?: boolean; reason?: string };
  }

  /** Writes notes and waits until main has kept them. */
  async writeNotes(text: string): Promise<void> {
    await this.notes.fill(text);
    await expect(this.notesSave).toHaveAttribute('data-save', 'saved', { timeout: 10_000 });
  }

  outcome(label: RegExp): Locator {
    return this.outcomes.getByRole('radio', { name: label });
  }

  /** Ends the open phone call with an outcome and waits for the bar to say none is open. */
  async wrapUpWith(label: RegExp): Promise<void> {
    await this.end.click();
    await expect(this.wrapUp).toBeVisible();
    await this.outcome(label).check();
    await this.save.click();
    await expect(this.wrapUp).toHaveCount(0);
  }
}
