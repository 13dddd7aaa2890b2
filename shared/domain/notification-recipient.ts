import type { NotificationChannel, TemplateLanguage } from '../api/notifications';

/** A contact as both the backend's records and the console's masked view have it. */
export interface RecipientContact {
  readonly channel: 'PHONE' | 'EMAIL';
}

export interface RecipientName {
  readonly kanji: string | null;
  readonly kana: string | null;
}

export interface NotificationRoute<C extends RecipientContact> {
  readonly contact: C;
  readonly channel: NotificationChannel;
  readonly language: TemplateLanguage;
}

/**
 * Where and in which language the platform sends a cardholder notification
 * (docs/domain.md, "Cardholder notifications"): SMS when the cardholder has a phone, else e-mail;
 * null when there is no contact. The issuer's records hold no language, so a cardholder with a
 * Japanese name gets Japanese and one with a Latin name only (a foreign resident) gets English. The
 * sandbox sends with it and the action dialogs preview with it, so the preview is what is sent.
 */
export const notificationRoute = <C extends RecipientContact>(
  holder: { readonly name: RecipientName; readonly contacts: readonly C[] } | null | undefined,
): NotificationRoute<C> | null => {
  const contacts = holder?.contacts ?? [];
  const contact = contacts.find((one) => one.channel === 'PHONE') ?? contacts.find((one) => one.channel === 'EMAIL');
  if (!holder || !contact) return null;
  return {
    contact,
    channel: contact.channel === 'PHONE' ? 'SMS' : 'EMAIL',
    language: holder.name.kanji || holder.name.kana ? 'ja' : 'en',
  };
};
