import type { Page } from 'playwright-core';

/**
 * The agent's three commonest calls, driven by keyboard alone, counting inputs as an agent makes
 * them: every key that is not typed content is one, a field typed in is one. The bench prints the
 * counts and the time; the e2e tests (tests/e2e/keyboard-flows.spec.ts) assert the outcome and an upper
 * bound on the count. Each flow starts in the signed-in workspace with the keyboard in the search
 * field (where the console puts it) and ends once the outcome is on screen; closing what is left
 * open (the wrap-up) is counted apart.
 */
export interface FlowResult {
  readonly name: string;
  readonly inputs: number;
  readonly wrapUpInputs: number;
  /** From the first input to the outcome on screen, as the page's clock saw it. */
  readonly ms: number;
  /** The inputs, in order, for the printout. */
  readonly keys: readonly string[];
  /** What the flow achieved, for the test to check against the backend. */
  readonly outcome: readonly string[];
}

/** Every input goes through here, so the count is what the agent did. */
class Inputs {
  count = 0;
  wrapUp = 0;
  readonly keys: string[] = [];
  constructor(private readonly page: Page) {}

  async press(key: string): Promise<void> {
    this.count += 1;
    this.keys.push(key);
    await this.page.keyboard.press(key);
  }

  /** One field typed in, however long. */
  async type(text: string): Promise<void> {
    this.count += 1;
    this.keys.push(`“${text}”`);
    await this.page.keyboard.type(text);
  }

  async pressWrapUp(key: string): Promise<void> {
    this.wrapUp += 1;
    await this.page.keyboard.press(key);
  }
}

const WAIT = { timeout: 15_000 } as const;

/** Waits until the keyboard is on an element matching `selector`, and answers its data-* attributes. */
const focusOn = async (page: Page, selector: string): Promise<Record<string, string>> => {
  const handle = await page.waitForFunction(
    (wanted) => {
      const active = document.activeElement;
      return active instanceof HTMLElement && active.matches(wanted) ? { ...active.dataset } : null;
    },
    selector,
    WAIT,
  );
  return (await handle.jsonValue()) as Record<string, string>;
};

const now = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/** The workspace as a flow finds it: signed in, nothing open, the keyboard in the search field. */
export const readyWorkspace = async (page: Page): Promise<void> => {
  await page.locator('[data-app-ready="true"]').waitFor(WAIT);
  await page.getByTestId('workspace').waitFor(WAIT);
  await focusOn(page, '#search-input');
};

/**
 * "I lost my phone": find the cardholder, choose the lost device from all their devices, confirm
 * the preview of suspending every token on it across all cards (reason "device lost" chosen
 * already), and wait until the token service has confirmed each one.
 */
export const lostPhoneFlow = async (page: Page, target: { readonly cardholderId: string; readonly tokenStorageId: string }): Promise<FlowResult> => {
  const inputs = new Inputs(page);
  const started = await now(page);
  await inputs.type(target.cardholderId);
  await inputs.press('Enter');
  await focusOn(page, '[data-testid="token-row"]');
  await inputs.press('Alt+l');
  const device = await focusOn(page, '[data-testid="device-option"]');
  if (device.storageId !== target.tokenStorageId) throw new Error(`the first device offered is ${device.storageId ?? 'none'}, not ${target.tokenStorageId}`);
  await inputs.press('Enter');
  await focusOn(page, '[data-testid="action-submit"]:not([disabled])');
  await inputs.press('Enter');
  const results = page.getByTestId('bulk-result');
  await results.first().waitFor(WAIT);
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="bulk-result"]')];
    return rows.length > 0 && rows.every((row) => row.dataset.status === 'CONFIRMED');
  }, undefined, WAIT);
  const ms = (await now(page)) - started;
  const outcome = await results.evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.tokenId ?? ''));
  await inputs.pressWrapUp('Escape');
  await focusOn(page, '[data-testid="token-row"]');
  return { name: 'I lost my phone', inputs: inputs.count, wrapUpInputs: inputs.wrapUp, ms, keys: inputs.keys, outcome };
};

/**
 * Option D: find the cardholder (the token waiting for step-up is their newest, so first), open
 * "verify and activate", tick the identity checks the policy asks for (1 = the required ones, then
 * two of the others), answer the two scam questions (an inbound call, nobody asked for a code),
 * activate, and wait for the token service's confirmation.
 */
export const optionDFlow = async (page: Page, target: { readonly cardholderId: string; readonly virtualCardId: string }): Promise<FlowResult> => {
  const inputs = new Inputs(page);
  const started = await now(page);
  await inputs.type(target.cardholderId);
  await inputs.press('Enter');
  const row = await focusOn(page, '[data-testid="token-row"]');
  if (row.tokenId !== target.virtualCardId) throw new Error(`the keyboard landed on ${row.tokenId ?? 'nothing'}, not ${target.virtualCardId}`);
  await inputs.press('Alt+a');
  const dialog = page.getByTestId('action-dialog');
  // The policy and the digitization's signals are in: the checks and the questions are shown.
  await dialog.getByTestId('check-all-required').waitFor(WAIT);
  await dialog.getByTestId('question-inbound').waitFor(WAIT);
  for (const key of ['1', '2', '3', 'y', 'n']) await inputs.press(key);
  await dialog.locator('[data-testid="option-d-status"][data-ready]').waitFor(WAIT);
  await inputs.press('Control+Enter');
  await dialog.locator('[data-testid="action-progress"][data-status="CONFIRMED"]').waitFor(WAIT);
  const ms = (await now(page)) - started;
  await inputs.pressWrapUp('Escape');
  await focusOn(page, `[data-testid="token-row"][data-token-id="${target.virtualCardId}"]`);
  return { name: 'Option D', inputs: inputs.count, wrapUpInputs: inputs.wrapUp, ms, keys: inputs.keys, outcome: [target.virtualCardId] };
};

/**
 * "Why doesn't my Apple Pay work?": find the cardholder by name, go down the tokens to the Apple
 * Pay enrolment that ended, and read its row: the sentence says it was canceled and why.
 */
export const applePayFlow = async (page: Page, target: { readonly name: string; readonly virtualCardId: string }): Promise<FlowResult> => {
  const inputs = new Inputs(page);
  const started = await now(page);
  await inputs.type(target.name);
  await inputs.press('Enter');
  let row = await focusOn(page, '[data-testid="token-row"]');
  for (let moves = 0; row.tokenId !== target.virtualCardId; moves += 1) {
    if (moves >= 12) throw new Error(`${target.virtualCardId} is not among the rows the arrows reach`);
    await inputs.press('ArrowDown');
    const previous = row.tokenId;
    row = await page
      .waitForFunction(
        (before) => {
          const active = document.activeElement;
          return active instanceof HTMLElement && active.dataset.testid === 'token-row' && active.dataset.tokenId !== before ? { ...active.dataset } : null;
        },
        previous,
        WAIT,
      )
      .then((handle) => handle.jsonValue() as Promise<Record<string, string>>);
  }
  const explanation = (await page.locator(`[data-testid="token-row"][data-token-id="${target.virtualCardId}"] [data-testid="token-explanation"]`).innerText()).trim();
  const ms = (await now(page)) - started;
  return { name: 'Why doesn’t my Apple Pay work?', inputs: inputs.count, wrapUpInputs: inputs.wrapUp, ms, keys: inputs.keys, outcome: [explanation] };
};
