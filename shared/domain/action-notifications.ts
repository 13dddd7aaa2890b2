import type { NotificationEvent } from '../api/notifications';
import type { TokenOperation } from './transitions';

/** The cardholder notification each agent operation causes once the TSP confirms it (docs/domain.md, "Cardholder notifications"). */
export const NOTIFICATION_FOR_OPERATION: Readonly<Record<TokenOperation, NotificationEvent>> = {
  activate: 'ACTIVATION_CONFIRMED',
  suspend: 'TOKEN_SUSPENDED',
  resume: 'TOKEN_RESUMED',
  delete: 'TOKEN_DELETED',
};
