import type { Page } from 'playwright-core';
import type { BenchBridge } from './bench-bridge';
import { summarise, type Summary } from './stats';

export interface SearchFigures {
  readonly searches: number;
  readonly queries: number;
  readonly ms: Summary;
}

/**
 * Queries that open one cardholder directly, of every kind the search takes: customer ids, card
 * references, token ids, kana and a name with the last four (sandbox/seed/README.md). Generated
 * cardholders follow from C0000010.
 */
const CANDIDATES: readonly string[] = [
  'C0000001',
  'C0000002',
  'C0000003',
  'C0000004',
  'C0000005',
  'C0000006',
  'C0000007',
  ...Array.from({ length: 43 }, (_, index) => `C${String(10 + index).padStart(7, '0')}`),
  'CR000001GOLD',
  'CR000002CLSC',
  'CR000004PLAT',
  'CR000005GOLD',
  'CR000006CLSC',
  'VCYELLOW0001',
  'VCHISTORY0001',
  'VCSUSPMULTI01',
  'VCOPTIOND0001',
  'タカハシ',
  'ﾀｶﾊｼ 3056',
  '高橋 3056',
];

interface Target {
  readonly query: string;
  readonly cardholderId: string;
}

interface SearchAnswer {
  readonly ok: boolean;
  readonly data?: { items: Array<{ cardholderId: string; cards: Array<{ issuerCardRefId: string }> }>; nextCursor: string | null };
}

interface TokensAnswer {
  readonly ok: boolean;
  readonly data?: { items: Array<{ state: string }> };
}

/**
 * Keeps the candidates the backend answers with exactly one cardholder (which the console opens at
 * once) who has a token the table shows by default (deleted ones are hidden).
 */
const resolveTargets = async (bridge: BenchBridge): Promise<Target[]> => {
  const targets: Target[] = [];
  let serial = 0;
  for (const query of CANDIDATES) {
    serial += 1;
    const answer = (await bridge.call('cardholders.search', { q: query, requestId: `benchsearch${String(serial).padStart(4, '0')}` })) as SearchAnswer;
    const only = answer.data?.items[0];
    if (!answer.ok || answer.data?.items.length !== 1 || answer.data.nextCursor !== null || only === undefined) continue;
    let shown = false;
    for (const card of only.cards) {
      const tokens = (await bridge.call('cards.tokens', { issuerCardRefId: card.issuerCardRefId })) as TokensAnswer;
      if (tokens.data?.items.some((token) => token.state !== 'DELETED')) shown = true;
    }
    if (shown) targets.push({ query, cardholderId: only.cardholderId });
  }
  return targets;
};

/** Runs in the page: types the query (one input event) and presses Enter, then waits for the opened cardholder's first token row. */
const searchInPage = ({ query, cardholderId, timeoutMs }: { query: string; cardholderId: string; timeoutMs: number }): Promise<number> =>
  new Promise((resolve, reject) => {
    const input = document.querySelector<HTMLInputElement>('#search-input');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    if (input === null || setValue === undefined) {
      reject(new Error('no search field'));
      return;
    }
    let started = 0;
    let done = false;
    // The cardholder being shown is the one searched for, and one of its token rows is in the DOM.
    const opened = (): boolean =>
      document.querySelector('[data-testid="token-row"]') !== null &&
      (document.querySelector('[data-testid="cardholder-view"]')?.textContent ?? '').includes(cardholderId);
    const finish = (): void => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      resolve(performance.now() - started);
    };
    const observer = new MutationObserver((records) => {
      const added = records.some((record) =>
        [...record.addedNodes].some((node) => node instanceof Element && (node.matches('[data-testid="token-row"]') || node.querySelector('[data-testid="token-row"]') !== null)),
      );
      if (added && opened()) finish();
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`no token row of ${cardholderId} for "${query}" within ${timeoutMs} ms`));
    }, timeoutMs);
    observer.observe(document.body, { childList: true, subtree: true });
    started = performance.now();
    setValue.call(input, query);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }));
  });

/**
 * Search → first token row of the opened cardholder, measured in the page with performance.now()
 * from the input event (the query typed, then Enter, which searches at once instead of after the
 * typing debounce) to the first row in the DOM. Consecutive queries open different cardholders, so
 * every row counted is new.
 */
export const benchSearch = async (page: Page, bridge: BenchBridge, searches: number): Promise<SearchFigures> => {
  const targets = await resolveTargets(bridge);
  if (targets.length < 2) throw new Error(`only ${targets.length} search fixtures resolve to one cardholder`);
  const order: Target[] = [];
  for (let i = 0; order.length < searches + 10; i += 1) {
    const next = targets[i % targets.length];
    if (next !== undefined && next.cardholderId !== order.at(-1)?.cardholderId) order.push(next);
  }
  const times: number[] = [];
  for (const [index, target] of order.entries()) {
    const ms = await page.evaluate(searchInPage, { ...target, timeoutMs: 10_000 });
    // The first ten warm the page and the backend's caches up; they are not counted.
    if (index >= 10) times.push(ms);
  }
  return { searches: times.length, queries: targets.length, ms: summarise(times) };
};

