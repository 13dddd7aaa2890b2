import { describe, expect, it } from 'vitest';
import { emptyDraft, type ActionDraft } from '../../../../renderer/store/actions/initialState';
import { buildBulkAction, buildTokenAction, matchedRiskRules } from '../../../../renderer/store/actions/validate';
import { buildToken } from '../lookup/builders';
import { buildPolicy, buildPreview, buildPreviewItem, buildSignals, uuid } from './builders';

const draft = (patch: Partial<ActionDraft>): ActionDraft => ({ ...emptyDraft, ...patch });
const yellow = buildToken({
  state: 'INACTIVE',
  levelOfTrust: { decision: 'YELLOW', idvMethods: ['CUSTOMER_SERVICE'], reasons: [], decidedAt: '2026-11-19T00:00:00.000Z' },
});

describe('a single action before it is sent', () => {
  it('asks for a reason, and for a comment with "other"', () => {
    const token = buildToken();
    expect(buildTokenAction({ actionId: uuid(1), operation: 'suspend', token, draft: emptyDraft })).toEqual({
      ok: false,
      problems: { reasonCode: { key: 'actions.field.reasonRequired' } },
    });
    expect(buildTokenAction({ actionId: uuid(1), operation: 'suspend', token, draft: draft({ reasonCode: 'OTHER', comment: '  ' }) })).toEqual({
      ok: false,
      problems: { comment: { key: 'actions.field.commentRequired' } },
    });
  });

  it('says how long an over-long comment is rather than cutting it', () => {
    const built = buildTokenAction({ actionId: uuid(1), operation: 'suspend', token: buildToken(), draft: draft({ reasonCode: 'DEVICE_LOST', comment: 'あ'.repeat(501) }) });
    expect(built).toEqual({ ok: false, problems: { comment: { key: 'actions.field.commentTooLong', values: { max: 500, count: 501 } } } });
  });

  it('sends the state the agent saw, and the Japanese comment whole', () => {
    const built = buildTokenAction({ actionId: uuid(1), operation: 'suspend', token: buildToken({ state: 'ACTIVE' }), draft: draft({ reasonCode: 'DEVICE_LOST', comment: '電話で紛失の申告' }) });
    expect(built).toEqual({
      ok: true,
      input: { actionId: uuid(1), virtualCardId: 'VCTEST000001', operation: 'suspend', reasonCode: 'DEVICE_LOST', comment: '電話で紛失の申告', expectedState: 'ACTIVE' },
    });
  });

  it('deletes only with the token’s last four typed', () => {
    const token = buildToken({ tokenLastFour: '6604' });
    const wrong = buildTokenAction({ actionId: uuid(1), operation: 'delete', token, draft: draft({ reasonCode: 'DEVICE_STOLEN', confirmLastFour: '6605' }) });
    expect(wrong).toEqual({ ok: false, problems: { confirmLastFour: { key: 'actions.field.lastFourMismatch' } } });
    const right = buildTokenAction({ actionId: uuid(1), operation: 'delete', token, draft: draft({ reasonCode: 'DEVICE_STOLEN', confirmLastFour: ' 6604 ' }) });
    expect(right.ok && right.input.confirmTokenLastFour).toBe('6604');
  });

  it('activates only with the identity policy met and both questions answered', () => {
    const policy = buildPolicy();
    const signals = buildSignals();
    const base = { actionId: uuid(1), operation: 'activate' as const, token: yellow, policy, signals };
    const partly = buildTokenAction({ ...base, draft: draft({ reasonCode: 'CUSTOMER_SERVICE_VERIFIED', verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS'] }) });
    expect(partly).toEqual({
      ok: false,
      problems: { verifiers: { key: 'actions.field.identityNotMet' }, callAnswers: { key: 'actions.field.callAnswersRequired' } },
    });
    const met = buildTokenAction({
      ...base,
      draft: draft({ reasonCode: 'CUSTOMER_SERVICE_VERIFIED', verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'SECURITY_WORD'], callInbound: true, askedToShareCode: false }),
    });
    expect(met.ok && met.input).toMatchObject({
      verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'SECURITY_WORD'],
      callAnswers: { inbound: true, askedToShareCode: false },
      expectedState: 'INACTIVE',
    });
  });

  it('names the risk rules a case matches, those that hold whatever the caller says at once', () => {
    const policy = buildPolicy();
    expect(matchedRiskRules(policy, buildSignals({ tokensRequestedLast24h: 3 }), emptyDraft)).toEqual(['NEW_DEVICE_HIGH_VELOCITY']);
    expect(matchedRiskRules(policy, buildSignals(), draft({ callInbound: true, askedToShareCode: false }))).toEqual([]);
    expect(matchedRiskRules(policy, buildSignals(), draft({ callInbound: false, askedToShareCode: true }))).toEqual(['ASKED_TO_SHARE_CODE', 'OUTBOUND_CALL']);
  });

  it('refuses to build a risky activation even with everything else in order', () => {
    const built = buildTokenAction({
      actionId: uuid(1),
      operation: 'activate',
      token: yellow,
      policy: buildPolicy(),
      signals: buildSignals(),
      draft: draft({ reasonCode: 'CUSTOMER_SERVICE_VERIFIED', verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'SECURITY_WORD'], callInbound: true, askedToShareCode: true }),
    });
    expect(built.ok).toBe(false);
  });
});

describe('a bulk action before it is sent', () => {
  const preview = buildPreview([
    buildPreviewItem({ virtualCardId: 'VCA000000001' }),
    buildPreviewItem({ virtualCardId: 'VCB000000001', state: 'SUSPENDED', suspendedBy: ['WALLET'], decision: 'SKIP', stateAfter: null, skipReason: 'SUSPEND_ONLY_ACTIVE' }),
    buildPreviewItem({ virtualCardId: 'VCC000000001', state: 'ACTIVE' }),
  ]);
  const ids = { VCA000000001: uuid(11), VCC000000001: uuid(13) };

  it('sends exactly the tokens the preview said would change, each with the state it showed', () => {
    const built = buildBulkAction({ bulkId: uuid(10), scope: preview.scope, preview, itemActionIds: ids, draft: draft({ bulkOperation: 'suspend', reasonCode: 'DEVICE_LOST' }) });
    expect(built.ok && built.input.items).toEqual([
      { actionId: uuid(11), virtualCardId: 'VCA000000001', expectedState: 'ACTIVE' },
      { actionId: uuid(13), virtualCardId: 'VCC000000001', expectedState: 'ACTIVE' },
    ]);
  });

  it('deletes only with the number of tokens typed', () => {
    const base = { bulkId: uuid(10), scope: preview.scope, preview, itemActionIds: ids };
    expect(buildBulkAction({ ...base, draft: draft({ bulkOperation: 'delete', reasonCode: 'DEVICE_LOST', confirmCount: '3' }) })).toEqual({
      ok: false,
      problems: { confirmCount: { key: 'actions.field.countMismatch' } },
    });
    expect(buildBulkAction({ ...base, draft: draft({ bulkOperation: 'delete', reasonCode: 'DEVICE_LOST', confirmCount: '' }) }).ok).toBe(false);
    expect(buildBulkAction({ ...base, draft: draft({ bulkOperation: 'delete', reasonCode: 'DEVICE_LOST', confirmCount: '2' }) }).ok).toBe(true);
  });
});
