import { useTranslation } from 'react-i18next';
import { formatDateTime, formatUtc } from '../../format/date-time';
import { useLanguage } from '../../hooks/use-language';

/** Marks data kept on screen after a failed reload: visibly old, with the time it was true. */
export const StaleMarker = ({ asOf, testId }: { asOf: string | null; testId?: string }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <p className="stale-marker" data-testid={testId ?? 'stale-marker'}>
      <span className="stale-badge">{t('errorsView.stale')}</span>
      {asOf !== null ? (
        <span className="stale-as-of" title={formatUtc(asOf)}>
          {t('errorsView.staleAsOf', { time: formatDateTime(asOf, language) })}
        </span>
      ) : null}
    </p>
  );
};
