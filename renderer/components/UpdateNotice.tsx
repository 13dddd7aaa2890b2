import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { messageKeyFor } from '../../shared/contract';
import { useDeskStore } from '../store/store-context';

/**
 * A small header notice once main has downloaded and verified an update. It never interrupts: the
 * update installs when the console quits, or now if the agent chooses (refused by main while an
 * action is under way, which the notice then says).
 */
export const UpdateNotice = () => {
  const { t } = useTranslation();
  const update = useDeskStore((s) => s.update);
  const installing = useDeskStore((s) => s.updateInstalling);
  const installError = useDeskStore((s) => s.updateInstallError);
  const loadUpdateStatus = useDeskStore((s) => s.loadUpdateStatus);
  const installUpdate = useDeskStore((s) => s.installUpdate);

  useEffect(() => {
    void loadUpdateStatus();
  }, [loadUpdateStatus]);

  if (update?.state !== 'ready' || update.version === undefined) return null;
  const held = update.heldByActions || installError?.code === 'UPDATE_HELD';
  const hint = held ? t('updates.heldByActions') : t('updates.readyHint');
  return (
    <section className="update-notice" role="status" aria-live="polite" title={hint} data-testid="update-notice">
      <span className="update-notice-text">{t('updates.ready', { version: update.version })}</span>
      <span className="update-notice-hint">{hint}</span>
      {installError !== null && installError.code !== 'UPDATE_HELD' ? (
        <span className="update-notice-hint" role="alert">
          {t(messageKeyFor[installError.code] as 'errors.internal')}
        </span>
      ) : null}
      <button type="button" className="button-secondary" disabled={installing || held} aria-busy={installing} onClick={() => void installUpdate()}>
        {installing ? t('updates.installing') : t('updates.installNow')}
      </button>
    </section>
  );
};
