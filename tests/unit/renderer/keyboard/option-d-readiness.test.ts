import { describe, expect, it } from 'vitest';
import { emptyDraft } from '../../../../renderer/store/actions/initialState';
import { checklistKeys, currentQuestion, optionDReadiness, toggleVerifiers } from '../../../../renderer/components/actions/option-d-readiness';
import { buildPolicy, buildSignals } from '../actions/builders';

const policy = buildPolicy();
const identity = ['FULL_NAME', 'DATE_OF_BIRTH', 'REGISTERED_PHONE', 'ADDRESS'] as const;

describe('Option D readiness', () => {
  it('is ready only when the identity policy is met and both questions are answered', () => {
    expect(optionDReadiness(null, buildSignals(), emptyDraft)).toEqual({ kind: 'loading' });
    expect(optionDReadiness(policy, buildSignals(), emptyDraft)).toEqual({ kind: 'incomplete', identityLeft: 4, questionsLeft: 2 });
    // The identity checks met, the questions not: not ready, and it says so.
    expect(optionDReadiness(policy, buildSignals(), { ...emptyDraft, verifiers: [...identity] })).toEqual({ kind: 'incomplete', identityLeft: 0, questionsLeft: 2 });
    expect(optionDReadiness(policy, buildSignals(), { ...emptyDraft, verifiers: [...identity], callInbound: true })).toEqual({ kind: 'incomplete', identityLeft: 0, questionsLeft: 1 });
    expect(optionDReadiness(policy, buildSignals(), { ...emptyDraft, verifiers: [...identity], callInbound: true, askedToShareCode: false })).toEqual({ kind: 'ready' });
  });

  it('needs a supervisor as soon as a risk rule matches, whatever else is done', () => {
    expect(optionDReadiness(policy, buildSignals(), { ...emptyDraft, verifiers: [...identity], callInbound: true, askedToShareCode: true })).toEqual({ kind: 'supervisor', rules: ['ASKED_TO_SHARE_CODE'] });
    expect(optionDReadiness(policy, buildSignals({ tokensRequestedLast24h: 3 }), emptyDraft)).toEqual({ kind: 'supervisor', rules: ['NEW_DEVICE_HIGH_VELOCITY'] });
  });

  it('gives the required checks one key together and each optional check its own, and a key toggles', () => {
    const keys = checklistKeys(policy.identityVerification);
    expect(keys).toEqual([
      { key: '1', verifiers: ['FULL_NAME', 'DATE_OF_BIRTH'] },
      { key: '2', verifiers: ['REGISTERED_PHONE'] },
      { key: '3', verifiers: ['ADDRESS'] },
      { key: '4', verifiers: ['LAST_TRANSACTION_AMOUNT'] },
      { key: '5', verifiers: ['SECURITY_WORD'] },
    ]);
    expect(toggleVerifiers(['FULL_NAME'], ['FULL_NAME', 'DATE_OF_BIRTH'])).toEqual(['FULL_NAME', 'DATE_OF_BIRTH']);
    expect(toggleVerifiers(['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS'], ['FULL_NAME', 'DATE_OF_BIRTH'])).toEqual(['ADDRESS']);
  });

  it('answers the first question not answered yet', () => {
    expect(currentQuestion(emptyDraft)).toBe('callInbound');
    expect(currentQuestion({ callInbound: true, askedToShareCode: null })).toBe('askedToShareCode');
    expect(currentQuestion({ callInbound: false, askedToShareCode: false })).toBeNull();
  });
});
