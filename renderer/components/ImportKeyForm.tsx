import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { credentialsSelectors } from '../store/credentials/selectors';
import { useDeskStore } from '../store/store-context';
import { CallErrorNotice } from './CallErrorNotice';
import { isEnrolmentCodeError } from './EnrolmentCodeField';

interface ImportKeyFormProps {
  /** The enrolment code typed in the panel, when one is asked for; the panel empties its field. */
  readonly takeEnrolmentCode: () => string | undefined;
}

/**
 * Write-only key import: the pasted PEM goes to main in the call and the field is emptied at once,
 * whatever the answer, so the secret is on screen no longer than it takes to send.
 */
export const ImportKeyForm = ({ takeEnrolmentCode }: ImportKeyFormProps) => {
  const { t } = useTranslation();
  const activity = useDeskStore(credentialsSelectors.activity);
  const outcome = useDeskStore(credentialsSelectors.outcome);
  const importKey = useDeskStore((s) => s.importKey);
  const [pem, setPem] = useState('');
  const busy = activity === 'import';

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (activity !== null || pem.trim() === '') return;
    const typed = pem;
    setPem('');
    await importKey(typed, takeEnrolmentCode());
  };

  return (
    <form className="form import-key" aria-labelledby="import-key-title" noValidate onSubmit={(event) => void submit(event)}>
      <h3 id="import-key-title">{t('credentials.importTitle')}</h3>
      <div className="field">
        <label htmlFor="import-key-pem">{t('credentials.importLabel')}</label>
        <textarea
          id="import-key-pem"
          className="key-text"
          name="pem"
          rows={6}
          value={pem}
          spellCheck={false}
          autoComplete="off"
          autoCorrect="off"
          aria-describedby="import-key-hint"
          onChange={(event) => setPem(event.target.value)}
        />
        <p id="import-key-hint" className="hint">
          {t('credentials.importHint')}
        </p>
      </div>
      {/* A refused enrolment code is shown at its own field, in the panel. */}
      {outcome?.kind === 'failed' && outcome.attempt === 'import' && !isEnrolmentCodeError(outcome.error) ? (
        <CallErrorNotice error={outcome.error} testId="import-key-error" />
      ) : null}
      <div className="form-footer">
        <button type="submit" className="button-secondary" aria-busy={busy} disabled={activity !== null || pem.trim() === ''}>
          {busy ? t('credentials.importing') : t('credentials.importSubmit')}
        </button>
        <div role="status">
          {outcome?.kind === 'imported' ? <p className="notice notice-ok">{t('credentials.imported')}</p> : null}
        </div>
      </div>
    </form>
  );
};
