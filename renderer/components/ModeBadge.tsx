import { useTranslation } from 'react-i18next';
import { modeLabelKey } from '../i18n/label-keys';
import { appSelectors } from '../store/app/selectors';
import { useDeskStore } from '../store/store-context';

/** The mode, impossible to miss: training must never be mistaken for live. Hidden until main has said which. */
export const ModeBadge = ({ withHint = true }: { withHint?: boolean }) => {
  const { t } = useTranslation();
  const mode = useDeskStore(appSelectors.mode);
  if (mode === null) return null;
  return (
    <p className="mode">
      <span className="mode-badge" data-mode={mode} data-testid="mode-badge">
        {t(modeLabelKey[mode])}
      </span>
      {mode === 'training' && withHint ? <span className="mode-hint">{t('mode.trainingHint')}</span> : null}
    </p>
  );
};
