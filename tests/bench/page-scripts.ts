/**
 * Functions the bench runs inside the page (page.evaluate). They must be self-contained: nothing
 * from outside their own body exists in the page.
 */

export interface ScrollFrames {
  /** Frames seen while the scroll ran. */
  readonly frames: number;
  /** Frames that came later than 1.5 × 16.7 ms after the one before: a visible stutter at 60 fps. */
  readonly dropped: number;
  readonly worstGapMs: number;
  readonly p95GapMs: number;
  readonly durationMs: number;
  /** Pixels scrolled in all. */
  readonly distancePx: number;
  /** Rows in the list when the end was reached. */
  readonly rows: number;
  readonly reachedEnd: boolean;
}

export interface ScrollScript {
  readonly scrollSelector: string;
  /** Pixels per frame: the scroll animation, driven one step per requestAnimationFrame. */
  readonly stepPx: number;
  /** The end is reached when this matches (the history says it is complete) and the box is scrolled to the bottom; a selector that never matches with step 0 counts idle frames. */
  readonly doneSelector: string;
  readonly rowSelector: string;
  readonly maxMs: number;
}

/** Scrolls a box to its end one step per frame, counting frames and the gaps between them. */
export const scrollToEndCountingFrames = (script: ScrollScript): Promise<ScrollFrames> =>
  new Promise((resolve, reject) => {
    const box = document.querySelector<HTMLElement>(script.scrollSelector);
    if (box === null) {
      reject(new Error(`no ${script.scrollSelector}`));
      return;
    }
    const frameMs = 1000 / 60;
    const gaps: number[] = [];
    let previous = 0;
    let started = 0;
    let distance = 0;
    const finish = (reachedEnd: boolean, now: number): void => {
      const sorted = [...gaps].sort((a, b) => a - b);
      resolve({
        frames: gaps.length,
        dropped: gaps.filter((gap) => gap > 1.5 * frameMs).length,
        worstGapMs: sorted.at(-1) ?? 0,
        p95GapMs: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0,
        durationMs: now - started,
        distancePx: distance,
        rows: document.querySelectorAll(script.rowSelector).length,
        reachedEnd,
      });
    };
    const tick = (now: number): void => {
      gaps.push(now - previous);
      previous = now;
      const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 1;
      if (atBottom && document.querySelector(script.doneSelector) !== null) {
        finish(true, now);
        return;
      }
      if (now - started > script.maxMs) {
        finish(false, now);
        return;
      }
      const before = box.scrollTop;
      box.scrollTop = before + script.stepPx;
      distance += box.scrollTop - before;
      requestAnimationFrame(tick);
    };
    // The first callback only sets the clock: its gap would include whatever ran before the script.
    requestAnimationFrame((now) => {
      previous = now;
      started = now;
      requestAnimationFrame(tick);
    });
  });

export interface FirstRows {
  /** From the action to the first matching element in the DOM. */
  readonly domMs: number;
  /** …and to the frame after it, when it has been painted. */
  readonly frameMs: number;
}

/**
 * Clicks `clickSelector` and measures, with performance.now() in the page, until `rowSelector`
 * matches (MutationObserver) and until the next frame.
 */
export const clickAndWaitForRows = ({ clickSelector, rowSelector, timeoutMs }: { clickSelector: string; rowSelector: string; timeoutMs: number }): Promise<FirstRows> =>
  new Promise((resolve, reject) => {
    const target = document.querySelector<HTMLElement>(clickSelector);
    if (target === null) {
      reject(new Error(`no ${clickSelector}`));
      return;
    }
    let started = 0;
    let done = false;
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`no ${rowSelector} within ${timeoutMs} ms`));
    }, timeoutMs);
    const seen = (): void => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      const domMs = performance.now() - started;
      requestAnimationFrame(() => setTimeout(() => resolve({ domMs, frameMs: performance.now() - started }), 0));
    };
    const observer = new MutationObserver(() => {
      if (document.querySelector(rowSelector) !== null) seen();
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    started = performance.now();
    target.click();
    if (document.querySelector(rowSelector) !== null) seen();
  });

/**
 * Clicks `clickSelector` and measures, with performance.now() in the page, until a `rowSelector`
 * element that was not in the page before the click is in the DOM (the list's first rows for what
 * the click asked for, not the rows it replaces), and until the frame after it.
 */
export const clickAndWaitForFreshRows = ({ clickSelector, rowSelector, timeoutMs }: { clickSelector: string; rowSelector: string; timeoutMs: number }): Promise<FirstRows> =>
  new Promise((resolve, reject) => {
    const target = document.querySelector<HTMLElement>(clickSelector);
    if (target === null) {
      reject(new Error(`no ${clickSelector}`));
      return;
    }
    const before = new Set(document.querySelectorAll(rowSelector));
    let started = 0;
    let done = false;
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`no fresh ${rowSelector} within ${timeoutMs} ms`));
    }, timeoutMs);
    const fresh = (): boolean => [...document.querySelectorAll(rowSelector)].some((row) => !before.has(row));
    const seen = (): void => {
      if (done) return;
      done = true;
      observer.disconnect();
      clearTimeout(timer);
      const domMs = performance.now() - started;
      requestAnimationFrame(() => setTimeout(() => resolve({ domMs, frameMs: performance.now() - started }), 0));
    };
    const observer = new MutationObserver(() => {
      if (fresh()) seen();
    });
    observer.observe(document.body, { childList: true, subtree: true });
    started = performance.now();
    target.click();
    if (fresh()) seen();
  });
