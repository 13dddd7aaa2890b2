import { useTranslation } from 'react-i18next';
import { configSelectors } from '../store/config/selectors';
import { sessionSelectors } from '../store/session/selectors';
import { useDeskStore } from '../store/store-context';

/**
 * Problems main found in the settings files, each with the file, the field and what is wrong. The
 * console opens anyway (the bad values are not used), so this is how anyone learns of them.
 * `offerFix` offers the way to fix them where the agent may open connection settings.
 */
export const ConfigProblemsBanner = ({ offerFix = true }: { offerFix?: boolean }) => {
  const { t } = useTranslation();
  const problems = useDeskStore(configSelectors.problems);
  const canOpen = useDeskStore(sessionSelectors.canOpenConnectionSettings);
  const openSettings = useDeskStore((s) => s.openSettings);
  if (problems.length === 0) return null;
  return (
    <section className="config-problems" aria-labelledby="config-problems-title" data-testid="config-problems">
      <h2 id="config-problems-title">{t('configProblems.title')}</h2>
      <p>{t('configProblems.intro')}</p>
      <ul className="config-problem-list">
        {problems.map((problem, index) => (
          // The list has no identity of its own and is replaced whole; the index is stable within one.
          <li key={index}>
            <dl className="config-problem">
              <dt>{t('configProblems.fileLabel')}</dt>
              <dd>
                <code className="selectable">{problem.file}</code>
              </dd>
              <dt>{t('configProblems.fieldLabel')}</dt>
              <dd>{problem.field !== null ? <code>{problem.field}</code> : t('configProblems.wholeFile')}</dd>
              <dt>{t('configProblems.messageLabel')}</dt>
              {/* Main words these for the administrator who edits the file, in English. */}
              <dd lang="en">{problem.message}</dd>
            </dl>
          </li>
        ))}
      </ul>
      {offerFix ? (
        canOpen ? (
          <button type="button" className="button-secondary" onClick={openSettings}>
            {t('configProblems.openSettings')}
          </button>
        ) : (
          <p className="hint">{t('configProblems.askAdmin')}</p>
        )
      ) : null}
    </section>
  );
};
