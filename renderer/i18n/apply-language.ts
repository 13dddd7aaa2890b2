import type { i18n } from 'i18next';
import type { Language } from '../../shared/contract';
import { DEFAULT_NAMESPACE, ja, type Messages } from '../../shared/i18n';

/** Each language's catalogue: Japanese is in the first screen already, English comes in its own chunk when first shown. */
const catalogues: Readonly<Record<Language, () => Promise<Messages>>> = {
  ja: () => Promise.resolve(ja),
  en: () => import('../../shared/i18n/en').then((module) => module.en),
};

/** Switches the UI text and the document's language, so screen readers and fonts follow. */
export const applyLanguage = async (instance: i18n, language: Language): Promise<void> => {
  // The whole catalogue before the switch: never a render in a language whose keys are not there
  // yet. The console starts with a part of English (the integrity banner's), so the check looks
  // for a key outside it, and the catalogue is merged over that part.
  if (instance.getResource(language, DEFAULT_NAMESPACE, 'product.name') === undefined) {
    instance.addResourceBundle(language, DEFAULT_NAMESPACE, await catalogues[language](), true, true);
  }
  await instance.changeLanguage(language);
  document.documentElement.lang = language;
};
