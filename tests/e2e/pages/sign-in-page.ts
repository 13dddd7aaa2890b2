import { expect, type Locator, type Page } from '@playwright/test';

interface AccountLike {
  readonly agentId: string;
  readonly name: string;
  readonly password: string;
}

/** The sign-in screen, found by its roles and labels in either language. */
export class SignInPage {
  readonly screen: Locator;
  readonly agentId: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly trainingAccounts: Locator;
  readonly connectionSettings: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('sign-in-screen');
    this.agentId = page.getByLabel(/^(エージェントID|Agent ID)$/);
    this.password = this.screen.getByLabel(/^(パスワード|Password)$/);
    this.submit = this.screen.getByRole('button', { name: /^(サインイン|Sign in)$/ });
    this.error = page.getByTestId('sign-in-error');
    this.trainingAccounts = page.getByTestId('training-accounts');
    this.connectionSettings = this.screen.getByRole('button', { name: /^(接続設定|Connection settings)$/ });
  }

  async expectShown(): Promise<void> {
    await expect(this.screen).toBeVisible();
  }

  /**
   * Types the id and password and presses Enter, as an agent would; returns once main has answered,
   * so what the screen shows next is the answer to this attempt, not the last one.
   */
  async signIn(agentId: string, password: string): Promise<void> {
    await this.agentId.fill(agentId);
    await this.password.fill(password);
    const answered = this.page.waitForResponse((response) => response.url().endsWith('/rpc/session.signIn'));
    await this.password.press('Enter');
    await answered;
  }

  /** Fills the form from the training accounts panel and signs in with Enter. */
  async signInWithTrainingAccount(account: AccountLike): Promise<void> {
    await this.trainingAccounts.getByRole('button', { name: new RegExp(escape(account.name)) }).click();
    await expect(this.agentId).toHaveValue(account.agentId);
    await this.page.keyboard.press('Enter');
    await expect(this.screen).toBeHidden();
  }
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
