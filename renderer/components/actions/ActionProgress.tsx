import { useTranslation } from 'react-i18next';
import type { ActionView } from '../../../shared/contract';
import { useLanguage } from '../../hooks/use-language';
import { statusLabelKey } from './action-label-keys';
import { CopyableId } from './CopyableId';
import { failureLines, formatClockTime, isRetrying, reportedNotification } from './describe-action';

/** The four steps in the order the agent sees them pass. */
const STEPS = ['REQUESTED', 'ACCEPTED', 'CONFIRMED'] as const;

/**
 * One action's state in words: where it is (送信中 → 受付済 → 完了, or 失敗 with why), whether it is
 * being retried or was resumed after a restart, the notification it caused, and the correlation id
 * to quote. "Accepted" says plainly that the device may not be updated yet.
 */
export const ActionProgress = ({ action, testId = 'action-progress' }: { action: ActionView; testId?: string }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const failed = action.status === 'FAILED';
  const reached = action.status === 'FAILED' ? -1 : STEPS.indexOf(action.status);
  const hint =
    action.status === 'REQUESTED'
      ? t('actions.status.requestedHint')
      : action.status === 'ACCEPTED'
        ? t('actions.status.acceptedHint')
        : action.status === 'CONFIRMED'
          ? t('actions.status.confirmedHint')
          : null;
  const details = (
    <>
      {hint !== null ? <p className="action-hint">{hint}</p> : null}
      {action.resumedAfterRestart ? <p className="action-hint">{t('actions.status.resumedHint')}</p> : null}
      {action.notification !== null ? (
        <p className="action-notification" data-testid="action-notification">
          <span className="action-notification-label">{t('actions.notification.label')}: </span>
          {reportedNotification(action.notification, t)}
        </p>
      ) : null}
      <CopyableId id={action.correlationId} />
    </>
  );
  return (
    <div className="action-progress" data-testid={testId} data-status={action.status} data-action-id={action.actionId}>
      <ol className="action-steps" aria-label={t('actions.dialog.progressLabel')}>
        {failed ? (
          <li className="action-step" data-state="failed" aria-current="step">
            {t(statusLabelKey.FAILED)}
          </li>
        ) : (
          STEPS.map((step, index) => (
            <li key={step} className="action-step" data-state={index < reached ? 'done' : index === reached ? 'current' : 'todo'} aria-current={index === reached ? 'step' : undefined}>
              {t(statusLabelKey[step])}
            </li>
          ))
        )}
      </ol>
      <p className="action-status-line" role="status" data-testid="action-status">
        {/* The steps above show it; said again here for screen readers, which announce this line. */}
        <span className="visually-hidden">{t(statusLabelKey[action.status])}</span>
        {isRetrying(action) ? (
          <span className="action-retrying" data-testid="action-retrying">
            {t('actions.status.retrying', { count: action.attempts + 1 })}
            {action.nextAttemptAt !== null ? ` · ${t('actions.status.nextAttempt', { time: formatClockTime(action.nextAttemptAt, language) })}` : null}
          </span>
        ) : null}
        {/* More than one send: the agent sees the retries that the one correlation id made harmless. */}
        {action.attempts > 1 && !isRetrying(action) ? (
          <span className="action-attempts" data-testid="action-attempts">
            {t('actions.status.attempts', { count: action.attempts })}
          </span>
        ) : null}
        {action.resumedAfterRestart ? (
          <span className="action-resumed" data-testid="action-resumed" title={t('actions.status.resumedHint')}>
            {t('actions.status.resumed')}
          </span>
        ) : null}
      </p>
      {action.failure !== null ? (
        <ul className="action-failure" data-testid="action-failure" data-failure-code={action.failure.code}>
          {failureLines(action.failure, t, language).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {details}
    </div>
  );
};
