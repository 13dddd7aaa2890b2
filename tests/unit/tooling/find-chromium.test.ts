// The one Chromium resolver behind `npm test`'s first step and the Playwright config.
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../../scripts/lib/find-chromium';

const only = (...present: string[]) => (path: string) => present.includes(path);
const noPlaywright = () => null;

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, and never swaps a missing one for another browser', () => {
    expect(findChromium({ CHROMIUM_PATH: '/opt/c/chrome' }, only('/opt/c/chrome', '/usr/bin/chromium'), noPlaywright)).toEqual({
      found: true,
      path: '/opt/c/chrome',
      source: 'CHROMIUM_PATH',
    });
    const missing = findChromium({ CHROMIUM_PATH: '/opt/none' }, only('/usr/bin/chromium'), noPlaywright);
    expect(missing).toMatchObject({ found: false, reason: expect.stringContaining('/opt/none') });
  });

  it("prefers Playwright's own Chromium, then Debian's, Ubuntu's, then Google Chrome", () => {
    const pw = '/root/.cache/ms-playwright/chromium-1/chrome-linux/chrome';
    expect(findChromium({}, only(pw, '/usr/bin/chromium'), () => pw)).toMatchObject({ path: pw, source: 'Playwright' });
    // Playwright names a browser it never downloaded: it does not count.
    expect(findChromium({}, only('/usr/bin/chromium'), () => pw)).toMatchObject({ path: '/usr/bin/chromium' });
    expect(findChromium({}, only('/usr/bin/chromium-browser', '/usr/bin/google-chrome'), noPlaywright)).toMatchObject({ path: '/usr/bin/chromium-browser' });
    expect(findChromium({}, only('/usr/bin/google-chrome'), noPlaywright)).toMatchObject({ path: '/usr/bin/google-chrome', source: 'Google Chrome' });
  });

  it('says how to install one when there is none', () => {
    const none = findChromium({}, only(), noPlaywright);
    expect(none.found).toBe(false);
    if (!none.found) expect(none.install).toMatch(/apt-get install -y chromium|playwright install chromium/);
  });
});
