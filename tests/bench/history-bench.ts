import type { BrowserContext, Page } from 'playwright-core';
import { BASELINE_PATH } from './build-renderer';
import { clickAndWaitForRows, scrollToEndCountingFrames, type FirstRows, type ScrollFrames } from './page-scripts';
import { summarise, type Summary } from './stats';

/** The seed's 10,000-event token and its cardholder (sandbox/seed/README.md). */
const LONG = { cardholderId: 'C0000004', virtualCardId: 'VCHISTORY0001' } as const;
/** A hard fling (30,000 px/s, four or five new rows a frame), kept up for the whole history. */
const SCROLL_STEP_PX = 500;
const SCROLL_MAX_MS = 180_000;
/** The unvirtualized list takes far longer per frame: its scroll is cut off here, and says so. */
const BASELINE_SCROLL_MAX_MS = 30_000;
/** Frames counted with nothing scrolling: what the machine itself drops (other load, the headless compositor). */
const IDLE_CONTROL_MS = 3_000;

const HISTORY = `[data-testid="token-history"][data-virtual-card-id="${LONG.virtualCardId}"]`;

export interface HistoryRunFigures {
  /** Opening the history: to the first rows in the DOM, and to the frame after (painted). */
  readonly firstRowsMs: Summary;
  readonly firstRowsFrameMs: Summary;
  readonly opens: number;
  readonly scroll: ScrollFrames;
  /** The same counter on the same page while nothing scrolls. */
  readonly idle: ScrollFrames;
}

export interface HistoryFigures {
  readonly virtualized: HistoryRunFigures & { readonly pagesLoaded: number };
  readonly baseline: HistoryRunFigures & { readonly fetchAllMs: number };
  readonly box: { readonly width: number; readonly height: number };
  readonly scrollStepPx: number;
}

const openCardholder = async (page: Page, cardholderId: string): Promise<void> => {
  const search = page.locator('#search-input');
  await search.fill(cardholderId);
  await search.press('Enter');
  await page.locator(`[data-token-id="${LONG.virtualCardId}"]`).waitFor();
};

/** Another token of the same cardholder: selecting it in between makes each opening of the long history a cold one. */
const otherTokenOf = async (page: Page): Promise<string> => {
  const ids = await page.locator('[data-testid="token-row"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-token-id') ?? ''));
  const other = ids.find((id) => id !== '' && id !== LONG.virtualCardId);
  if (other === undefined) throw new Error(`${LONG.cardholderId} has no second token to switch to`);
  return other;
};

const measureConsole = async (page: Page, opens: number): Promise<HistoryFigures['virtualized'] & { box: HistoryFigures['box'] }> => {
  await openCardholder(page, LONG.cardholderId);
  const other = await otherTokenOf(page);
  const runs: FirstRows[] = [];
  for (let i = 0; i < opens + 2; i += 1) {
    await page.locator(`[data-token-id="${other}"]`).click();
    await page.locator(`[data-testid="token-history"][data-virtual-card-id="${other}"] [data-testid="history-row"]`).first().waitFor();
    const run = await page.evaluate(clickAndWaitForRows, {
      clickSelector: `[data-token-id="${LONG.virtualCardId}"]`,
      rowSelector: `${HISTORY} [data-testid="history-row"]`,
      timeoutMs: 10_000,
    });
    // The first two warm the page up; they are not counted.
    if (i >= 2) runs.push(run);
  }
  const box = await page.locator(`${HISTORY} [data-testid="history-scroll"]`).evaluate((element) => ({ width: element.clientWidth, height: element.clientHeight }));
  const idle = await page.evaluate(scrollToEndCountingFrames, {
    scrollSelector: `${HISTORY} [data-testid="history-scroll"]`,
    stepPx: 0,
    doneSelector: '[data-bench-never]',
    rowSelector: `${HISTORY} [data-testid="history-row"]`,
    maxMs: IDLE_CONTROL_MS,
  });
  let pagesLoaded = 0;
  const count = (request: { url(): string }): void => {
    if (request.url().endsWith('/rpc/tokens.events')) pagesLoaded += 1;
  };
  page.on('request', count);
  const scroll = await page.evaluate(scrollToEndCountingFrames, {
    scrollSelector: `${HISTORY} [data-testid="history-scroll"]`,
    stepPx: SCROLL_STEP_PX,
    doneSelector: `${HISTORY}[data-complete="true"]`,
    rowSelector: `${HISTORY} [data-testid="history-row"]`,
    maxMs: SCROLL_MAX_MS,
  });
  page.off('request', count);
  return {
    firstRowsMs: summarise(runs.map((run) => run.domMs)),
    firstRowsFrameMs: summarise(runs.map((run) => run.frameMs)),
    opens: runs.length,
    scroll,
    idle,
    pagesLoaded,
    box,
  };
};

/** The bench-only page: the same rows, all of them in the DOM, in a box of the console's size. */
const measureBaseline = async (context: BrowserContext, box: HistoryFigures['box'], renders: number): Promise<HistoryFigures['baseline']> => {
  const runs: FirstRows[] = [];
  let fetchAllMs = 0;
  let scroll: ScrollFrames | null = null;
  let idle: ScrollFrames | null = null;
  for (let i = 0; i < renders; i += 1) {
    const page = await context.newPage();
    try {
      await page.goto(BASELINE_PATH);
      await page.locator('html[data-bench-ready="true"]').waitFor();
      const fetched = await page.evaluate((id) => window.tokenDeskBench?.fetchAll(id) ?? Promise.reject(new Error('no bench api')), LONG.virtualCardId);
      if (fetched.count < 10_000) throw new Error(`the baseline fetched ${fetched.count} events`);
      fetchAllMs = fetched.ms;
      const rendered = await page.evaluate(({ width, height }) => window.tokenDeskBench?.renderAll(width, height) ?? Promise.reject(new Error('no bench api')), box);
      runs.push({ domMs: rendered.domMs, frameMs: rendered.frameMs });
      if (i === renders - 1) {
        idle = await page.evaluate(scrollToEndCountingFrames, {
          scrollSelector: '[data-testid="history-scroll"]',
          stepPx: 0,
          doneSelector: '[data-bench-never]',
          rowSelector: '[data-testid="history-row"]',
          maxMs: IDLE_CONTROL_MS,
        });
        scroll = await page.evaluate(scrollToEndCountingFrames, {
          scrollSelector: '[data-testid="history-scroll"]',
          stepPx: SCROLL_STEP_PX,
          doneSelector: 'html',
          rowSelector: '[data-testid="history-row"]',
          maxMs: BASELINE_SCROLL_MAX_MS,
        });
      }
    } finally {
      await page.close();
    }
  }
  if (scroll === null || idle === null) throw new Error('the baseline was not scrolled');
  return {
    firstRowsMs: summarise(runs.map((run) => run.domMs)),
    firstRowsFrameMs: summarise(runs.map((run) => run.frameMs)),
    opens: runs.length,
    scroll,
    idle,
    fetchAllMs,
  };
};

/**
 * The 10,000-event history, in the console (virtualized, paged as it scrolls) and, in the same run,
 * as the unvirtualized baseline: time to the first rows, and frames during a scripted scroll to the end.
 */
export const benchHistory = async (page: Page, context: BrowserContext, options: { opens: number; baselineRenders: number }): Promise<HistoryFigures> => {
  const { box, ...virtualized } = await measureConsole(page, options.opens);
  const baseline = await measureBaseline(context, box, options.baselineRenders);
  return { virtualized, baseline, box, scrollStepPx: SCROLL_STEP_PX };
};
