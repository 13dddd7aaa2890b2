import type { DeepStringRecord } from './messages';
import type { jaNotifications } from './ja-notifications';

/** English text of cardholder notifications; the same keys as `ja-notifications.ts`. */
export const enNotifications: DeepStringRecord<typeof jaNotifications> = {
  title: 'Cardholder notifications',
};
