import { describe, expect, it } from 'vitest';
import type { Token, TokenEvent } from '../../../../shared/api/model';
import { createI18n } from '../../../../renderer/i18n/create-i18n';
import { displayState, enrolmentEnded } from '../../../../renderer/tokens/display-state';
import { explainToken } from '../../../../renderer/tokens/explain';
import { explanationText } from '../../../../renderer/tokens/explanation-text';
import { buildEvent, buildToken } from '../lookup/builders';

const say = (token: Token, events: TokenEvent[] = [], language: 'ja' | 'en' = 'ja'): string =>
  explanationText(explainToken(token, events), createI18n(language).t, language, 'Asia/Tokyo');

const at = '2026-11-20T05:02:00.000Z';
const yellow: Token['levelOfTrust'] = { decision: 'YELLOW', idvMethods: ['SMS_OTP', 'CUSTOMER_SERVICE'], reasons: ['NEW_DEVICE'], decidedAt: '2026-11-20T04:00:00.000Z' };

describe('enrolments that ended, and re-enrolments', () => {
  it('a canceled enrolment is "Canceled", not deleted or declined, in the cardholder\'s own act', () => {
    const token = buildToken({ state: 'DELETED', stateSince: at, levelOfTrust: yellow, digitizationOutcome: 'CANCELED' });
    expect(displayState(token)).toBe('CANCELED');
    expect(enrolmentEnded(token)).toBe(true);
    expect(say(token, [], 'en')).toBe(
      'On 11/20/2026, 14:02 the cardholder removed the card from the wallet during verification (canceled, not declined). There is nothing to do on this token; the cardholder can add the card again.',
    );
    expect(say(token)).toContain('会員が本人確認の途中でウォレットからカードを削除しました（キャンセル。否認ではありません）');
  });

  it('a red decision is "Declined", dated when it was decided', () => {
    const token = buildToken({
      state: 'DELETED',
      stateSince: at,
      levelOfTrust: { decision: 'RED', idvMethods: [], reasons: ['DEVICE_SCORE_LOW'], decidedAt: '2026-11-20T04:00:00.000Z' },
      digitizationOutcome: 'DECLINED',
    });
    expect(displayState(token)).toBe('DECLINED');
    expect(say(token, [], 'en')).toBe('Declined on 11/20/2026, 13:00: the digitization decision was red, so the card was not added to the wallet.');
  });

  it('any other token shows its lifecycle state', () => {
    expect(displayState(buildToken({ state: 'DELETED' }))).toBe('DELETED');
    expect(enrolmentEnded(buildToken({ state: 'DELETED' }))).toBe(false);
  });

  it('a re-enrolment says it follows an earlier attempt', () => {
    const token = buildToken({ state: 'INACTIVE', stateSince: at, levelOfTrust: yellow, previousAttemptVirtualCardId: 'VCEARLIER0001' });
    expect(say(token, [], 'en')).toBe(
      'Added on 11/20/2026, 14:02 and waiting for identity verification (step-up); not usable yet. The call center is among the verification methods, so it can be activated once the caller is verified by phone (Option D). A new enrolment of the same card on the same device; the earlier attempt ended.',
    );
  });

  it('a failed callback comes first: the action did not reach the device and the state is unchanged', () => {
    const token = buildToken({ state: 'ACTIVE', stateSince: at, lastChangedBy: { source: 'TSP' } });
    const failed = buildEvent({ kind: 'OPERATION_FAILED', occurredAt: '2026-11-21T01:00:00.000Z', detail: { action: 'SUSPEND', errorCode: '221', state: 'ACTIVE' } });
    expect(say(token, [failed], 'en')).toBe(
      'The suspension of 11/21/2026, 10:00 did not reach the device (error 221: the device could not be reached after retries); the token kept its state. Usable since 11/20/2026, 14:02 (last changed by the token service (TSP)).',
    );
    expect(say(token, [failed])).toContain('2026/11/21 10:00 の一時停止は端末に届きませんでした（エラー 221: 再試行しても端末に接続できませんでした）。トークンの状態は変わっていません。');
    // Once something newer happened, the failure is history, not the news.
    const later = buildEvent({ kind: 'NOTIFICATION_SENT', occurredAt: '2026-11-21T02:00:00.000Z' });
    expect(say(token, [later, failed], 'en')).not.toContain('did not reach');
  });
});
