import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../../renderer/i18n/create-i18n';
import { errorMessageKey } from '../../../renderer/i18n/error-message-key';
import { failure } from '../../../shared/contract';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createI18n', () => {
  it('is ready synchronously in the language asked for, and switches', async () => {
    const i18n = createI18n('ja');
    expect(i18n.t('empty.body')).toBe('カード会員を検索してください');
    await i18n.changeLanguage('en');
    expect(i18n.t('empty.body')).toBe('Search for a cardholder');
    expect(i18n.t('mode.training')).toBe('Training mode');
  });

  it('reports a missing key as a console error, which the end-to-end tests fail on', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const i18n = createI18n('en');
    // A key that is not in the catalogue, as a string that arrived at run time.
    const key: string = 'empty.nothing';
    i18n.t(key as 'empty.body');
    expect(consoleError).toHaveBeenCalledWith(expect.stringContaining('missing i18n key: empty.nothing'));
  });
});

describe('errorMessageKey', () => {
  it('uses the messageKey of a typed error', () => {
    expect(errorMessageKey(failure('TRANSPORT', 'c').error)).toBe('errors.transport');
  });

  it('falls back to the general message for the code when the key is unknown, and says so', () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const error = { ...failure('INVALID_INPUT', 'c').error, messageKey: 'errors.somethingNew' };
    expect(errorMessageKey(error)).toBe('errors.invalidInput');
    expect(consoleError).toHaveBeenCalledWith('missing i18n key: errors.somethingNew');
  });
});
