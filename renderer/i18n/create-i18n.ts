import i18next, { type i18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/contract';
import { DEFAULT_NAMESPACE, ja, resources } from '../../shared/i18n';
import { enIntegrity } from '../../shared/i18n/en-integrity';

/**
 * An i18next instance over the given catalogues. There is no fallback language: a key missing
 * in one language must show up as an error (the end-to-end tests fail on console errors), not as
 * Japanese text on an English screen.
 */
const i18nOver = (language: Language, catalogues: Resource): i18n => {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: catalogues,
    lng: language,
    supportedLngs: ['ja', 'en'],
    fallbackLng: false,
    ns: [DEFAULT_NAMESPACE],
    defaultNS: DEFAULT_NAMESPACE,
    // The catalogues given are bundled, so initialisation can finish before the first render.
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

/** Every built-in catalogue at once, in whichever language: for rendering without a loader in between. */
export const createI18n = (language: Language): i18n => i18nOver(language, resources);

/**
 * The console's instance: Japanese, which the first screen shows until main says otherwise, and of
 * English only the integrity banner's text (shown in both languages on every screen). The rest of
 * English is loaded when it is first shown (`applyLanguage`), so the first screen does not carry a
 * catalogue it does not display.
 */
export const createConsoleI18n = (): i18n => i18nOver('ja', { ja: { [DEFAULT_NAMESPACE]: ja }, en: { [DEFAULT_NAMESPACE]: { integrity: enIntegrity } } });
