import { useTranslation } from 'react-i18next';

/** What the error boundary shows after a rendering bug; the error has gone to main's log by then. */
export const CrashPanel = () => {
  const { t } = useTranslation();
  return (
    <main className="crash-page">
      <section className="panel error-panel" aria-labelledby="crash-title" data-testid="crash-panel">
        <div role="alert">
          <h1 id="crash-title">{t('crash.title')}</h1>
          <p>{t('crash.body')}</p>
        </div>
        <button type="button" className="button-primary" onClick={() => window.location.reload()}>
          {t('crash.reload')}
        </button>
      </section>
    </main>
  );
};
