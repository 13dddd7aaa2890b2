import type { CallOutcome } from '../../shared/api/phone-calls';

/**
 * The training issuer's outcome codes for a phone call's wrap-up, one for each thing an agent
 * mostly does on a card-token call. An administrator replaces the list (`POST /api/v1/call-outcomes`).
 */
export const trainingCallOutcomes = (): CallOutcome[] => [
  { code: 'ACTIVATED_AFTER_VERIFICATION', label: { ja: '本人確認のうえ有効化', en: 'Activated after verification' } },
  { code: 'SUSPENDED_LOST_DEVICE', label: { ja: '端末紛失のため一時停止', en: 'Suspended: lost device' } },
  { code: 'DELETED_ON_REQUEST', label: { ja: 'お客様のご依頼で削除', en: "Deleted at the cardholder's request" } },
  { code: 'EXPLAINED_DECLINE_OR_CANCEL', label: { ja: '否認・キャンセルの理由を説明', en: 'Explained a decline or cancellation' } },
  { code: 'REFERRED_TO_FRAUD', label: { ja: '不正利用窓口へ引き継ぎ', en: 'Referred to fraud' } },
  { code: 'NO_ACTION', label: { ja: '対応なし（案内のみ）', en: 'No action (information only)' } },
];
