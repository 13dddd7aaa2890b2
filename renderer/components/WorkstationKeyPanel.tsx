import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { MessageKey } from '../../shared/i18n';
import { credentialsSelectors, type StorageWarning } from '../store/credentials/selectors';
import { useDeskStore } from '../store/store-context';
import { CallErrorNotice } from './CallErrorNotice';
import { EnrolmentCodeField, isEnrolmentCodeError } from './EnrolmentCodeField';
import { ImportKeyForm } from './ImportKeyForm';
import { PublicKeyDisplay } from './PublicKeyDisplay';

const warningKey = {
  notPersisted: 'credentials.notPersistedWarning',
  plaintext: 'credentials.plaintextWarning',
} as const satisfies Record<StorageWarning, MessageKey>;

/** The workstation key: its status, a new key pair, or an imported one. Never any private material. */
export const WorkstationKeyPanel = () => {
  const { t } = useTranslation();
  const status = useDeskStore(credentialsSelectors.status);
  const statusError = useDeskStore(credentialsSelectors.statusError);
  const publicKey = useDeskStore(credentialsSelectors.publicKey);
  const activity = useDeskStore(credentialsSelectors.activity);
  const outcome = useDeskStore(credentialsSelectors.outcome);
  const warnings = useDeskStore(useShallow(credentialsSelectors.storageWarnings));
  const generateKey = useDeskStore((s) => s.generateKey);
  const mayChange = useDeskStore(credentialsSelectors.mayChangeSetup);
  const [confirming, setConfirming] = useState(false);
  // The installer's one-time code, when core says the first key needs it; emptied once sent.
  const [enrolmentCode, setEnrolmentCode] = useState('');
  const asksForCode = useDeskStore(credentialsSelectors.asksForEnrolmentCode);
  const codeError = outcome?.kind === 'failed' && isEnrolmentCodeError(outcome.error) ? outcome.error : null;
  const takeCode = (): string | undefined => {
    if (!asksForCode) return undefined;
    const typed = enrolmentCode;
    setEnrolmentCode('');
    return typed;
  };

  const generate = (): void => {
    setConfirming(false);
    void generateKey(takeCode());
  };

  return (
    <section className="settings-section" aria-labelledby="workstation-key-title" data-testid="workstation-key">
      <h2 id="workstation-key-title">{t('credentials.title')}</h2>
      <p className="hint">{t('credentials.intro')}</p>
      {status === null ? (
        statusError !== null ? (
          <CallErrorNotice error={statusError} />
        ) : (
          <p className="loading-state" role="status">
            {t('credentials.loading')}
          </p>
        )
      ) : (
        <dl className="key-status" data-testid="key-status">
          <dt>{t('credentials.statusLabel')}</dt>
          <dd data-configured={status.configured}>{status.configured ? t('credentials.configured') : t('credentials.notConfigured')}</dd>
          <dt>{t('credentials.keyIdLabel')}</dt>
          <dd>{status.keyId !== null ? <code className="selectable">{status.keyId}</code> : t('credentials.none')}</dd>
          <dt>{t('credentials.storageLabel')}</dt>
          <dd>
            <code>{status.storageBackend}</code>
          </dd>
          <dt>{t('credentials.persistedLabel')}</dt>
          <dd>{status.persisted ? t('credentials.persisted') : t('credentials.notPersisted')}</dd>
        </dl>
      )}
      {warnings.map((warning) => (
        <p key={warning} className="notice notice-warning" data-testid={`key-warning-${warning}`}>
          {t(warningKey[warning])}
        </p>
      ))}

      {!mayChange ? (
        <p className="notice" data-testid="key-admin-required">
          {t('errors.adminRequired')}
        </p>
      ) : null}
      {asksForCode ? <EnrolmentCodeField value={enrolmentCode} onChange={setEnrolmentCode} error={codeError} /> : null}
      <div className="key-actions" hidden={!mayChange}>
        {confirming ? (
          <div className="confirm" role="group" aria-labelledby="replace-key-question">
            <p id="replace-key-question">{t('credentials.replaceConfirm')}</p>
            <button type="button" className="button-danger" onClick={generate}>
              {t('credentials.replace')}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
              {t('credentials.cancel')}
            </button>
          </div>
        ) : (
          <button
            type="button"
            className="button-secondary"
            aria-busy={activity === 'generate'}
            disabled={activity !== null}
            // Replacing a key the backend knows cuts the workstation off until the new one is registered: ask first.
            onClick={() => (status?.configured === true ? setConfirming(true) : generate())}
          >
            {activity === 'generate' ? t('credentials.generating') : t('credentials.generate')}
          </button>
        )}
      </div>
      <div role="status">
        {outcome?.kind === 'generated' ? <p className="notice notice-ok">{t('credentials.generated')}</p> : null}
      </div>
      {outcome?.kind === 'failed' && outcome.attempt === 'generate' && codeError === null ? (
        <CallErrorNotice error={outcome.error} testId="generate-key-error" />
      ) : null}
      {publicKey !== null ? <PublicKeyDisplay publicKey={publicKey} /> : null}
      {mayChange ? <ImportKeyForm takeEnrolmentCode={takeCode} /> : null}
    </section>
  );
};
