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
      <span className="mode-badge" data-mode={mode} data-testid="mode-badge" title={mode === 'training' ? t('mode.trainingHint') : undefined}>
        {t(modeLabelKey[mode])}
      </span>
      {/* Cut short on a narrow header: the whole sentence is its tooltip, the amber badge and top edge stay. */}
      {mode === 'training' && withHint ? (
        <span className="mode-hint" title={t('mode.trainingHint')}>
          {t('mode.trainingHint')}
        </span>
      ) : null}
    </p>
  );
};
