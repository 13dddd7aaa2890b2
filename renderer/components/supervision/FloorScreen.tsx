import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { PeriodFigures } from '../../../shared/contract';
import type { FloorAlert } from '../../../shared/domain/floor-alerts';
import { TOKEN_OPERATIONS } from '../../../shared/domain/transitions';
import { formatDateTime } from '../../format/date-time';
import { useDeskStore } from '../../store/store-context';
import { CallErrorNotice } from '../CallErrorNotice';
import { uiLanguage } from '../history/ui-language';
import { FloorAlertRules } from './FloorAlertRules';
import { FloorChart } from './FloorChart';
import { useSupervisionTranslation } from './supervision-messages';

/**
 * The floor follows the live stream (core folds each new audit record and approval into it and
 * sends it as floor.changed), so nothing reads it on a timer while the stream is up. Only while the
 * stream is down is it read again, this often, as a safety net; back up, it is read once.
 */
const SAFETY_REFRESH_MS = 30_000;

/** Reads the floor once on screen, once more on each reconnection, and on a slow timer only while the stream is down. */
const useFollowedFloor = (loadFloor: () => Promise<void>, live: string | null): void => {
  const wasConnected = useRef<boolean | null>(null);
  useEffect(() => {
    void loadFloor();
  }, [loadFloor]);
  useEffect(() => {
    const connected = live === 'connected';
    // Back after a drop: what happened meanwhile may be older than the replay the backend keeps.
    if (connected && wasConnected.current === false) void loadFloor();
    wasConnected.current = connected;
    if (connected) return undefined;
    const timer = setInterval(() => void loadFloor(), SAFETY_REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, loadFloor]);
};

const AlertText = ({ alert }: { readonly alert: FloorAlert }) => {
  const { t } = useSupervisionTranslation();
  switch (alert.rule) {
    case 'ACTIVATIONS_PER_HOUR':
      return <>{t('floor.alert.ACTIVATIONS_PER_HOUR', { agent: alert.agentId, count: alert.count, max: alert.max })}</>;
    case 'OUTSIDE_BUSINESS_HOURS':
      return <>{t('floor.alert.OUTSIDE_BUSINESS_HOURS', { agent: alert.agentId, count: alert.count })}</>;
    case 'DELETES_ON_CARDHOLDER':
      return <>{t('floor.alert.DELETES_ON_CARDHOLDER', { cardholder: alert.cardholderId, count: alert.count, max: alert.max })}</>;
    case 'TAMPERED_JOURNAL':
      return <>{t('floor.alert.TAMPERED_JOURNAL', { workstation: alert.workstationId })}</>;
  }
};

const FiguresRow = ({ label, figures }: { readonly label: string; readonly figures: PeriodFigures }) => {
  const { t } = useSupervisionTranslation();
  return (
    <tr>
      <th scope="row">{label}</th>
      {TOKEN_OPERATIONS.map((operation) => (
        <td key={operation}>{figures.actions[operation]}</td>
      ))}
      <td>{figures.refused}</td>
      <td>{figures.confirmed}</td>
      <td>{figures.failed}</td>
      <td>{figures.phoneCalls}</td>
      <td>{figures.medianSecondsToFirstAction === null ? '—' : t('floor.seconds', { seconds: Math.round(figures.medianSecondsToFirstAction) })}</td>
    </tr>
  );
};

/**
 * The floor today: alerts from the shared rules (each opens the records behind it in the audit
 * list), the approval requests waiting, each agent's and the team's figures, actions per hour as a
 * chart, and the latest actions (each opening its audit record or its token's history), live.
 */
const FloorScreen = () => {
  const { t } = useSupervisionTranslation();
  const { t: tMain, i18n } = useTranslation();
  const language = uiLanguage(i18n);
  const floor = useDeskStore((s) => s.floor);
  const loadFloor = useDeskStore((s) => s.loadFloor);
  const showAlertRecords = useDeskStore((s) => s.showAlertRecords);
  const showFloorRecord = useDeskStore((s) => s.showFloorRecord);
  const openApprovals = useDeskStore((s) => s.setSupervisionTab);
  const live = useDeskStore((s) => s.liveStatus?.state ?? null);
  const { overview } = floor;
  useFollowedFloor(loadFloor, live);
  const approvals = overview?.approvals;

  return (
    <div className="floor-screen" data-testid="floor-screen">
      <div className="floor-heading">
        <h2 className="supervision-title">{t('floor.title')}</h2>
        <button type="button" className="button-secondary" onClick={() => void loadFloor()} disabled={floor.loading}>
          {t('floor.refresh')}
        </button>
        <span className="muted" role="status">
          {floor.loading && overview === null ? t('floor.loading') : overview === null ? '' : t('floor.updated', { time: formatDateTime(new Date().toISOString(), language) })}
        </span>
      </div>
      {floor.error !== null ? <CallErrorNotice error={floor.error} title={t('floor.loadFailed')} onRetry={() => void loadFloor()} /> : null}
      {overview === null ? null : (
        <>
          <p className="floor-note" data-testid="floor-live" data-live={live === 'connected' ? 'following' : 'down'}>
            {live === 'connected' ? t('floor.live.following') : t('floor.live.down', { seconds: SAFETY_REFRESH_MS / 1000 })}
          </p>
          {overview.truncated ? <p className="floor-note">{t('floor.truncated', { count: 20_000 })}</p> : null}
          <section className="floor-section" aria-labelledby="floor-alerts-title">
            <h3 id="floor-alerts-title">{t('floor.alertsTitle')}</h3>
            {overview.alerts.length === 0 ? (
              <p className="muted">{t('floor.noAlerts')}</p>
            ) : (
              <ul className="floor-alerts" data-testid="floor-alerts">
                {overview.alerts.map((alert, index) => (
                  <li key={`${alert.rule}-${String(index)}`} data-rule={alert.rule}>
                    <AlertText alert={alert} />
                    <button type="button" className="button-secondary" onClick={() => void showAlertRecords(alert)}>
                      {t('floor.showRecords')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <FloorAlertRules onSaved={() => void loadFloor()} />
          {approvals === undefined ? null : (
            <section className="floor-section" aria-labelledby="floor-approvals-title" data-testid="floor-approvals" data-pending={approvals.pending}>
              <h3 id="floor-approvals-title">{t('floor.live.approvalsTitle')}</h3>
              {approvals.oldest === null ? (
                <p className="muted">{t('floor.live.approvalsNone')}</p>
              ) : (
                <p>
                  {t('floor.live.approvalsPending', { count: approvals.pending })}{' '}
                  <span className="muted">{t('floor.live.approvalsOldest', { agent: approvals.oldest.agentName, time: formatDateTime(approvals.oldest.requestedAt, language) })}</span>{' '}
                  <button type="button" className="button-secondary" onClick={() => openApprovals('approvals')}>
                    {t('floor.live.openApprovals')}
                  </button>
                </p>
              )}
            </section>
          )}
          <div className="floor-columns">
            <section className="floor-section" aria-labelledby="floor-figures-title">
              <h3 id="floor-figures-title">{t('floor.figuresTitle')}</h3>
              <table className="floor-figures" data-testid="floor-figures">
                <thead>
                  <tr>
                    <th scope="col">{t('floor.columns.agent')}</th>
                    {TOKEN_OPERATIONS.map((operation) => (
                      <th key={operation} scope="col">
                        {t(`floor.columns.${operation}`)}
                      </th>
                    ))}
                    <th scope="col">{t('floor.columns.refused')}</th>
                    <th scope="col">{t('floor.columns.confirmed')}</th>
                    <th scope="col">{t('floor.columns.failed')}</th>
                    <th scope="col">{t('floor.columns.phoneCalls')}</th>
                    <th scope="col">{t('floor.columns.median')}</th>
                  </tr>
                </thead>
                <tbody>
                  {overview.agents.map((agent) => (
                    <FiguresRow key={agent.agentId} label={`${agent.name} (${agent.agentId})`} figures={agent.figures} />
                  ))}
                </tbody>
                <tfoot>
                  <FiguresRow label={t('floor.team')} figures={overview.team} />
                </tfoot>
              </table>
              <p className="floor-note">{t('floor.figuresNote')}</p>
            </section>
            <section className="floor-section" aria-labelledby="floor-chart-title">
              <h3 id="floor-chart-title">{t('floor.chartTitle')}</h3>
              <FloorChart hourly={overview.hourly} />
            </section>
          </div>
          <section className="floor-section" aria-labelledby="floor-recent-title">
            <h3 id="floor-recent-title">{t('floor.recentTitle')}</h3>
            {overview.recent.length === 0 ? (
              <p className="muted">{t('floor.noRecent')}</p>
            ) : (
              <ol className="floor-recent" data-testid="floor-recent">
                {overview.recent.map((record) => (
                  <li key={record.recordId} data-outcome={record.outcome} data-record-id={record.recordId} data-token-id={record.token?.virtualCardId ?? ''}>
                    <span className="audit-at">{formatDateTime(record.at, language)}</span>
                    <span>{record.actor.type === 'AGENT' ? record.actor.name : t('audit.platform')}</span>
                    <span>
                      {t(`audit.kind.${record.kind}`)}
                      {'operation' in record.detail ? `: ${t(`audit.operation.${record.detail.operation}`)}` : ''}
                    </span>
                    <span className="audit-last-four">{record.token === null ? '' : `•${record.token.tokenLastFour}`}</span>
                    <span>{t(`audit.outcome.${record.outcome}`)}</span>
                    <span className="muted">{record.actor.type === 'AGENT' ? tMain(`role.${record.actor.role}`) : ''}</span>
                    <span className="floor-recent-links">
                      <button type="button" className="button-link" onClick={() => void showFloorRecord(record, 'audit')}>
                        {t('floor.live.showRecord')}
                      </button>
                      {record.token === null || record.cardholder === null ? null : (
                        <button type="button" className="button-link" onClick={() => void showFloorRecord(record, 'token')}>
                          {t('floor.live.showToken')}
                        </button>
                      )}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      )}
    </div>
  );
};
export default FloorScreen;
