import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { errorMessageKey } from '../i18n/error-message-key';
import { connectionLabelKey, languageLabelKey } from '../i18n/label-keys';
import { appSelectors } from '../store/app/selectors';
import { settingsSelectors } from '../store/settings/selectors';
import { statusSelectors } from '../store/status/selectors';
import { useDeskStore } from '../store/store-context';
import { LiveIndicator } from './LiveIndicator';

export const StatusBar = () => {
  const { t } = useTranslation();
  const { connection, version, language, failure } = useDeskStore(
    useShallow((s) => ({
      connection: statusSelectors.connection(s),
      version: appSelectors.version(s),
      language: settingsSelectors.language(s),
      failure: statusSelectors.visibleFailure(s),
    })),
  );
  return (
    <footer className="status-bar" aria-label={t('status.barLabel')}>
      <span className="status-item status-connection" role="status" data-connection={connection}>
        <span className="status-dot" aria-hidden="true" />
        {t(connectionLabelKey[connection])}
      </span>
      <LiveIndicator />
      {version !== null ? (
        <span className="status-item">
          {t('status.versionLabel')} <span className="status-value">{version}</span>
        </span>
      ) : null}
      <span className="status-item">
        {t('status.languageLabel')}{' '}
        <span className="status-value" lang={language}>
          {t(languageLabelKey[language])}
        </span>
      </span>
      {/* Present while empty, so assistive technology announces a failure when it appears. */}
      <span className="status-item status-failure" role="alert">
        {failure !== null
          ? t('status.lastFailure', { message: t(errorMessageKey(failure)), correlationId: failure.correlationId })
          : null}
      </span>
    </footer>
  );
};
