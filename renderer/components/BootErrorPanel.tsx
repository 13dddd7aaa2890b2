import { useTranslation } from 'react-i18next';
import type { TypedError } from '../../shared/contract';
import { errorMessageKey } from '../i18n/error-message-key';
import { useDeskStore } from '../store/store-context';
import { CorrelationId } from './CorrelationId';

/** Shown instead of a blank screen when app.info or settings.get fails. */
export const BootErrorPanel = ({ error }: { error: TypedError }) => {
  const { t } = useTranslation();
  const boot = useDeskStore((s) => s.boot);
  return (
    <section className="panel error-panel" aria-labelledby="boot-error-title" data-testid="boot-error">
      <div role="alert">
        <h1 id="boot-error-title">{t('boot.failedTitle')}</h1>
        <p className="error-message">{t(errorMessageKey(error))}</p>
      </div>
      <CorrelationId id={error.correlationId} />
      <p className="hint">{t('boot.correlationIdHint')}</p>
      <button type="button" className="button-primary" onClick={() => void boot()}>
        {t('boot.retry')}
      </button>
    </section>
  );
};
