import { expect, type Locator, type Page } from '@playwright/test';

/** The agent's lookup screen: the search field and its results, the open cardholder and their tokens. */
export class LookupPage {
  readonly field: Locator;
  readonly kind: Locator;
  readonly results: Locator;
  readonly options: Locator;
  readonly refusal: Locator;
  readonly noResults: Locator;
  readonly more: Locator;
  readonly cardholder: Locator;
  readonly heading: Locator;
  readonly filters: Locator;
  readonly historyPanel: Locator;
  readonly liveStatus: Locator;

  constructor(readonly page: Page) {
    this.field = page.getByRole('combobox', { name: /^(カード会員を検索|Search cardholders)$/ });
    this.kind = page.getByTestId('search-kind');
    this.results = page.getByTestId('search-results');
    this.options = page.getByRole('listbox').getByRole('option');
    this.refusal = page.getByTestId('search-refusal');
    this.noResults = page.getByTestId('search-no-results');
    this.more = page.getByRole('button', { name: /^(さらに表示|Show more)$/ });
    this.cardholder = page.getByTestId('cardholder-view');
    this.heading = this.cardholder.getByRole('heading', { level: 1 });
    this.filters = page.getByRole('toolbar', { name: /^(トークンの絞り込み|Filter tokens)$/ });
    this.historyPanel = page.getByTestId('token-history-panel');
    this.liveStatus = page.getByTestId('live-status');
  }

  /** Types a query as an agent would and waits for the search it sends to be answered. */
  async search(text: string): Promise<void> {
    const answered = this.page.waitForResponse((response) => response.url().endsWith('/rpc/cardholders.search'));
    await this.field.fill(text);
    await answered;
  }

  /** Searches and opens the cardholder, whether it opened by itself (one match) or by Enter on its option. */
  async open(query: string, cardholderId: string): Promise<void> {
    await this.search(query);
    const shown = this.page.getByTestId('cardholder-id').filter({ hasText: new RegExp(`^${cardholderId}$`) });
    const option = this.page.locator(`#search-result-${cardholderId}`);
    await expect(shown.or(option).filter({ visible: true }).first()).toBeVisible();
    if (!(await shown.isVisible())) await option.click();
    await expect(shown).toBeVisible();
    await this.expectTokensLoaded();
  }

  async expectTokensLoaded(): Promise<void> {
    await expect(this.cardholder.getByText(/^(トークンを読み込み中…|Loading tokens…)$/)).toHaveCount(0);
  }

  card(issuerCardRefId: string): Locator {
    return this.page.locator(`[data-testid="card-section"][data-card="${issuerCardRefId}"]`);
  }

  rows(issuerCardRefId: string): Locator {
    return this.card(issuerCardRefId).getByTestId('token-row');
  }

  row(virtualCardId: string): Locator {
    return this.page.locator(`[data-testid="token-row"][data-token-id="${virtualCardId}"]`);
  }

  columnHeader(issuerCardRefId: string, name: RegExp): Locator {
    return this.card(issuerCardRefId).getByRole('columnheader', { name });
  }
}
