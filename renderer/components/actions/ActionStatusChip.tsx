import { useTranslation } from 'react-i18next';
import type { ActionView } from '../../../shared/contract';
import { operationLabelKey, statusLabelKey } from './action-label-keys';
import { isRetrying } from './describe-action';

/** A token's latest action in a few words, for its row: "一時停止: 受付済" (or just "受付済" where the operation is said already). */
export const ActionStatusChip = ({ action, withOperation = true }: { action: ActionView; withOperation?: boolean }) => {
  const { t } = useTranslation();
  const status = isRetrying(action) ? t('actions.status.retrying', { count: action.attempts + 1 }) : t(statusLabelKey[action.status]);
  return (
    <span className="action-chip" data-status={action.status} data-testid="action-chip" data-action-id={action.actionId}>
      <span className="action-chip-mark" aria-hidden="true" />
      {withOperation ? t('actions.status.chip', { operation: t(operationLabelKey[action.operation]), status }) : status}
      {action.resumedAfterRestart ? <span className="action-chip-resumed"> · {t('actions.status.resumed')}</span> : null}
    </span>
  );
};
