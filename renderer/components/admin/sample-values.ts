import type { TemplateLanguage } from '../../../shared/api/notifications';
import type { NotificationValues } from '../../../shared/domain/notification-template';

type Sample = Omit<NotificationValues, 'customerServiceNumber'>;

/**
 * Made-up cardholder data for the editor's preview, one set per language so each preview reads as
 * a cardholder would receive it. No real person, card or device.
 */
export const SAMPLE_VALUES: Readonly<Record<TemplateLanguage, Sample>> = {
  ja: { fpanLastDigits: '4821', wallet: 'Apple Pay', deviceName: '佐藤さんのiPhone', reason: 'お客様からのご依頼', cardProductName: 'さくらゴールド' },
  en: { fpanLastDigits: '4821', wallet: 'Apple Pay', deviceName: "Misaki's iPhone", reason: 'requested by you', cardProductName: 'Sakura Gold' },
};

/** The same data without the values the wallet or the configuration may not give. */
export const withoutOptional = (sample: Sample): Sample => ({ fpanLastDigits: sample.fpanLastDigits, wallet: sample.wallet });
