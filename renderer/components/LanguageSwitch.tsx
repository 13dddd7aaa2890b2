import { useTranslation } from 'react-i18next';
import { Language } from '../../shared/contract';
import { languageLabelKey } from '../i18n/label-keys';
import { settingsSelectors } from '../store/settings/selectors';
import { useDeskStore } from '../store/store-context';

/** Two toggle buttons; the pressed one is the language main confirmed, not merely the one clicked. */
export const LanguageSwitch = () => {
  const { t } = useTranslation();
  const language = useDeskStore(settingsSelectors.language);
  const saving = useDeskStore(settingsSelectors.isSavingLanguage);
  const setLanguage = useDeskStore((s) => s.setLanguage);
  return (
    <div className="language-switch" role="group" aria-label={t('language.groupLabel')} aria-busy={saving}>
      {Language.options.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === language}
          onClick={() => void setLanguage(option)}
        >
          {t(languageLabelKey[option])}
        </button>
      ))}
    </div>
  );
};
