import type { NotificationChannel, NotificationTemplates, TemplateLanguage } from '../../../shared/api/notifications';
import type { Cardholder, Token } from '../../../shared/api/model';
import type { TokenActionPolicy } from '../../../shared/contract';
import { NOTIFICATION_FOR_OPERATION } from '../../../shared/domain/action-notifications';
import { notificationRoute } from '../../../shared/domain/notification-recipient';
import { renderTemplate } from '../../../shared/domain/notification-template';
import type { TokenOperation } from '../../../shared/domain/transitions';

export interface NotificationPreview {
  readonly channel: NotificationChannel;
  readonly language: TemplateLanguage;
  readonly subject: string | null;
  readonly body: string;
}

export interface PreviewInput {
  readonly operation: TokenOperation;
  readonly policy: TokenActionPolicy | null;
  readonly templates: NotificationTemplates | null;
  readonly cardholder: Cardholder | null;
  readonly token: Token;
  /** The chosen reason's label in the notification's language, or null when none is chosen. */
  readonly reasonIn: (language: TemplateLanguage) => string | null;
}

/**
 * The notification the cardholder will receive if the agent confirms, rendered as the sandbox
 * renders what it sends (same route rule, same template, same renderer). Null whenever that cannot
 * be said for sure (notifications off, templates or cardholder not loaded, no contact, a template
 * that does not render): the dialog then names the template only.
 */
export const previewNotification = ({ operation, policy, templates, cardholder, token, reasonIn }: PreviewInput): NotificationPreview | null => {
  if (policy?.platformNotifications === false || templates === null || templates.settings.issuerSendsOwnOtp) return null;
  if (cardholder === null || cardholder.cardholderId !== token.cardholderId) return null;
  const route = notificationRoute(cardholder);
  if (route === null) return null;
  const { channel, language } = route;
  const event = NOTIFICATION_FOR_OPERATION[operation];
  const template = templates.templates.find((one) => one.event === event && one.channel === channel && one.language === language);
  if (template === undefined) return null;
  const card = cardholder.cards.find((one) => one.issuerCardRefId === token.issuerCardRefId);
  const rendered = renderTemplate(
    { channel, subject: template.subject, body: template.body },
    {
      fpanLastDigits: token.fundingLastFour,
      wallet: token.tokenRequestor.name,
      customerServiceNumber: templates.settings.customerServiceNumber ?? '',
      deviceName: token.device.name,
      // As the sandbox sends: an activation gives the cardholder no reason.
      reason: operation === 'activate' ? null : reasonIn(language),
      cardProductName: card?.productName ?? null,
    },
  );
  return rendered.ok ? { channel, language, subject: rendered.subject, body: rendered.body } : null;
};
