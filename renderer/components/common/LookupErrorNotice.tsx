import { useTranslation } from 'react-i18next';
import type { TypedError } from '../../../shared/contract';
import type { MessageKey } from '../../../shared/i18n';
import { CallErrorNotice } from '../CallErrorNotice';

interface LookupErrorNoticeProps {
  readonly error: TypedError;
  /** What could not be loaded. */
  readonly title: MessageKey;
  /** What to say instead of the general "not found", which tells the agent nothing to do. */
  readonly notFound?: MessageKey;
  readonly onRetry?: () => void;
  readonly testId?: string;
}

/**
 * A failed lookup: what could not be loaded, what happened and what to do (the error's own
 * message), the id to quote, and a way to try again. CANCELLED never gets here: the agent
 * cancelled it by typing on.
 */
export const LookupErrorNotice = ({ error, title, notFound, onRetry, testId }: LookupErrorNoticeProps) => {
  const { t } = useTranslation();
  return (
    <CallErrorNotice
      error={error}
      title={t(title)}
      testId={testId}
      action={
        <>
          {error.code === 'NOT_FOUND' && notFound !== undefined ? <p className="notice-advice">{t(notFound)}</p> : null}
          {onRetry !== undefined && error.code !== 'NOT_FOUND' ? (
            <button type="button" className="button-secondary" onClick={onRetry}>
              {t('errorsView.retry')}
            </button>
          ) : null}
        </>
      }
    />
  );
};
