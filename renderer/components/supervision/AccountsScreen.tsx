import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format/date-time';
import { roleLabelKey } from '../../i18n/label-keys';
import { sessionSelectors } from '../../store/session/selectors';
import { useDeskStore } from '../../store/store-context';
import { CallErrorNotice } from '../CallErrorNotice';
import { uiLanguage } from '../history/ui-language';
import { useSupervisionTranslation } from './supervision-messages';

/**
 * The agents' accounts: who is locked out and until when, who is signed in. A supervisor lifts a
 * lockout; an administrator in training also sets a training password back to its published value.
 * The backend records each change in its audit trail.
 */
export const AccountsScreen = () => {
  const { t } = useSupervisionTranslation();
  const { t: tMain, i18n } = useTranslation();
  const language = uiLanguage(i18n);
  const accounts = useDeskStore((s) => s.accounts);
  const isAdmin = useDeskStore(sessionSelectors.isAdmin);
  const training = useDeskStore((s) => s.info?.mode === 'training');
  const load = useDeskStore((s) => s.loadAccounts);
  const change = useDeskStore((s) => s.changeAccount);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="accounts-screen" data-testid="accounts-screen">
      <div className="floor-heading">
        <h2 className="supervision-title">{t('accounts.title')}</h2>
        <button type="button" className="button-secondary" onClick={() => void load()} disabled={accounts.loading}>
          {t('accounts.refresh')}
        </button>
        {accounts.loading && accounts.items === null ? <span className="muted">{t('accounts.loading')}</span> : null}
      </div>
      {accounts.error !== null ? <CallErrorNotice error={accounts.error} title={t('accounts.loadFailed')} onRetry={() => void load()} /> : null}
      {accounts.items === null ? null : (
        <table className="floor-figures accounts-table" aria-label={t('accounts.listLabel')} data-testid="accounts-table">
          <thead>
            <tr>
              <th scope="col">{t('accounts.columns.agent')}</th>
              <th scope="col">{t('accounts.columns.role')}</th>
              <th scope="col">{t('accounts.columns.state')}</th>
              <th scope="col">{t('accounts.columns.failed')}</th>
              <th scope="col">{t('accounts.columns.signedIn')}</th>
              <th scope="col">{t('accounts.columns.lastSignIn')}</th>
              <th scope="col">{t('accounts.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.items.map((account) => {
              const busy = accounts.busy === account.agentId;
              const changed = accounts.changed?.agentId === account.agentId ? accounts.changed.change : null;
              const failed = accounts.changeError?.agentId === account.agentId ? accounts.changeError.error : null;
              return (
                <tr key={account.agentId} data-agent-id={account.agentId} data-locked={account.locked || undefined}>
                  <th scope="row">
                    {account.name} <span className="muted">({account.agentId})</span>
                  </th>
                  <td>{tMain(roleLabelKey[account.role])}</td>
                  <td className={account.locked ? 'accounts-locked' : undefined}>
                    {account.locked ? t('accounts.locked', { until: account.lockedUntil === null ? '—' : formatDateTime(account.lockedUntil, language) }) : t('accounts.active')}
                  </td>
                  <td>{account.failedAttempts}</td>
                  <td>{account.signedIn ? t('accounts.signedIn') : t('accounts.signedOut')}</td>
                  <td>{account.lastSignInAt === null ? t('accounts.never') : formatDateTime(account.lastSignInAt, language)}</td>
                  <td>
                    <div className="accounts-actions">
                    {account.locked ? (
                      <button type="button" onClick={() => void change(account.agentId, 'unlock')} disabled={accounts.busy !== null} aria-busy={busy || undefined}>
                        {t('accounts.unlock')}
                      </button>
                    ) : null}
                    {isAdmin && training ? (
                      <button
                        type="button"
                        className="button-secondary"
                        title={t('accounts.resetHint')}
                        onClick={() => void change(account.agentId, 'resetPassword')}
                        disabled={accounts.busy !== null}
                      >
                        {t('accounts.resetPassword')}
                      </button>
                    ) : null}
                    {changed !== null ? (
                      <span role="status" className="accounts-done">
                        {t(changed === 'unlock' ? 'accounts.unlocked' : 'accounts.passwordReset')}
                      </span>
                    ) : null}
                    {failed !== null ? <CallErrorNotice error={failed} /> : null}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
};
