import { describe, expect, it, vi } from 'vitest';
import { applyLanguage } from '../../../renderer/i18n/apply-language';
import { createConsoleI18n } from '../../../renderer/i18n/create-i18n';

describe('the console’s languages', () => {
  it('starts in Japanese with only the integrity banner’s English, and has all of English once it is applied', async () => {
    // The one part of the page applyLanguage touches.
    const page = { documentElement: { lang: 'ja' } };
    vi.stubGlobal('document', page);
    const i18n = createConsoleI18n();
    const missing = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(i18n.t('product.name')).toBe('Token Desk');
    expect(i18n.getFixedT('en')('integrity.title')).not.toBe('integrity.title');
    expect(i18n.getResource('en', 'translation', 'boot.loading')).toBeUndefined();

    await applyLanguage(i18n, 'en');
    expect(i18n.language).toBe('en');
    expect(page.documentElement.lang).toBe('en');
    expect(i18n.t('boot.loading')).toBe('Loading…');
    // The banner's part is still there after the merge, and Japanese is untouched.
    expect(i18n.getFixedT('en')('integrity.title')).not.toBe('integrity.title');
    await applyLanguage(i18n, 'ja');
    expect(i18n.t('boot.loading')).not.toBe('Loading…');
    expect(page.documentElement.lang).toBe('ja');
    expect(missing).not.toHaveBeenCalled();
    missing.mockRestore();
    vi.unstubAllGlobals();
  });
});
