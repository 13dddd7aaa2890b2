import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/contract';
import { DEFAULT_NAMESPACE, resources } from '../../shared/i18n';

/**
 * An i18next instance over the built-in catalogues. There is no fallback language: a key missing
 * in one language must show up as an error (the end-to-end tests fail on console errors), not as
 * Japanese text on an English screen.
 */
export const createI18n = (language: Language): i18n => {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    supportedLngs: ['ja', 'en'],
    fallbackLng: false,
    ns: [DEFAULT_NAMESPACE],
    defaultNS: DEFAULT_NAMESPACE,
    // The catalogues are bundled, so initialisation can finish before the first render.
    initAsync: false,
    saveMissing: true,
    missingKeyHandler: (languages, namespace, key) => {
      console.error(`missing i18n key: ${key} (${languages.join(', ')}, ${namespace})`);
    },
    // React escapes text already.
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  return instance;
};
