import { expect, type Locator, type Page } from '@playwright/test';

/** The lock screen that covers the console after idle time or on request. */
export class LockScreen {
  readonly dialog: Locator;
  readonly password: Locator;
  readonly unlock: Locator;
  readonly signOut: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: /画面をロックしました|The screen is locked/ });
    this.password = this.dialog.getByLabel(/^(パスワード|Password)$/);
    this.unlock = this.dialog.getByRole('button', { name: /^(ロックを解除|Unlock)$/ });
    this.signOut = this.dialog.getByRole('button', { name: /^(サインアウト|Sign out)$/ });
    this.error = page.getByTestId('unlock-error');
  }

  async unlockWith(password: string): Promise<void> {
    await this.password.fill(password);
    await this.password.press('Enter');
  }

  async expectShown(): Promise<void> {
    await expect(this.dialog).toBeVisible();
    await expect(this.password).toBeFocused();
  }
}
