import type { Page } from '@playwright/test';

export interface TabStop {
  readonly name: string;
  /** A 2px outline or a box shadow: the focus can be seen. */
  readonly visible: boolean;
}

/** Presses Tab `count` times and reports where the focus went each time, and whether it showed. */
export const tabStops = async (page: Page, count: number): Promise<TabStop[]> => {
  const stops: TabStop[] = [];
  for (let i = 0; i < count; i += 1) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent?.trim() : undefined;
      return {
        name: element.getAttribute('aria-label') ?? label ?? element.textContent?.trim() ?? element.tagName,
        visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== 'none',
      };
    });
    if (stop) stops.push(stop);
  }
  return stops;
};
