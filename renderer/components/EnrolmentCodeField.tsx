import { useTranslation } from 'react-i18next';
import type { TypedError } from '../../shared/contract';
import { CallErrorNotice } from './CallErrorNotice';

interface EnrolmentCodeFieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Core's refusal of the code (required, wrong, locked out, spent), shown at the field. */
  readonly error: TypedError | null;
}

/** Whether core refused a key call for its enrolment code rather than for the key. */
export const isEnrolmentCodeError = (error: TypedError): boolean => error.fields?.includes('enrolmentCode') === true;

/**
 * The installer's one-time enrolment code, asked for when core says a first key needs it. Like a
 * pasted PEM it lives in this field only until it is sent with the key call.
 */
export const EnrolmentCodeField = ({ value, onChange, error }: EnrolmentCodeFieldProps) => {
  const { t } = useTranslation();
  return (
    <div className="field" data-testid="enrolment-code-field">
      <label htmlFor="enrolment-code">{t('credentials.enrolmentCodeLabel')}</label>
      <input
        id="enrolment-code"
        name="enrolmentCode"
        type="text"
        value={value}
        spellCheck={false}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        aria-required="true"
        aria-invalid={error !== null}
        aria-describedby={error !== null ? 'enrolment-code-hint enrolment-code-error' : 'enrolment-code-hint'}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id="enrolment-code-hint" className="hint">
        {t('credentials.enrolmentCodeHint')}
      </p>
      {error !== null ? (
        <div id="enrolment-code-error">
          <CallErrorNotice error={error} testId="enrolment-code-error" />
        </div>
      ) : null}
    </div>
  );
};
