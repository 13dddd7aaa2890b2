import { NotificationEvent, type NotificationTemplates } from '../../shared/api/notifications';
import { problemField, validateTemplate } from '../../shared/domain/notification-template';
import { ApiFailure } from '../http/errors';
import { templateKeyOf } from '../notifications/defaults';
import type { SandboxStore } from '../store/store';
import type { HandlersFor } from './context';

const ORDER = { events: NotificationEvent.options as readonly string[], languages: ['ja', 'en'], channels: ['SMS', 'EMAIL'] };

/** Templates in a stable order (event, then language, SMS before e-mail) with the settings. */
const templatesOf = (store: SandboxStore): NotificationTemplates => ({
  templates: [...store.notificationTemplates.values()].sort(
    (a, b) =>
      ORDER.events.indexOf(a.event) - ORDER.events.indexOf(b.event) ||
      ORDER.languages.indexOf(a.language) - ORDER.languages.indexOf(b.language) ||
      ORDER.channels.indexOf(a.channel) - ORDER.channels.indexOf(b.channel),
  ),
  settings: store.notificationSettings,
});

/**
 * The issuer's cardholder notification templates and settings
 * (docs/domain.md, "Cardholder notifications"). A template is checked with the one shared validator
 * before anything is stored, so an invalid one is never saved and never sent; the refusal names the
 * first problem in the validator's wire form.
 */
export const notificationHandlers = (
  store: SandboxStore,
): HandlersFor<'listNotificationTemplates' | 'saveNotificationTemplate' | 'saveNotificationSettings'> => ({
  listNotificationTemplates: () => templatesOf(store),

  saveNotificationTemplate: ({ params, body, session, now }) => {
    const problems = validateTemplate({ channel: params.channel, ...body }, store.notificationSettings);
    const [first] = problems;
    if (first) {
      throw new ApiFailure('TEMPLATE_INVALID', `The template has ${problems.length} problem(s), the first ${first.code}; nothing was saved.`, problemField(first));
    }
    const template = { ...params, subject: body.subject, body: body.body, updatedAt: now.toISOString(), updatedBy: session.agent.agentId };
    store.notificationTemplates.set(templateKeyOf(params), template);
    store.changed();
    return template;
  },

  saveNotificationSettings: ({ body }) => {
    if (body.customerServiceNumber === null) {
      // The platform sends nothing without it, and every template prints it.
      throw new ApiFailure('TEMPLATE_INVALID', 'customerServiceNumber: required; the platform sends no notification without it. Nothing was saved.', 'settings.customerServiceNumber:CUSTOMER_SERVICE_NUMBER_NOT_SET');
    }
    store.setNotificationSettings(body);
    return templatesOf(store);
  },
});
