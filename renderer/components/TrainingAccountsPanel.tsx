import { useTranslation } from 'react-i18next';
import type { TrainingAccount } from '../../shared/contract';
import { modeLabelKey, roleLabelKey } from '../i18n/label-keys';
import { sessionSelectors } from '../store/session/selectors';
import { useDeskStore } from '../store/store-context';
import { CallErrorNotice } from './CallErrorNotice';

/**
 * The training backend's accounts, passwords included: they are published training data, and an
 * agent in a course should not need a handout to sign in. Shown in training mode only.
 */
export const TrainingAccountsPanel = ({ onUse }: { onUse: (account: TrainingAccount) => void }) => {
  const { t } = useTranslation();
  const accounts = useDeskStore(sessionSelectors.trainingAccounts);
  const error = useDeskStore(sessionSelectors.trainingAccountsError);
  return (
    <section className="panel training-panel" aria-labelledby="training-accounts-title" data-testid="training-accounts">
      <h2 id="training-accounts-title">
        <span className="mode-badge" data-mode="training">
          {t(modeLabelKey.training)}
        </span>{' '}
        {t('training.panelTitle')}
      </h2>
      <p className="hint">{t('training.panelIntro')}</p>
      {error !== null ? <CallErrorNotice error={error} title={t('training.loadFailed')} /> : null}
      {accounts.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('training.nameColumn')}</th>
                <th scope="col">{t('training.agentIdColumn')}</th>
                <th scope="col">{t('training.roleColumn')}</th>
                <th scope="col">{t('training.passwordColumn')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('training.actionColumn')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((account) => (
                <tr key={account.agentId}>
                  <th scope="row">{account.name}</th>
                  <td>
                    <code>{account.agentId}</code>
                  </td>
                  <td>{t(roleLabelKey[account.role])}</td>
                  <td>
                    <code className="selectable">{account.password}</code>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={t('training.useLabel', { name: account.name, role: t(roleLabelKey[account.role]) })}
                      onClick={() => onUse(account)}
                    >
                      {t('training.use')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
};
