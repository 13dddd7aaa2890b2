import { expect, type Locator, type Page } from '@playwright/test';
import { LookupPage } from './lookup-page';

type Operation = 'activate' | 'suspend' | 'resume' | 'delete';

/**
 * The agent's token actions as they appear on the lookup screen: the panel in the selected
 * token's row, the row's chip and Option D button, the modal dialogs and the session's tray.
 */
export class ActionsPage {
  readonly lookup: LookupPage;
  readonly panel: Locator;
  readonly dialog: Locator;
  readonly tray: Locator;

  constructor(readonly page: Page) {
    this.lookup = new LookupPage(page);
    this.panel = page.getByTestId('token-actions');
    this.dialog = page.getByRole('dialog');
    this.tray = page.getByTestId('actions-tray');
  }

  /** Opens the cardholder and selects the token, so its panel shows beside the history. */
  async openToken(cardholderId: string, virtualCardId: string): Promise<void> {
    await this.lookup.open(cardholderId, cardholderId);
    await this.lookup.row(virtualCardId).click();
    await expect(this.lookup.historyPanel).toBeVisible();
    await expect(this.page.getByTestId('token-history')).toHaveAttribute('data-virtual-card-id', virtualCardId);
  }

  button(operation: Operation): Locator {
    return this.panel.locator(`button[data-operation="${operation}"]`);
  }

  /** Opens an operation's dialog from the panel and waits for the modal. */
  async openDialog(operation: Operation): Promise<void> {
    await this.button(operation).click();
    await expect(this.dialog).toBeVisible();
  }

  get reason(): Locator {
    return this.dialog.getByTestId('action-reason');
  }

  get comment(): Locator {
    return this.dialog.getByTestId('action-comment');
  }

  get lastFour(): Locator {
    return this.dialog.getByTestId('action-confirm-last-four');
  }

  get submit(): Locator {
    return this.dialog.getByTestId('action-submit');
  }

  get progress(): Locator {
    return this.dialog.getByTestId('action-progress');
  }

  get sentReason(): Locator {
    return this.dialog.getByTestId('action-sent-reason');
  }

  /** The action this dialog sent reaches a status (REQUESTED, ACCEPTED, CONFIRMED, FAILED). */
  async expectStatus(status: 'REQUESTED' | 'ACCEPTED' | 'CONFIRMED' | 'FAILED', timeout = 10_000): Promise<void> {
    await expect(this.progress).toHaveAttribute('data-status', status, { timeout });
  }

  /**
   * Starts noting every state the dialog's progress shows, however briefly: "accepted" may last
   * only as long as the simulated TSP takes to confirm, shorter than a poll of the page.
   */
  async recordStatuses(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: { status: string; hint: string; retrying: string }[] = [];
      (window as unknown as { __actionStatuses: typeof seen }).__actionStatuses = seen;
      const note = (): void => {
        const progress = document.querySelector('dialog [data-testid="action-progress"]');
        const status = progress?.getAttribute('data-status');
        if (!progress || !status) return;
        const retrying = progress.querySelector('[data-testid="action-retrying"]')?.textContent ?? '';
        const last = seen.at(-1);
        if (last?.status === status && last.retrying === retrying) return;
        seen.push({ status, hint: progress.querySelector('.action-hint')?.textContent ?? '', retrying });
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-status'] });
    });
  }

  /** The states the progress showed since recordStatuses, in order, each once per stay, with its hint and retry line. */
  async recordedStatuses(): Promise<{ status: string; hint: string; retrying: string }[]> {
    return this.page.evaluate(() => [...(window as unknown as { __actionStatuses: { status: string; hint: string; retrying: string }[] }).__actionStatuses]);
  }

  verifier(name: string): Locator {
    return this.dialog.locator(`input[data-verifier="${name}"]`);
  }

  answer(question: 'question-inbound' | 'question-asked-to-share', yes: boolean): Locator {
    return this.dialog.getByTestId(question).getByRole('radio', { name: yes ? /^(はい|Yes)$/ : /^(いいえ|No)$/ });
  }

  async close(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await expect(this.dialog).toHaveCount(0);
  }

  /** The action's id, from the dialog's progress (what main and the audit know it by). */
  async sentActionId(): Promise<string> {
    const id = await this.progress.getAttribute('data-action-id');
    if (id === null) throw new Error('no action sent from this dialog');
    return id;
  }

  rowChip(virtualCardId: string): Locator {
    return this.lookup.row(virtualCardId).getByTestId('action-chip');
  }

  /** The session's actions, shown in the history's place (closing the history if one is open) and unfolded. */
  async showTray(): Promise<void> {
    const close = this.lookup.historyPanel.getByRole('button', { name: /^(履歴を閉じる|Close the history)$/ });
    if ((await close.count()) > 0) await close.click();
    const toggle = this.tray.getByRole('heading', { level: 2 }).getByRole('button');
    await expect(toggle).toBeVisible();
    if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  }

  trayItem(actionId: string): Locator {
    return this.tray.locator(`[data-testid="tray-item"][data-action-id="${actionId}"]`);
  }
}
