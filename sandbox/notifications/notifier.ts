import type { NotificationEvent } from '../../shared/api/notifications';
import type { Token } from '../../shared/api/model';
import type { EventDetail, TokenEvent } from '../../shared/api/token-event';
import { renderTemplate } from '../../shared/domain/notification-template';
import { notificationRoute } from '../../shared/domain/notification-recipient';
import { cardholderReason } from '../../shared/domain/cardholder-reason';
import { maskContact } from '../store/masking';
import { newEventId, newNotificationId } from '../store/live-ids';
import type { SandboxStore } from '../store/store';
import { templateKeyOf } from './defaults';

/** Why a notification is sent: the token as it is now, the page-003 event, and what links it to its cause. */
export interface NotificationCause {
  readonly token: Token;
  readonly event: NotificationEvent;
  readonly correlationId: string;
  readonly at: Date;
  /** The agent's reason code, worded for the cardholder in the template's language (`{{reason}}`). */
  readonly reasonCode?: string | null;
  /** The agent's operation it follows, so the console finds it among the operation's traces. */
  readonly operationId?: string;
}

/** A notification event holds its text in at most 500 characters; the full text is kept in the store. */
const DETAIL_MAX = 500;

const shorten = (text: string): { text: string; truncated: boolean } =>
  text.length <= DETAIL_MAX ? { text, truncated: false } : { text: `${text.slice(0, DETAIL_MAX - 1)}…`, truncated: true };

/** Earlier notifications of the same kind about the same cause: a notification goes out once. */
const alreadySent = (store: SandboxStore, cause: NotificationCause): boolean =>
  store
    .storedEvents(cause.token.virtualCardId)
    .some((event) => event.kind === 'NOTIFICATION_SENT' && event.detail.template === cause.event && event.correlationId === cause.correlationId);

/**
 * Sends the platform's notification to the cardholder (docs/domain.md, "Cardholder notifications"),
 * as the sandbox plays the platform: renders the issuer's template for the event, channel and
 * language with the shared renderer, keeps what it sent (channel, template, language, masked
 * destination, rendered text) and puts it in the token's timeline as NOTIFICATION_SENT. When the
 * issuer sends its own OTP, or there is no contact, nothing is sent and the timeline says so
 * (status OFF or NO_CHANNEL). Never twice for the same event and cause. Returns the event recorded,
 * or null when it was sent before.
 */
export class Notifier {
  constructor(private readonly store: SandboxStore) {}

  send(cause: NotificationCause): TokenEvent | null {
    const { store } = this;
    if (alreadySent(store, cause)) return null;
    const token = store.tokens.get(cause.token.virtualCardId) ?? cause.token;
    const holder = store.cardholders.get(token.cardholderId);
    const settings = store.notificationSettings;
    const base = {
      eventId: newEventId(),
      virtualCardId: token.virtualCardId,
      occurredAt: cause.at.toISOString(),
      kind: 'NOTIFICATION_SENT' as const,
      // The platform (D1) sends the cardholder notifications.
      actor: { source: 'TSP' as const },
      correlationId: cause.correlationId,
    };
    const common = { template: cause.event, ...(cause.operationId ? { operationId: cause.operationId } : {}) };
    const record = (detail: Omit<EventDetail<'NOTIFICATION_SENT'>, 'template' | 'operationId'>): TokenEvent => {
      const event: TokenEvent = { ...base, detail: { ...common, ...detail } };
      store.recordTokenChange({ token, event });
      return event;
    };

    if (settings.issuerSendsOwnOtp) return record({ status: 'OFF', channel: null, why: 'ISSUER_SENDS_OWN_OTP' });
    // The one rule the action dialogs preview with, so what they show is what is sent.
    const route = notificationRoute(holder);
    if (!route) return record({ status: 'NO_CHANNEL', channel: null });
    const { contact, channel, language } = route;
    const template = store.notificationTemplates.get(templateKeyOf({ event: cause.event, channel, language }));
    const card = store.cards.get(token.issuerCardRefId);
    const rendered = template
      ? renderTemplate(
          { channel, subject: template.subject, body: template.body },
          {
            fpanLastDigits: token.fundingLastFour,
            wallet: token.tokenRequestor.name,
            customerServiceNumber: settings.customerServiceNumber ?? '',
            deviceName: token.device.name,
            reason: cardholderReason(cause.reasonCode, language),
            cardProductName: card?.productName ?? null,
          },
        )
      : null;
    if (!rendered || !rendered.ok) {
      // Templates are validated on save, so this needs a hand-edited data file; said, not hidden.
      const problem = rendered && !rendered.ok ? (rendered.problems[0]?.code ?? 'UNKNOWN') : 'NO_TEMPLATE';
      return record({ status: 'NOT_SENT', channel, language, problem });
    }
    const destination = maskContact(contact).masked;
    const notificationId = newNotificationId();
    const body = shorten(rendered.body);
    const event = record({
      status: 'QUEUED',
      channel,
      language,
      destination,
      notificationId,
      subject: rendered.subject === null ? null : shorten(rendered.subject).text,
      text: body.text,
      ...(body.truncated ? { textTruncated: true } : {}),
    });
    store.sentNotifications.set(notificationId, {
      notificationId,
      virtualCardId: token.virtualCardId,
      eventId: event.eventId,
      sentAt: base.occurredAt,
      template: cause.event,
      channel,
      language,
      destination,
      subject: rendered.subject,
      text: rendered.body,
    });
    store.changed();
    return event;
  }
}
