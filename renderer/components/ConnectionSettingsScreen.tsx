import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useEscapeKey } from '../hooks/use-escape-key';
import { useReturnFocus } from '../hooks/use-return-focus';
import { configSelectors } from '../store/config/selectors';
import { useDeskStore } from '../store/store-context';
import { CallErrorNotice } from './CallErrorNotice';
import { ConfigProblemsBanner } from './ConfigProblemsBanner';
import { ConnectionForm } from './ConnectionForm';
import { WorkstationKeyPanel } from './WorkstationKeyPanel';

/**
 * Workstation setup: the backend connection and the key. Before sign-in anyone at the workstation
 * may open it; signed in, only an administrator. Escape or Close returns to where the agent was.
 */
export const ConnectionSettingsScreen = () => {
  const { t } = useTranslation();
  const config = useDeskStore(configSelectors.config);
  const loadError = useDeskStore(configSelectors.loadError);
  const loading = useDeskStore(configSelectors.isLoading);
  const closeSettings = useDeskStore((s) => s.closeSettings);
  const loadConfig = useDeskStore((s) => s.loadConfig);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useReturnFocus();
  useEscapeKey(closeSettings);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  return (
    <section className="settings-screen" aria-labelledby="connection-title" data-testid="connection-settings">
      <header className="settings-header">
        <div>
          <h1 id="connection-title" ref={headingRef} tabIndex={-1}>
            {t('connection.title')}
          </h1>
          <p className="hint">{t('connection.intro')}</p>
        </div>
        <div className="settings-close">
          <button type="button" className="button-secondary" aria-keyshortcuts="Escape" onClick={closeSettings}>
            {t('connection.close')}
          </button>
          <p className="hint">{t('connection.closeHint')}</p>
        </div>
      </header>
      <ConfigProblemsBanner offerFix={false} />
      <div className="settings-columns">
        <div className="settings-section">
          {config !== null && !loading ? (
            <>
              <ConnectionForm config={config} />
              <h3 className="config-files-title" id="config-files-title">
                {t('connection.filesLegend')}
              </h3>
              <dl className="config-files" aria-labelledby="config-files-title">
                <dt>{t('connection.userFile')}</dt>
                <dd>
                  <code className="selectable">{config.files.user}</code>
                </dd>
                <dt>{t('connection.machineFile')}</dt>
                <dd>
                  <code className="selectable">{config.files.machine}</code>
                </dd>
              </dl>
            </>
          ) : loadError !== null && !loading ? (
            <CallErrorNotice
              error={loadError}
              title={t('connection.loadFailed')}
              onRetry={() => void loadConfig()}
              retryLabel={t('connection.retry')}
            />
          ) : (
            <p className="loading-state" role="status">
              {t('connection.loading')}
            </p>
          )}
        </div>
        <WorkstationKeyPanel />
      </div>
    </section>
  );
};
