import type { NotificationSettings, NotificationTemplate, TemplateKey } from '../../shared/api/notifications';
import { DEFAULT_NOTIFICATION_SETTINGS, DEFAULT_NOTIFICATION_TEMPLATES } from '../../shared/domain/default-notification-templates';
import { SEED_EPOCH } from '../seed/epoch';

/** The training issuer's templates as the sandbox starts with them, dated at the seed epoch, edited by nobody. */
export const defaultNotificationTemplates = (): NotificationTemplate[] =>
  DEFAULT_NOTIFICATION_TEMPLATES.map((template) => ({ ...template, updatedAt: SEED_EPOCH.toISOString(), updatedBy: null }));

export const defaultNotificationSettings = (): NotificationSettings => ({ ...DEFAULT_NOTIFICATION_SETTINGS });

/** One template's place in the store: event, channel and language. */
export const templateKeyOf = (key: TemplateKey): string => `${key.event}/${key.channel}/${key.language}`;
