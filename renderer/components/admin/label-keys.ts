import type { NotificationChannel, NotificationEvent, TemplateLanguage } from '../../../shared/api/notifications';
import type { PlaceholderName } from '../../../shared/domain/notification-template';
import type { MessageKey } from '../../../shared/i18n';

export const eventLabelKey = {
  STEP_UP_REMINDER: 'notifications.events.STEP_UP_REMINDER',
  ACTIVATION_CONFIRMED: 'notifications.events.ACTIVATION_CONFIRMED',
  ACTIVATION_DECLINED: 'notifications.events.ACTIVATION_DECLINED',
  TOKEN_DELETED: 'notifications.events.TOKEN_DELETED',
  TOKEN_SUSPENDED: 'notifications.events.TOKEN_SUSPENDED',
  TOKEN_RESUMED: 'notifications.events.TOKEN_RESUMED',
} as const satisfies Record<NotificationEvent, MessageKey>;

export const channelLabelKey = {
  SMS: 'notifications.channels.SMS',
  EMAIL: 'notifications.channels.EMAIL',
} as const satisfies Record<NotificationChannel, MessageKey>;

export const languageLabelKey = {
  ja: 'notifications.languages.ja',
  en: 'notifications.languages.en',
} as const satisfies Record<TemplateLanguage, MessageKey>;

export const placeholderLabelKey = {
  fpanLastDigits: 'notifications.placeholders.fpanLastDigits',
  wallet: 'notifications.placeholders.wallet',
  deviceName: 'notifications.placeholders.deviceName',
  reason: 'notifications.placeholders.reason',
  customerServiceNumber: 'notifications.placeholders.customerServiceNumber',
  cardProductName: 'notifications.placeholders.cardProductName',
} as const satisfies Record<PlaceholderName, MessageKey>;
