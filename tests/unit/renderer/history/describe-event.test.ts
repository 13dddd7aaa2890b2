import { describe, expect, it } from 'vitest';
import type { Decision, IdvMethod } from '../../../../shared/api/model';
import type { Language } from '../../../../shared/contract';
import { createI18n } from '../../../../renderer/i18n/create-i18n';
import { describeEvent, sourceText } from '../../../../renderer/components/history/describe-event';
import { translator } from '../../../../renderer/components/history/ui-language';
import { buildEvent } from './builders';

const say = (language: Language) => {
  const t = translator(createI18n(language).t);
  return { describe: (event: ReturnType<typeof buildEvent>) => describeEvent(event, t, language), source: (event: ReturnType<typeof buildEvent>) => sourceText(event.actor, t, event.detail) };
};
const ja = say('ja');
const en = say('en');
const agent = { source: 'ISSUER', agentId: 'agent.yamada', agentName: '山田 太郎' } as const;

describe('describeEvent: one plain sentence per kind', () => {
  it('digitization requested: the wallet and the device', () => {
    const event = buildEvent({
      kind: 'DIGITIZATION_REQUESTED',
      detail: { walletProviderId: 'APPLE_PAY', tokenRequestorId: '40010030273', deviceType: 'PHONE', deviceName: 'Hanako の iPhone', isPrimary: true },
    });
    expect(ja.describe(event)).toBe('Apple Payから「Hanako の iPhone」（スマートフォン）へのデジタルカード発行が要求されました。');
    expect(en.describe(event)).toBe('Digital card requested by Apple Pay for “Hanako の iPhone” (phone).');
    // A device the wallet gave no name is named by its type.
    expect(en.describe(buildEvent({ kind: 'DIGITIZATION_REQUESTED' }))).toBe('Digital card requested by Apple Pay for phone.');
  });

  it('decision: green, yellow with the step-up methods offered, red, with the reasons in words', () => {
    const decided = (decision: Decision, idvMethods: IdvMethod[], reasons: string[]) =>
      buildEvent({ kind: 'DIGITIZATION_DECIDED', actor: { source: 'ISSUER' }, detail: { decision, idvMethods, reasons } });
    expect(ja.describe(decided('GREEN', [], ['KNOWN_DEVICE']))).toBe('発行を承認しました（グリーン: 追加認証なし）。判定理由: 登録済みの端末。');
    expect(en.describe(decided('YELLOW', ['SMS_OTP', 'CUSTOMER_SERVICE'], ['NEW_DEVICE', 'HIGH_VELOCITY']))).toBe(
      'Approved with step-up (yellow). Methods offered: SMS one-time passcode and customer service (Option D). Why: new device and many requests in a short time.',
    );
    expect(ja.describe(decided('YELLOW', ['SMS_OTP', 'CUSTOMER_SERVICE'], ['NEW_DEVICE']))).toBe(
      '追加認証を条件に承認しました（イエロー）。認証方法: SMS のワンタイムパスワード、カスタマーサービス（Option D）。判定理由: 新しい端末。',
    );
    expect(en.describe(decided('RED', [], ['TOO_MANY_ATTEMPTS']))).toBe('Declined (red). Why: too many attempts.');
    // A reason code this console does not know is shown as the code, not dropped.
    expect(en.describe(decided('RED', [], ['BRAND_NEW_RULE']))).toBe('Declined (red). Why: BRAND_NEW_RULE.');
  });

  it('canceled during step-up is not a decline', () => {
    const event = buildEvent({ kind: 'DIGITIZATION_CANCELED', actor: { source: 'TSP' }, reasonCode: 'USER_CANCELED', detail: { cardOperation: 'DIGITIZE', status: 'FAILED' } });
    expect(en.describe(event)).toBe('The user canceled during step-up (not a decline).');
    expect(ja.describe(event)).toBe('本人確認の途中で利用者が発行を取り消しました（拒否ではありません）。');
  });

  it('step-up: the method used, or the methods offered', () => {
    expect(ja.describe(buildEvent({ kind: 'STEP_UP_STARTED', detail: { idvMethod: 'CUSTOMER_SERVICE' } }))).toBe('追加認証を開始しました（方法: カスタマーサービス（Option D））。');
    expect(en.describe(buildEvent({ kind: 'STEP_UP_STARTED', detail: { idvMethods: ['SMS_OTP', 'EMAIL_OTP'] } }))).toBe(
      'Step-up started; methods offered: SMS one-time passcode and email one-time passcode.',
    );
  });

  it('activation: by whom, how the cardholder was verified, and why', () => {
    expect(en.describe(buildEvent({ kind: 'ACTIVATED', actor: { source: 'TSP' }, detail: { action: 'ACTIVATE', source: 'TSP', idvMethod: 'SMS_OTP' } }))).toBe(
      'Token activated by the TSP. Verified by SMS one-time passcode.',
    );
    expect(ja.describe(buildEvent({ kind: 'ACTIVATED', actor: agent, reasonCode: 'CUSTOMER_SERVICE_VERIFIED' }))).toBe(
      'エージェント 山田 太郎がトークンを有効化しました。理由: カスタマーサービスで本人確認済み。',
    );
  });

  it('a one-letter MDES reason code is read for the operation it belongs to, when it names one reason', () => {
    const optionD = buildEvent({ kind: 'AGENT_ACTION', actor: agent, reasonCode: 'C', comment: '本人確認のうえ有効化。', detail: { operation: 'activate', operationId: 'OP00001T000003', status: 'ACCEPTED', idvMethod: 'CUSTOMER_SERVICE' } });
    expect(en.describe(optionD)).toBe('Agent 山田 太郎 requested activation. Reason: identity verified by customer service. Comment: “本人確認のうえ有効化。”');
    expect(ja.describe(buildEvent({ kind: 'ACTIVATED', actor: agent, reasonCode: 'C' }))).toBe('エージェント 山田 太郎がトークンを有効化しました。理由: カスタマーサービスで本人確認済み。');
    // For a suspension, Z stands for more than one reason: the letter is shown as it came.
    expect(en.describe(buildEvent({ kind: 'SUSPENDED', actor: agent, reasonCode: 'Z' }))).toBe('Token suspended by agent 山田 太郎. Reason: Z.');
  });

  it('suspend, resume and delete: the source and the reason', () => {
    expect(ja.describe(buildEvent({ kind: 'SUSPENDED', actor: { source: 'WALLET' }, reasonCode: 'DEVICE_LOST' }))).toBe(
      '会員（ウォレットのアプリまたはウォレット事業者のポータル）がトークンを一時停止しました。理由: 端末の紛失。',
    );
    expect(en.describe(buildEvent({ kind: 'SUSPENDED', actor: { source: 'TSP' }, reasonCode: 'FRAUD_SUSPECTED' }))).toBe('Token suspended by the TSP. Reason: suspected fraud.');
    expect(en.describe(buildEvent({ kind: 'RESUMED', actor: { source: 'WALLET' }, reasonCode: 'DEVICE_FOUND' }))).toBe(
      "Token resumed by the cardholder (in the wallet app or the wallet provider's portal). Reason: device found.",
    );
    expect(ja.describe(buildEvent({ kind: 'DELETED', actor: { source: 'ISSUER' }, reasonCode: 'CLOSED_CARD' }))).toBe('発行会社のシステムがトークンを削除しました。理由: カードの解約。');
    expect(en.describe(buildEvent({ kind: 'DELETED', actor: agent, reasonCode: 'CARD_STOLEN' }))).toBe('Token deleted by agent 山田 太郎. Reason: card stolen.');
  });

  it('deleted from the wallet app: the token is deleted', () => {
    const event = buildEvent({ kind: 'DELETED_FROM_APP', reasonCode: 'USER_DECISION' });
    expect(ja.describe(event)).toBe('会員がウォレットアプリからカードを削除しました。トークンは削除され、再び使うことはできません。理由: 利用者の判断。');
    expect(en.describe(event)).toBe("The cardholder removed the card in the wallet app; the token is deleted and can never be used again. Reason: user's decision.");
  });

  it('operation failed: errorCode 221 explained, an unknown code shown as it is', () => {
    const failed = (errorCode: string) =>
      buildEvent({ kind: 'OPERATION_FAILED', actor: { source: 'TSP' }, reasonCode: 'DEVICE_LOST', detail: { action: 'SUSPEND', errorCode, description: 'device unreachable after retries' } });
    expect(ja.describe(failed('221'))).toBe(
      '一時停止の操作が失敗しました。エラーコード 221: 再試行しても端末に接続できませんでした。操作は端末に届いていません。トークンの状態は変わっていません。理由: 端末の紛失。',
    );
    expect(en.describe(failed('221'))).toBe(
      'The suspension failed. Error 221: the device could not be reached after retries. The action did not reach the device; the token kept its state. Reason: device lost.',
    );
    expect(en.describe(failed('999'))).toBe('The suspension failed. Error 999. The action did not reach the device; the token kept its state. Reason: device lost.');
    // The sandbox says which state the token kept.
    const kept = buildEvent({ kind: 'OPERATION_FAILED', actor: { source: 'TSP' }, detail: { action: 'RESUME', errorCode: '221', state: 'SUSPENDED' } });
    expect(ja.describe(kept)).toContain('操作は端末に届いていません。トークンは「一時停止中」のままです。');
    // The agent's operation the token could no longer take when the TSP confirmed it: refused by the rules, not lost.
    const refused = buildEvent({
      kind: 'OPERATION_FAILED',
      actor: agent,
      detail: { callback: 'tspConfirmation', action: 'RESUME', source: 'ISSUER', operation: 'resume', operationId: 'OP00001T000004', rule: 'TOKEN_DELETED', state: 'DELETED' },
    });
    expect(en.describe(refused)).toBe(en.describe(buildEvent({ kind: 'OPERATION_FAILED', actor: agent, detail: { action: 'RESUME', rule: 'TOKEN_DELETED', state: 'DELETED' } })));
    expect(en.describe(refused)).toContain('TOKEN_DELETED');
    expect(en.describe(refused)).not.toContain('did not reach the device');
  });

  it('notification: the channel and the template', () => {
    const event = buildEvent({ kind: 'NOTIFICATION_SENT', actor: { source: 'TSP' }, detail: { status: 'QUEUED', channel: 'EMAIL', template: 'DELETION_CONFIRMATION' } });
    expect(ja.describe(event)).toBe('会員にメールで通知しました（削除のお知らせ）。');
    expect(en.describe(event)).toBe('Cardholder notified by email (deletion confirmation).');
  });

  it("agent action: the agent's name, the operation, the reason and the comment", () => {
    const event = buildEvent({
      kind: 'AGENT_ACTION',
      actor: agent,
      reasonCode: 'DEVICE_LOST',
      comment: 'お客様よりお電話。端末紛失のため停止。',
      detail: { operation: 'suspend', operationId: 'OP00001T000005', status: 'ACCEPTED', reasonSent: 'Device lost' },
    });
    expect(ja.describe(event)).toBe('エージェント 山田 太郎が一時停止を操作しました。理由: 端末の紛失。コメント: 「お客様よりお電話。端末紛失のため停止。」');
    expect(en.describe(event)).toBe('Agent 山田 太郎 requested suspension. Reason: device lost. Comment: “お客様よりお電話。端末紛失のため停止。”');
  });
});

describe('describeEvent: the platform\'s callbacks', () => {
  it('a duplicate changed nothing', () => {
    const event = buildEvent({ kind: 'CALLBACK_DUPLICATE', actor: { source: 'WALLET' }, detail: { callback: 'notifyVirtualCardChange', action: 'SUSPEND', duplicateOf: 'EV0000000001' } });
    expect(en.describe(event)).toBe('The same suspension callback came again; it was recorded and changed nothing.');
    expect(ja.describe(event)).toBe('同じ一時停止のコールバックがもう一度届きました。記録だけして、トークンは変えていません。');
    // A repeated DIGITIZE notice has no action: its card operation names it.
    const digitize = buildEvent({
      kind: 'CALLBACK_DUPLICATE',
      actor: { source: 'TSP' },
      detail: { callback: 'cardOperation', cardOperation: 'DIGITIZE', status: 'FAILED', requestorType: 'TSP', duplicateOf: 'EV0000000001' },
    });
    expect(en.describe(digitize)).toBe('The same digitization callback came again; it was recorded and changed nothing.');
  });

  it('a late callback was ignored, with the reason in words', () => {
    const late = (rule: string) =>
      buildEvent({ kind: 'CALLBACK_LATE', actor: { source: 'TSP' }, reasonCode: 'DEVICE_LOST', detail: { action: 'ACTIVATE', rule, stateAtArrival: 'DELETED' } });
    expect(en.describe(late('TOKEN_DELETED'))).toBe(
      'A late activation callback arrived when the token was already “Deleted”; it was ignored, so the token did not move back. A deleted token is never reopened.',
    );
    expect(ja.describe(late('TOKEN_DELETED'))).toBe(
      '有効化のコールバックが遅れて届きました（その時点でトークンは「削除済み」）。無視したため、トークンは戻っていません。削除済みのトークンが元に戻ることはありません。',
    );
    expect(en.describe(late('RESUME_ONLY_OWN_SUSPENSION'))).toContain('The state rules did not allow it (RESUME_ONLY_OWN_SUSPENSION).');
  });

  it('a callback kept for an unknown token says when it really arrived', () => {
    const event = buildEvent({
      kind: 'SUSPENDED',
      actor: { source: 'TSP' },
      occurredAt: '2026-11-20T06:00:00.000Z',
      detail: { action: 'SUSPEND', source: 'TSP', receivedAt: '2026-11-20T05:00:00.000Z' },
    });
    expect(describeEvent(event, translator(createI18n('en').t), 'en', 'UTC')).toBe(
      'Token suspended by the TSP. This callback arrived on Nov 20, 2026, 05:00:00, before the token was known; it was kept and applied when the token appeared.',
    );
  });

  it('a deletion during step-up cancels the step-up', () => {
    const event = buildEvent({ kind: 'DELETED_FROM_APP', actor: { source: 'WALLET' }, detail: { action: 'DELETE_FROM_APP', source: 'WALLET', stepUpCanceled: true } });
    expect(en.describe(event)).toContain('The pending step-up was canceled with it; the cardholder can add the card again.');
  });

  it("who did it: a CCI user as the platform's claim, never one of our agents; the platform itself", () => {
    const cci = buildEvent({
      kind: 'SUSPENDED',
      actor: { source: 'ISSUER' },
      detail: { callback: 'cardOperation', action: 'SUSPEND', source: 'ISSUER', cardOperation: 'SUSPEND', status: 'SUCCESSFUL', requestorType: 'CCI', requestorId: 'cci.user01' },
    });
    expect(en.describe(cci)).toBe("Token suspended by CCI user cci.user01, as the platform says, through the network's customer care interface (CCI).");
    expect(en.source(cci)).toBe('CCI user cci.user01 (as the platform says)');
    expect(ja.describe(cci)).toBe('ネットワークのカスタマーケア画面（CCI）からCCIユーザー cci.user01（プラットフォームの申告による）がトークンを一時停止しました。');
    expect(ja.source(cci)).toBe('CCIユーザー cci.user01（プラットフォームの申告）');
    // A record written when the claim was still taken for an agent's name reads as the claim too.
    const older = buildEvent({ ...cci, actor: { source: 'ISSUER', agentId: 'agent.kobayashi', agentName: '小林 翔太' } });
    expect(en.describe(older)).not.toContain('小林');
    expect(en.source(older)).toBe('CCI user cci.user01 (as the platform says)');
    const d1 = buildEvent({ kind: 'DELETED', actor: { source: 'TSP' }, detail: { cardOperation: 'DELETE', requestorType: 'D1' } });
    expect(en.describe(d1)).toBe('Token deleted by the token platform (D1).');
  });

  it('a sent notification: channel, template, language, masked destination and the text as sent', () => {
    const sent = buildEvent({
      kind: 'NOTIFICATION_SENT',
      actor: { source: 'TSP' },
      detail: { status: 'QUEUED', template: 'TOKEN_DELETED', channel: 'SMS', language: 'ja', destination: '090-****-5678', subject: null, text: '末尾1234のカードを削除しました。' },
    });
    expect(en.describe(sent)).toBe('Cardholder notified by SMS (Token deleted, Japanese, to 090-****-5678). Text: “末尾1234のカードを削除しました。”');
    expect(ja.describe(sent)).toBe('会員にSMSで通知しました（トークンの削除・日本語・宛先 090-****-5678）。本文:「末尾1234のカードを削除しました。」');
    const off = buildEvent({ kind: 'NOTIFICATION_SENT', actor: { source: 'TSP' }, detail: { status: 'OFF', template: 'ACTIVATION_CONFIRMED', channel: null, why: 'ISSUER_SENDS_OWN_OTP' } });
    expect(en.describe(off)).toBe('No notification (Activation confirmed) was sent: the issuer sends its own one-time passcodes, so platform notifications are off.');
  });
});

describe('sourceText: who acted, in words', () => {
  it('names the wallet, the TSP, the issuer system, or the agent', () => {
    expect(ja.source(buildEvent({ actor: { source: 'WALLET' } }))).toBe('ウォレット');
    expect(en.source(buildEvent({ actor: { source: 'TSP' } }))).toBe('TSP (token service)');
    expect(en.source(buildEvent({ actor: { source: 'ISSUER' } }))).toBe('Issuer (system)');
    expect(ja.source(buildEvent({ actor: agent }))).toBe('エージェント 山田 太郎');
    // An agent known only by id is still an agent.
    expect(en.source(buildEvent({ actor: { source: 'ISSUER', agentId: 'agent.sato' } }))).toBe('Agent agent.sato');
  });
});
