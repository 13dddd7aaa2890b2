import { useTranslation } from 'react-i18next';
import type { TokenActionPolicy } from '../../../shared/contract';
import type { TokenOperation } from '../../../shared/domain/transitions';
import { plannedNotification } from './describe-action';

/** Which notification the cardholder will get, said before the agent confirms (issue 5, page 003). */
export const NotificationPlan = ({ operation, policy }: { operation: TokenOperation; policy: TokenActionPolicy | null }) => {
  const { t } = useTranslation();
  return (
    <p className="action-notification-plan" data-testid="action-notification-plan">
      <span className="action-notification-label">{t('actions.notification.label')}: </span>
      {plannedNotification(operation, policy, t)}
    </p>
  );
};
