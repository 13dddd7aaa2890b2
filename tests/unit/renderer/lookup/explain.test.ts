import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../../renderer/i18n/create-i18n';
import { explainToken } from '../../../../renderer/tokens/explain';
import { changedByText, explanationText } from '../../../../renderer/tokens/explanation-text';
import { actorRef } from '../../../../renderer/tokens/explain';
import type { Token, TokenEvent } from '../../../../shared/api/model';
import { buildEvent, buildToken } from './builders';

const ja = createI18n('ja');
const en = createI18n('en');
/** Tokyo, as the e2e browser runs: 05:02 UTC is 14:02 there. */
const say = (token: Token, events: TokenEvent[] = [], language: 'ja' | 'en' = 'ja'): string =>
  explanationText(explainToken(token, events), (language === 'ja' ? ja : en).t, language, 'Asia/Tokyo');

const at = '2026-11-20T05:02:00.000Z';

describe('the one-sentence explanation of a token', () => {
  it('says who suspended it and that only the issuer can lift an issuer suspension', () => {
    const token = buildToken({ state: 'SUSPENDED', stateSince: at, lastChangedBy: { source: 'ISSUER', agentId: 'agent.sato', agentName: '佐藤 美咲' }, suspendedBy: ['ISSUER'] });
    expect(say(token)).toBe('2026/11/20 14:02 にエージェント 佐藤 美咲が一時停止しました。発行会社による停止のため、再開できるのは発行会社（コールセンター）だけです。');
    expect(say(token, [], 'en')).toBe('Suspended by agent 佐藤 美咲 on 11/20/2026, 14:02. The issuer suspended it, so only the issuer (the call center) can resume it.');
  });

  it('says that a wallet suspension is lifted by the cardholder in the wallet', () => {
    const token = buildToken({ state: 'SUSPENDED', stateSince: at, lastChangedBy: { source: 'WALLET' }, suspendedBy: ['WALLET'] });
    expect(say(token)).toContain('ウォレットが一時停止しました');
    expect(say(token)).toContain('再開できるのは会員本人（ウォレットでの操作）だけです');
    expect(say(token, [], 'en')).toContain('only the cardholder can resume it, in the wallet');
  });

  it('names every party of a stacked suspension', () => {
    const token = buildToken({ state: 'SUSPENDED', stateSince: at, lastChangedBy: { source: 'ISSUER' }, suspendedBy: ['WALLET', 'ISSUER'] });
    expect(say(token)).toContain('ウォレット、発行会社がそれぞれ停止しているため');
    expect(say(token, [], 'en')).toContain('Suspended by the wallet and the issuer: it resumes only when each has lifted its own suspension.');
  });

  it('tells a deletion from the wallet app from its newest events', () => {
    const token = buildToken({ state: 'DELETED', stateSince: '2026-11-20T05:10:00.000Z', lastChangedBy: { source: 'TSP' } });
    const events = [
      buildEvent({ kind: 'DELETED', actor: { source: 'TSP' }, occurredAt: '2026-11-20T05:10:00.000Z', correlationId: 'lcm-9' }),
      buildEvent({ kind: 'DELETED_FROM_APP', actor: { source: 'WALLET' }, occurredAt: at, correlationId: 'lcm-9' }),
    ];
    expect(say(token, events)).toBe('2026/11/20 14:02 にウォレット利用者がアプリから削除しました。');
    expect(say(token, events, 'en')).toBe('The wallet user deleted it from the app on 11/20/2026, 14:02.');
    // Without the events, the state and who changed it last still say what happened.
    expect(say(token)).toBe('2026/11/20 14:10 にトークンサービス（TSP）が削除しました。このトークンは再び使えるようにはなりません。');
  });

  it('says a deletion from the app is still pending while the token is not deleted', () => {
    const token = buildToken({ state: 'ACTIVE', stateSince: '2026-11-01T00:00:00.000Z' });
    expect(say(token, [buildEvent({ kind: 'DELETED_FROM_APP', occurredAt: at })])).toMatch(/^2026\/11\/20 14:02 にウォレット利用者がアプリから削除しました。トークンサービスが削除するまで残ります。/);
  });

  it('tells a cancelled digitization from a decline', () => {
    const token = buildToken({ state: 'DELETED', stateSince: at });
    expect(say(token, [buildEvent({ kind: 'DIGITIZATION_CANCELED', occurredAt: at })])).toContain('本人確認の途中で登録を取り消しました（拒否ではありません）');
  });

  it('offers Option D for a yellow token that offered customer service', () => {
    const yellow = { decision: 'YELLOW', idvMethods: ['SMS_OTP', 'CUSTOMER_SERVICE'], reasons: ['NEW_DEVICE'], decidedAt: at } as const;
    const token = buildToken({ state: 'INACTIVE', stateSince: at, levelOfTrust: { ...yellow, idvMethods: [...yellow.idvMethods], reasons: [...yellow.reasons] } });
    expect(say(token)).toContain('本人確認（追加認証）の完了を待っています');
    expect(say(token)).toContain('Option D');
    expect(say(buildToken({ state: 'INACTIVE', stateSince: at }))).not.toContain('Option D');
  });

  it('covers every state', () => {
    expect(say(buildToken({ state: 'ACTIVE', stateSince: at }))).toBe('2026/11/20 14:02 から使える状態です（最後の変更: トークンサービス（TSP））。');
    expect(say(buildToken({ state: 'DEPLOYMENT_ONGOING', stateSince: at }), [], 'en')).toBe('Being added to the wallet since 11/20/2026, 14:02; not usable until that finishes.');
  });

  it('names who changed a token last, the agent by name', () => {
    expect(changedByText(actorRef({ source: 'ISSUER', agentName: '佐藤 美咲' }), ja.t)).toBe('エージェント 佐藤 美咲');
    expect(changedByText(actorRef({ source: 'ISSUER' }), ja.t)).toBe('発行会社');
    expect(changedByText(actorRef({ source: 'WALLET' }), en.t)).toBe('Wallet');
  });
});
