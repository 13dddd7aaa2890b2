import { mkdir } from 'node:fs/promises';
import { callBridge, expect, readBridgeLog, test } from './fixtures';

const SCREENSHOTS = 'tests/e2e/screenshots';

test.beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
});

test('the first screen in Japanese: product, training mode, empty state, status bar', async ({ consolePage: page }) => {
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('banner')).toContainText('Token Desk');
  await expect(page.getByTestId('mode-badge')).toHaveText('トレーニングモード');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('カード会員が選択されていません');
  await expect(page.getByText('カード会員を検索してください')).toBeVisible();
  const statusBar = page.getByRole('contentinfo');
  await expect(statusBar).toContainText('バージョン');
  await expect(statusBar).toContainText('0.1.0');
  await expect(page.getByRole('button', { name: '日本語' })).toHaveAttribute('aria-pressed', 'true');
  await page.screenshot({ path: `${SCREENSHOTS}/first-screen-ja.png`, fullPage: true });
});

test('switching to English changes every text, persists in main, and survives a reload', async ({ consolePage: page }) => {
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('mode-badge')).toHaveText('Training mode');
  await expect(page.getByText('Search for a cardholder')).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  // Main holds the setting: it answers with English to a fresh call, and a reload starts in English.
  expect(await callBridge(page, 'settings.get', {})).toEqual({ ok: true, data: { language: 'en' } });
  await page.reload();
  await expect(page.locator('[data-app-ready="true"]')).toHaveCount(1);
  await expect(page.getByText('Search for a cardholder')).toBeVisible();
  await expect(page.locator('body')).not.toContainText('カード会員を検索してください');
  await page.screenshot({ path: `${SCREENSHOTS}/first-screen-en.png`, fullPage: true });
});

test('every control is reachable by Tab with a visible focus ring, and Ctrl+K goes to the search', async ({ consolePage: page }) => {
  const reached: string[] = [];
  for (let i = 0; i < 8; i += 1) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      const style = getComputedStyle(element);
      return {
        name: element.getAttribute('aria-label') ?? element.textContent?.trim() ?? element.tagName,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        shadow: style.boxShadow !== 'none',
      };
    });
    if (focused) {
      expect(focused.outline || focused.shadow, `focus on "${focused.name}" must be visible`).toBe(true);
      reached.push(focused.name);
    }
  }
  expect(reached).toContain('日本語');
  expect(reached).toContain('English');

  await page.getByRole('button', { name: '日本語' }).focus();
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('combobox', { name: 'カード会員を検索' })).toBeFocused();
});

test('the renderer is served with the Content-Security-Policy header and runs without violating it', async ({ page, watch }) => {
  void watch;
  await page.goto(`/__bridge/session?token=${process.env.TD_BRIDGE_TOKEN ?? ''}`);
  const response = await page.reload();
  const csp = (await response?.allHeaders())?.['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toContain('unsafe-inline');
  await expect(page.locator('[data-app-ready="true"]')).toHaveCount(1);
  // An inline script is refused by the policy: the probe proves the header is enforced, not just sent.
  const inlineRan = await page.evaluate(async () => {
    const probe = document.createElement('script');
    probe.textContent = 'window.__inlineRan = true';
    document.head.append(probe);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return (window as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(inlineRan).toBe(false);
  watch.problems.splice(0, watch.problems.length, ...watch.problems.filter((p) => !p.includes('script-src')));
});

test('dark and light themes follow the operating system', async ({ consolePage: page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await background();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  expect(dark).not.toBe(light);
  await page.screenshot({ path: `${SCREENSHOTS}/first-screen-ja-dark.png` });
});

test("a renderer error reaches main's log with its correlation id, and no card number is written", async ({ consolePage: page, watch }) => {
  // Letters only: a timestamp is 13 digits, and the log rightly redacts any such run as a card number.
  const marker = `renderer-probe-${Array.from({ length: 12 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')}`;
  const digits = ['4000', '0012', '3456', '7899'].join(' ');
  watch.allow(new RegExp(marker));
  await page.evaluate(
    ([message]) => {
      setTimeout(() => {
        throw new Error(message);
      });
    },
    [`${marker} for card ${digits}`],
  );
  await expect.poll(async () => (await readBridgeLog()).includes(marker), { timeout: 10_000 }).toBe(true);
  const line = (await readBridgeLog()).split('\n').find((l) => l.includes(marker)) ?? '';
  const entry = JSON.parse(line) as { correlationId?: string; source?: string; msg?: string };
  expect(entry.source).toBe('renderer');
  expect(entry.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  expect(line).not.toContain(digits);
  expect(line).not.toContain(digits.replaceAll(' ', ''));
});
