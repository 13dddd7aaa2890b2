import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode, TypedError } from '../../shared/contract';
import { errorMessageKey } from '../i18n/error-message-key';
import { errorCategoryLabelKey } from '../i18n/label-keys';
import { CorrelationId } from './CorrelationId';

/**
 * Failures the agent fixes by changing what they typed: the message says all there is, and a
 * reference number would only suggest calling support about a typo.
 */
const OWN_INPUT: ReadonlySet<ErrorCode> = new Set(['SIGN_IN_FAILED', 'INVALID_INPUT', 'CONFIG_INVALID', 'KEY_INVALID', 'ENROLMENT_CODE_REQUIRED', 'ENROLMENT_CODE_WRONG']);

/**
 * Failures whose message says everything the backend's code would: repeating "SIGN_IN_FAILED (D)"
 * under "the agent id or password is wrong" only adds noise. The backend's code is shown for the rest,
 * the BACKEND_* failures above all, where support needs it.
 */
const SELF_EXPLANATORY: ReadonlySet<ErrorCode> = new Set([...OWN_INPUT, 'ACCOUNT_LOCKED', 'SIGNED_OUT', 'SESSION_LOCKED', 'FORBIDDEN_ROLE']);

interface CallErrorNoticeProps {
  readonly error: TypedError;
  /** What failed, when the message alone would not say (a list that could not be loaded). */
  readonly title?: string;
  /** What else the agent can do about it, such as a button to the connection settings. */
  readonly remedy?: ReactNode;
  /** Loads again what failed to load: a button, under `retryLabel` (by default "try again"). */
  readonly onRetry?: () => void;
  readonly retryLabel?: string;
  readonly testId?: string;
}

/**
 * A failed call, said in the agent's language: what happened, the backend's own code, the id to
 * quote, and, for what can simply be loaded again, the button that does it.
 */
export const CallErrorNotice = ({ error, title, remedy, onRetry, retryLabel, testId }: CallErrorNoticeProps) => {
  const { t } = useTranslation();
  const { backend } = error;
  return (
    <div className="notice notice-error" role="alert" data-testid={testId} data-error-code={error.code}>
      {title !== undefined ? <p className="notice-message">{title}</p> : null}
      <p className="notice-message">{t(errorMessageKey(error))}</p>
      {backend !== undefined && !SELF_EXPLANATORY.has(error.code) ? (
        <p className="notice-detail">
          {backend.field !== undefined
            ? t('errorDetail.backendField', {
                code: backend.code,
                category: backend.category,
                categoryName: t(errorCategoryLabelKey[backend.category]),
                field: backend.field,
              })
            : t('errorDetail.backend', {
                code: backend.code,
                category: backend.category,
                categoryName: t(errorCategoryLabelKey[backend.category]),
              })}
        </p>
      ) : null}
      {OWN_INPUT.has(error.code) ? null : <CorrelationId id={error.correlationId} />}
      {remedy ?? null}
      {onRetry !== undefined ? (
        <button type="button" className="button-secondary" onClick={onRetry}>
          {retryLabel ?? t('errorsView.retry')}
        </button>
      ) : null}
    </div>
  );
};
