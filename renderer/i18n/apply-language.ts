import type { i18n } from 'i18next';
import type { Language } from '../../shared/contract';

/** Switches the UI text and the document's language, so screen readers and fonts follow. */
export const applyLanguage = async (instance: i18n, language: Language): Promise<void> => {
  await instance.changeLanguage(language);
  document.documentElement.lang = language;
};
