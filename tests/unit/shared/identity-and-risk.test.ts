import { describe, expect, it } from 'vitest';
import { TRAINING_IDENTITY_POLICY, checkIdentity } from '../../../shared/domain/identity-verification';
import { TRAINING_RISK_RULES, matchRiskRules, type RiskFacts } from '../../../shared/domain/risk-rules';

describe('Option D identity policy (training: name + date of birth + two of four)', () => {
  it('is met only with both required checks and two of the others', () => {
    expect(checkIdentity(TRAINING_IDENTITY_POLICY, ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'SECURITY_WORD'])).toEqual({
      met: true,
      missingRequired: [],
      chosen: 2,
      stillNeeded: 0,
    });
    expect(checkIdentity(TRAINING_IDENTITY_POLICY, ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS'])).toMatchObject({ met: false, stillNeeded: 1 });
    // Four of the optional checks never make up for a missing required one.
    expect(checkIdentity(TRAINING_IDENTITY_POLICY, ['FULL_NAME', 'REGISTERED_PHONE', 'ADDRESS', 'LAST_TRANSACTION_AMOUNT', 'SECURITY_WORD'])).toMatchObject({
      met: false,
      missingRequired: ['DATE_OF_BIRTH'],
    });
    expect(checkIdentity(TRAINING_IDENTITY_POLICY, [])).toMatchObject({ met: false, missingRequired: ['FULL_NAME', 'DATE_OF_BIRTH'], stillNeeded: 2 });
  });

  it('does not count a check twice, nor a required one among the chosen', () => {
    const policy = { required: ['FULL_NAME'], choose: { from: ['FULL_NAME', 'ADDRESS'], atLeast: 1 } } as const;
    expect(checkIdentity(policy, ['FULL_NAME', 'FULL_NAME'])).toMatchObject({ met: false, chosen: 0, stillNeeded: 1 });
    expect(checkIdentity(policy, ['FULL_NAME', 'ADDRESS', 'ADDRESS'])).toMatchObject({ met: true, chosen: 1 });
  });
});

describe('risk rules (scam awareness before Option D)', () => {
  const calm: RiskFacts = { deviceNewForCardholder: false, tokensRequestedLast24h: 1, levelOfTrustReasons: ['NEW_DEVICE'], callInbound: true, askedToShareCode: false };

  it('match nothing on an inbound call with no code request and a calm digitization', () => {
    expect(matchRiskRules(TRAINING_RISK_RULES, calm)).toEqual([]);
  });

  it('name every rule that matches, in the policy order', () => {
    expect(matchRiskRules(TRAINING_RISK_RULES, { ...calm, askedToShareCode: true, callInbound: false })).toEqual(['ASKED_TO_SHARE_CODE', 'OUTBOUND_CALL']);
    expect(matchRiskRules(TRAINING_RISK_RULES, { ...calm, levelOfTrustReasons: ['NAME_MISMATCH'] })).toEqual(['NAME_MISMATCH']);
  });

  it('need every condition of a rule: a new device alone, or velocity alone, is not enough', () => {
    expect(matchRiskRules(TRAINING_RISK_RULES, { ...calm, deviceNewForCardholder: true })).toEqual([]);
    expect(matchRiskRules(TRAINING_RISK_RULES, { ...calm, tokensRequestedLast24h: 5 })).toEqual([]);
    expect(matchRiskRules(TRAINING_RISK_RULES, { ...calm, deviceNewForCardholder: true, tokensRequestedLast24h: 3 })).toEqual(['NEW_DEVICE_HIGH_VELOCITY']);
  });

  it('never lets a rule without conditions match everything', () => {
    expect(matchRiskRules([{ id: 'EMPTY', allOf: [] }], calm)).toEqual([]);
  });
});
