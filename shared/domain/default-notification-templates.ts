import type { NotificationChannel, NotificationEvent, TemplateLanguage } from '../api/notifications';

/** One template as the training backend starts with it, before an administrator edits it. */
export interface DefaultNotificationTemplate {
  readonly event: NotificationEvent;
  readonly channel: NotificationChannel;
  readonly language: TemplateLanguage;
  readonly subject: string | null;
  readonly body: string;
}

type Wording = Readonly<Record<TemplateLanguage, { readonly sms: string; readonly subject: string; readonly email: string }>>;

/**
 * The training issuer's templates: every event, SMS and e-mail, Japanese and English, written in
 * the platform's template syntax and passing `validateTemplate` (a unit test holds them to it). Each tells the
 * cardholder whom to call: a message about a card they did not add to a wallet is how fraud comes
 * to light. The device sentence is optional because not every wallet names the device.
 */
const WORDING: Readonly<Record<NotificationEvent, Wording>> = {
  STEP_UP_REMINDER: {
    ja: {
      sms: '末尾{{fpanLastDigits}}のカードの{{wallet}}への登録は、まだ有効になっていません。{{ 端末: {{deviceName}}。 }}本人確認のため{{customerServiceNumber}}へお電話ください。お心当たりのない場合も、同じ番号へご連絡ください。',
      subject: '{{wallet}}へのカード登録が完了していません',
      email:
        '{{ {{cardProductName}}をご利用いただきありがとうございます。 }}\n\n末尾{{fpanLastDigits}}のカードの{{wallet}}への登録は、本人確認がお済みでないため、まだお支払いに使えません。{{ 登録した端末: {{deviceName}}。 }}\n\n本人確認は{{customerServiceNumber}}へのお電話で承ります。このお手続きにお心当たりのない場合も、すぐに同じ番号へご連絡ください。',
    },
    en: {
      sms: 'Your card ending {{fpanLastDigits}} in {{wallet}} is not active yet. {{ Device: {{deviceName}}. }} To verify your identity, call {{customerServiceNumber}}. If this was not you, call us too.',
      subject: 'Your card in {{wallet}} is waiting for activation',
      email:
        '{{ Thank you for using your {{cardProductName}}. }}\n\nYour card ending {{fpanLastDigits}} was added to {{wallet}}, but it cannot be used yet because your identity has not been verified. {{ Device: {{deviceName}}. }}\n\nTo verify your identity, call {{customerServiceNumber}}. If you did not add this card, call the same number at once.',
    },
  },
  ACTIVATION_CONFIRMED: {
    ja: {
      sms: '末尾{{fpanLastDigits}}のカードが{{wallet}}でご利用いただけるようになりました。{{ 端末: {{deviceName}}。 }}お心当たりのない場合は{{customerServiceNumber}}へご連絡ください。',
      subject: '{{wallet}}でカードがご利用いただけるようになりました',
      email:
        '{{ {{cardProductName}}をご利用いただきありがとうございます。 }}\n\n末尾{{fpanLastDigits}}のカードが{{wallet}}で有効になり、お支払いに使えるようになりました。{{ 端末: {{deviceName}}。 }}\n\nこのお手続きにお心当たりのない場合は、{{customerServiceNumber}}へすぐにご連絡ください。',
    },
    en: {
      sms: 'Your card ending {{fpanLastDigits}} is now active in {{wallet}}. {{ Device: {{deviceName}}. }} If this was not you, call {{customerServiceNumber}}.',
      subject: 'Your card is ready to use in {{wallet}}',
      email:
        '{{ Thank you for using your {{cardProductName}}. }}\n\nYour card ending {{fpanLastDigits}} is now active in {{wallet}} and ready for payments. {{ Device: {{deviceName}}. }}\n\nIf you did not add this card, call {{customerServiceNumber}} at once.',
    },
  },
  ACTIVATION_DECLINED: {
    ja: {
      sms: '末尾{{fpanLastDigits}}のカードの{{wallet}}への登録は、有効にならずに終了しました。{{ 端末: {{deviceName}}。 }}ご不明な点は{{customerServiceNumber}}へお問い合わせください。',
      subject: '{{wallet}}へのカード登録は完了しませんでした',
      email:
        '末尾{{fpanLastDigits}}のカードの{{wallet}}への登録は、有効にならずに終了しました。カードはウォレットに登録されていません。{{ 端末: {{deviceName}}。 }}\n\nもう一度登録する場合は、ウォレットのアプリから改めてお手続きください。ご不明な点は{{customerServiceNumber}}へお問い合わせください。',
    },
    en: {
      sms: 'Your card ending {{fpanLastDigits}} was not activated in {{wallet}}. {{ Device: {{deviceName}}. }} Questions? Call {{customerServiceNumber}}.',
      subject: 'Your card was not added to {{wallet}}',
      email:
        'Adding your card ending {{fpanLastDigits}} to {{wallet}} ended without activation: the card is not in the wallet. {{ Device: {{deviceName}}. }}\n\nTo try again, add the card from the wallet app. If you have questions, call {{customerServiceNumber}}.',
    },
  },
  TOKEN_DELETED: {
    ja: {
      sms: '末尾{{fpanLastDigits}}のカードを{{wallet}}から削除しました。{{ 端末: {{deviceName}}。 }}{{ 削除の理由は{{reason}}です。 }}詳細は{{customerServiceNumber}}へお問い合わせください。',
      subject: '{{ {{cardProductName}}の }}カードを{{wallet}}から削除しました',
      email:
        '末尾{{fpanLastDigits}}のカードを{{wallet}}から削除しました。{{ 端末: {{deviceName}}。 }}{{ 削除の理由は{{reason}}です。 }}\n\nプラスチックカードはこれまでどおりご利用いただけます。詳細は{{customerServiceNumber}}へお問い合わせください。',
    },
    en: {
      sms: 'Your card ending {{fpanLastDigits}} was removed from {{wallet}}. {{ Device: {{deviceName}}. }} {{ Reason: {{reason}}. }} For details, call {{customerServiceNumber}}.',
      subject: 'Your {{ {{cardProductName}} }} card was removed from {{wallet}}',
      email:
        'Your card ending {{fpanLastDigits}} was removed from {{wallet}}. {{ Device: {{deviceName}}. }} {{ The reason: {{reason}}. }}\n\nYour plastic card still works as before. For details, call {{customerServiceNumber}}.',
    },
  },
  TOKEN_SUSPENDED: {
    ja: {
      sms: '末尾{{fpanLastDigits}}のカードの{{wallet}}でのご利用を一時停止しました。{{ 端末: {{deviceName}}。 }}{{ 理由は{{reason}}です。 }}再開のご相談は{{customerServiceNumber}}へお電話ください。',
      subject: '{{wallet}}でのカードのご利用を一時停止しました',
      email:
        '末尾{{fpanLastDigits}}のカードの{{wallet}}でのご利用を一時停止しました。{{ 端末: {{deviceName}}。 }}{{ 理由は{{reason}}です。 }}\n\nプラスチックカードはこれまでどおりご利用いただけます。再開のご相談は{{customerServiceNumber}}へお電話ください。',
    },
    en: {
      sms: 'Your card ending {{fpanLastDigits}} is suspended in {{wallet}}. {{ Device: {{deviceName}}. }} {{ Reason: {{reason}}. }} To resume it, call {{customerServiceNumber}}.',
      subject: 'Your card is suspended in {{wallet}}',
      email:
        'Your card ending {{fpanLastDigits}} is suspended in {{wallet}}. {{ Device: {{deviceName}}. }} {{ The reason: {{reason}}. }}\n\nYour plastic card still works as before. To resume the card in the wallet, call {{customerServiceNumber}}.',
    },
  },
  TOKEN_RESUMED: {
    ja: {
      sms: '末尾{{fpanLastDigits}}のカードが{{wallet}}で再びご利用いただけるようになりました。{{ 端末: {{deviceName}}。 }}お心当たりのない場合は{{customerServiceNumber}}へご連絡ください。',
      subject: '{{wallet}}でカードのご利用を再開しました',
      email:
        '末尾{{fpanLastDigits}}のカードの{{wallet}}でのご利用を再開しました。{{ 端末: {{deviceName}}。 }}\n\nお心当たりのない場合は、{{customerServiceNumber}}へすぐにご連絡ください。',
    },
    en: {
      sms: 'Your card ending {{fpanLastDigits}} works again in {{wallet}}. {{ Device: {{deviceName}}. }} If this was not you, call {{customerServiceNumber}}.',
      subject: 'Your card works again in {{wallet}}',
      email:
        'Your card ending {{fpanLastDigits}} can be used in {{wallet}} again. {{ Device: {{deviceName}}. }}\n\nIf you did not ask for this, call {{customerServiceNumber}} at once.',
    },
  },
};

const EVENTS = Object.keys(WORDING) as NotificationEvent[];
const LANGUAGES: readonly TemplateLanguage[] = ['ja', 'en'];

/** Every default template: 6 events × SMS and e-mail × Japanese and English. */
export const DEFAULT_NOTIFICATION_TEMPLATES: readonly DefaultNotificationTemplate[] = EVENTS.flatMap((event) =>
  LANGUAGES.flatMap((language): DefaultNotificationTemplate[] => {
    const wording = WORDING[event][language];
    return [
      { event, channel: 'SMS', language, subject: null, body: wording.sms },
      { event, channel: 'EMAIL', language, subject: wording.subject, body: wording.email },
    ];
  }),
);

/** The training issuer's notification settings (the customer-service number is a training one). */
export const DEFAULT_NOTIFICATION_SETTINGS = {
  customerServiceNumber: '0120-000-123',
  issuerSendsOwnOtp: false,
  reminderAfterHours: 24,
} as const;
