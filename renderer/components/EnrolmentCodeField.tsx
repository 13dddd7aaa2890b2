import { useTranslation } from 'react-i18next';
import type { TypedError } from '../../shared/contract';
import { CallErrorNotice } from './CallErrorNotice';

interface EnrolmentCodeFieldProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Core's refusal of the code (required, wrong, locked out, spent), shown at the field. */
  readonly error: TypedError | null;
  /** The input's id, unique on the screen (the key panel and the connection form may both ask). */
  readonly id?: string;
  /** What the code is needed for here; the key's hint by default. */
  readonly hint?: string;
}

/** Whether core refused a key call for its enrolment code rather than for the key. */
export const isEnrolmentCodeError = (error: TypedError): boolean => error.fields?.includes('enrolmentCode') === true;

/**
 * The installer's one-time enrolment code, asked for when core says a first key needs it. Like a
 * pasted PEM it lives in this field only until it is sent with the key call.
 */
export const EnrolmentCodeField = ({ value, onChange, error, id = 'enrolment-code', hint }: EnrolmentCodeFieldProps) => {
  const { t } = useTranslation();
  return (
    <div className="field" data-testid={id === 'enrolment-code' ? 'enrolment-code-field' : `${id}-field`}>
      <label htmlFor={id}>{t('credentials.enrolmentCodeLabel')}</label>
      <input
        id={id}
        name="enrolmentCode"
        type="text"
        value={value}
        spellCheck={false}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        aria-required="true"
        aria-invalid={error !== null}
        aria-describedby={error !== null ? `${id}-hint ${id}-error` : `${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
      />
      <p id={`${id}-hint`} className="hint">
        {hint ?? t('credentials.enrolmentCodeHint')}
      </p>
      {error !== null ? (
        <div id={`${id}-error`}>
          <CallErrorNotice error={error} testId={`${id}-error`} />
        </div>
      ) : null}
    </div>
  );
};
