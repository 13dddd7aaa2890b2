import type { TemplateLanguage } from '../api/notifications';

/**
 * `{{reason}}` in a cardholder notification: the agent's reason code in words the
 * cardholder reads, in the notification's language. Not the agent's labels ("その他（コメント必須）"
 * speaks to the agent) and never the agent's comment (internal). A code without a phrase here
 * (OTHER, an activation) gives no reason, so the optional sentence is left out whole.
 * The backend fills the template with this and the action dialogs preview with it, so they agree.
 */
const PHRASES: Readonly<Record<string, Readonly<Record<TemplateLanguage, string>>>> = {
  DEVICE_LOST: { ja: '端末の紛失', en: 'a lost device' },
  DEVICE_STOLEN: { ja: '端末の盗難', en: 'a stolen device' },
  DEVICE_FOUND: { ja: '端末が見つかったため', en: 'your device was found' },
  FRAUD_SUSPECTED: { ja: '不正利用の疑い', en: 'suspected fraud' },
  FRAUD_CONFIRMED: { ja: '不正利用', en: 'fraud' },
  NO_FRAUD: { ja: '不正利用ではないことの確認', en: 'no fraud was found' },
  ACCOUNT_CLOSED: { ja: 'カードの解約', en: 'the card was closed' },
  CARDHOLDER_REQUEST: { ja: 'お客様からのご依頼', en: 'your request' },
};

export const cardholderReason = (reasonCode: string | null | undefined, language: TemplateLanguage): string | null =>
  reasonCode && Object.hasOwn(PHRASES, reasonCode) ? (PHRASES[reasonCode]?.[language] ?? null) : null;
