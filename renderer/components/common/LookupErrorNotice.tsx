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
      remedy={error.code === 'NOT_FOUND' && notFound !== undefined ? <p className="notice-advice">{t(notFound)}</p> : undefined}
      // Not found again is not worth another try: the advice says what to do instead.
      onRetry={error.code === 'NOT_FOUND' ? undefined : onRetry}
    />
  );
};
