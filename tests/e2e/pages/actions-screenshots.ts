import { expect, type Locator, type Page } from '@playwright/test';
import { callBridge } from '../fixtures';

const SCREENSHOTS = 'tests/e2e/screenshots';

const setLanguage = async (page: Page, language: 'ja' | 'en', origin: string): Promise<void> => {
  await callBridge(page, 'settings.set', { language }, origin);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
};

/**
 * The same screen in Japanese and in English, without closing what is open: the language is
 * switched through main (as the header's switch does), and the screen follows its settings event.
 */
export const shootBoth = async (page: Page, name: string, target?: Locator, origin = ''): Promise<void> => {
  const shoot = async (language: 'ja' | 'en'): Promise<void> => {
    const path = `${SCREENSHOTS}/actions-${name}-${language}.png`;
    if (target) await target.screenshot({ path });
    else await page.screenshot({ path });
  };
  await shoot('ja');
  await setLanguage(page, 'en', origin);
  await shoot('en');
  await setLanguage(page, 'ja', origin);
};
