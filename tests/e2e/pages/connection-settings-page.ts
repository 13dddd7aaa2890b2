import { expect, type Locator, type Page } from '@playwright/test';

/** The connection settings screen: the configuration form and the workstation key. */
export class ConnectionSettingsPage {
  readonly screen: Locator;
  readonly heading: Locator;
  readonly close: Locator;
  readonly save: Locator;
  readonly idleLockMinutes: Locator;
  readonly connectedMode: Locator;
  readonly issuerId: Locator;
  readonly baseUrl: Locator;
  readonly clientId: Locator;
  readonly keyId: Locator;
  readonly configError: Locator;
  readonly key: Locator;
  readonly generateKey: Locator;
  readonly publicKey: Locator;
  readonly importPem: Locator;
  readonly importKey: Locator;
  readonly importError: Locator;

  constructor(readonly page: Page) {
    this.screen = page.getByTestId('connection-settings');
    this.heading = this.screen.getByRole('heading', { level: 1 });
    this.close = this.screen.getByRole('button', { name: /^(閉じる|Close)$/ });
    this.save = this.screen.getByRole('button', { name: /^(保存|Save)$/ });
    this.idleLockMinutes = this.screen.getByLabel(/^(自動ロックまでの時間（分）|Minutes until the screen locks)$/);
    this.connectedMode = this.screen.getByRole('radio', { name: /バックエンドに接続|Connect to a backend/ });
    this.baseUrl = this.screen.getByLabel(/^(バックエンド URL|Backend URL)$/);
    this.issuerId = this.screen.getByLabel(/^(発行者ID|Issuer ID)$/);
    this.clientId = this.screen.getByLabel(/^(クライアントID|Client ID)$/);
    this.keyId = this.screen.getByLabel(/^(鍵ID（kid）|Key ID \(kid\))$/);
    this.configError = page.getByTestId('config-error');
    this.key = page.getByTestId('workstation-key');
    this.generateKey = this.key.getByRole('button', { name: /^(鍵を生成|Generate key pair)$/ });
    this.publicKey = page.getByTestId('public-key');
    this.importPem = this.key.getByLabel(/PKCS#8/);
    this.importKey = this.key.getByRole('button', { name: /^(インポート|Import)$/ });
    this.importError = page.getByTestId('import-key-error');
  }

  async expectShown(): Promise<void> {
    await expect(this.screen).toBeVisible();
    await expect(this.heading).toBeFocused();
  }

  /** Generates a key pair, confirming the replacement when a key exists already. */
  async generate(): Promise<void> {
    const replace = this.key.getByRole('button', { name: /^(生成して置き換える|Generate and replace)$/ });
    await this.generateKey.click();
    await expect(replace.or(this.publicKey).first()).toBeVisible();
    if (await replace.isVisible()) await replace.click();
    await expect(this.publicKey).toBeVisible();
  }
}
