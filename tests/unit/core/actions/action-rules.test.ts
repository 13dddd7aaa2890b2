import { describe, expect, it } from 'vitest';
import type { Token } from '../../../../shared/api/model';
import type { TokenActionPolicy } from '../../../../shared/api/policy';
import { TRAINING_IDENTITY_POLICY } from '../../../../shared/domain/identity-verification';
import { TRAINING_RISK_RULES } from '../../../../shared/domain/risk-rules';
import { BackendError, type BackendFailure } from '../../../../electron/core/backend/backend-error';
import { findOwnEvents } from '../../../../electron/core/actions/own-events';
import { activationRefusal, transitionRefusal } from '../../../../electron/core/actions/pre-checks';
import { sendOutcomeOf } from '../../../../electron/core/actions/send-outcome';
import { agentAction, confirmation, notificationSent, operationFailed } from './support/events';

const policy: TokenActionPolicy = {
  identityVerification: { required: [...TRAINING_IDENTITY_POLICY.required], choose: { from: [...TRAINING_IDENTITY_POLICY.choose.from], atLeast: 2 } },
  riskRules: TRAINING_RISK_RULES.map((rule) => ({ id: rule.id, allOf: [...rule.allOf] })),
  issuerMayOverrideSuspension: false,
  platformNotifications: true,
};

const facts = (state: Token['state'], suspendedBy: Token['suspendedBy'] = [], decision: 'GREEN' | 'YELLOW' = 'GREEN'): Pick<Token, 'state' | 'suspendedBy' | 'levelOfTrust'> => ({
  state,
  suspendedBy,
  levelOfTrust: { decision, idvMethods: decision === 'YELLOW' ? ['SMS_OTP', 'CUSTOMER_SERVICE'] : [], reasons: [], decidedAt: '2026-11-01T00:00:00.000Z' },
});

describe('checks before sending', () => {
  it('a state that changed is a conflict with the state now (and the rule, when the table refuses too)', () => {
    expect(transitionRefusal(facts('SUSPENDED', ['WALLET']), 'suspend', 'ACTIVE', policy)).toEqual({
      code: 'TOKEN_STATE_CONFLICT',
      currentState: 'SUSPENDED',
      rule: 'SUSPEND_ONLY_ACTIVE',
    });
    expect(transitionRefusal(facts('ACTIVE'), 'resume', 'SUSPENDED', policy)).toEqual({ code: 'TOKEN_STATE_CONFLICT', currentState: 'ACTIVE', rule: 'RESUME_ONLY_SUSPENDED' });
  });

  it('the transition table under the issuer’s policy', () => {
    expect(transitionRefusal(facts('SUSPENDED', ['WALLET']), 'resume', 'SUSPENDED', policy)).toEqual({
      code: 'TRANSITION_NOT_ALLOWED',
      rule: 'RESUME_ONLY_OWN_SUSPENSION',
      currentState: 'SUSPENDED',
    });
    expect(transitionRefusal(facts('SUSPENDED', ['WALLET']), 'resume', 'SUSPENDED', { ...policy, issuerMayOverrideSuspension: true })).toBeNull();
    // The agent adds no second suspension: that is the wallet's business.
    expect(transitionRefusal(facts('SUSPENDED', ['WALLET']), 'suspend', 'SUSPENDED', policy)).toMatchObject({ rule: 'SUSPEND_ONLY_ACTIVE' });
    expect(transitionRefusal(facts('INACTIVE'), 'activate', 'INACTIVE', policy)).toMatchObject({ rule: 'ACTIVATE_NEEDS_STEP_UP_BY_CUSTOMER_SERVICE' });
    expect(transitionRefusal(facts('INACTIVE', [], 'YELLOW'), 'activate', 'INACTIVE', policy)).toBeNull();
    expect(transitionRefusal(facts('DELETED'), 'delete', 'DELETED', policy)).toMatchObject({ rule: 'DELETE_ALREADY_DELETED' });
  });

  it('Option D: identity before risk, and the matched rules kept either way', () => {
    const signals = {
      virtualCardId: 'VCYELLOW0001',
      deviceNewForCardholder: true,
      tokensRequestedLast24h: 3,
      levelOfTrust: facts('INACTIVE', [], 'YELLOW').levelOfTrust,
      requestedAt: '2026-11-20T00:00:00.000Z',
    };
    const calm = { inbound: true, askedToShareCode: false };
    const all = ['FULL_NAME', 'DATE_OF_BIRTH', 'ADDRESS', 'SECURITY_WORD'] as const;
    expect(activationRefusal(policy, { verifiers: ['FULL_NAME', 'ADDRESS', 'SECURITY_WORD'], callAnswers: calm, signals })).toEqual({
      refusal: { code: 'IDENTITY_NOT_VERIFIED' },
      riskRules: ['NEW_DEVICE_HIGH_VELOCITY'],
    });
    expect(activationRefusal(policy, { verifiers: [...all], callAnswers: { inbound: false, askedToShareCode: true }, signals })).toEqual({
      refusal: { code: 'SUPERVISOR_APPROVAL_REQUIRED', rule: 'ASKED_TO_SHARE_CODE', riskRules: ['ASKED_TO_SHARE_CODE', 'OUTBOUND_CALL', 'NEW_DEVICE_HIGH_VELOCITY'] },
      riskRules: ['ASKED_TO_SHARE_CODE', 'OUTBOUND_CALL', 'NEW_DEVICE_HIGH_VELOCITY'],
    });
    expect(activationRefusal(policy, { verifiers: [...all], callAnswers: calm, signals: { ...signals, tokensRequestedLast24h: 1 } })).toEqual({ refusal: null, riskRules: [] });
  });
});

const api = (status: number, code: string, category: 'D' | 'S' | 'F', extra: Partial<Extract<BackendFailure, { kind: 'api' }>> = {}): BackendError =>
  new BackendError({ kind: 'api', status, code, category, message: code, ...extra }, { endpoint: 'suspendToken', correlationId: 'c-1', attempts: 1 });
const other = (failure: BackendFailure): BackendError => new BackendError(failure, { endpoint: 'suspendToken', correlationId: 'c-1', attempts: 1 });

describe('what a failed send means', () => {
  it('refusals end the action with the rule and the state, never retried', () => {
    expect(sendOutcomeOf(api(409, 'TRANSITION_NOT_ALLOWED', 'D', { rule: 'RESUME_ONLY_OWN_SUSPENSION', currentState: 'SUSPENDED' }))).toEqual({
      kind: 'refused',
      failure: { code: 'TRANSITION_NOT_ALLOWED', rule: 'RESUME_ONLY_OWN_SUSPENSION', currentState: 'SUSPENDED', backendCode: 'TRANSITION_NOT_ALLOWED' },
    });
    expect(sendOutcomeOf(api(409, 'TOKEN_STATE_CONFLICT', 'D', { currentState: 'DELETED' }))).toMatchObject({ failure: { code: 'TOKEN_STATE_CONFLICT', currentState: 'DELETED' } });
    expect(sendOutcomeOf(api(409, 'TOKEN_STATE_CONFLICT', 'D', { rule: 'OPERATION_PENDING', currentState: 'ACTIVE' }))).toMatchObject({
      failure: { code: 'OPERATION_PENDING', rule: 'OPERATION_PENDING', currentState: 'ACTIVE' },
    });
    expect(sendOutcomeOf(api(422, 'IDENTITY_NOT_VERIFIED', 'F'))).toMatchObject({ failure: { code: 'IDENTITY_NOT_VERIFIED' } });
    expect(sendOutcomeOf(api(403, 'SUPERVISOR_APPROVAL_REQUIRED', 'F', { rules: ['OUTBOUND_CALL'] }))).toMatchObject({
      failure: { code: 'SUPERVISOR_APPROVAL_REQUIRED', riskRules: ['OUTBOUND_CALL'] },
    });
    expect(sendOutcomeOf(api(404, 'UNKNOWN_TOKEN', 'D'))).toMatchObject({ failure: { code: 'UNKNOWN_TOKEN' } });
    expect(sendOutcomeOf(api(403, 'FORBIDDEN_ROLE', 'F'))).toMatchObject({ failure: { code: 'BACKEND_REFUSED', backendCode: 'FORBIDDEN_ROLE' } });
    expect(sendOutcomeOf(api(400, '112', 'D'))).toMatchObject({ failure: { code: 'BACKEND_REJECTED', backendCode: '112' } });
  });

  it('a lost answer or a stumbling backend is sent again; a session that ended waits', () => {
    expect(sendOutcomeOf(api(500, 'SYSTEM_ERROR', 'S'))).toEqual({ kind: 'retry' });
    expect(sendOutcomeOf(api(503, 'UNAVAILABLE', 'S'))).toEqual({ kind: 'retry' });
    expect(sendOutcomeOf(other({ kind: 'timeout' }))).toEqual({ kind: 'retry' });
    expect(sendOutcomeOf(other({ kind: 'network', code: 'ECONNRESET' }))).toEqual({ kind: 'retry' });
    expect(sendOutcomeOf(other({ kind: 'schema', status: 202, issues: [] }))).toEqual({ kind: 'retry' });
    expect(sendOutcomeOf(api(401, 'AGENT_SESSION_REQUIRED', 'D'))).toMatchObject({ kind: 'wait' });
    expect(sendOutcomeOf(other({ kind: 'not-signed-in' }))).toMatchObject({ kind: 'wait' });
    expect(() => sendOutcomeOf(new Error('a bug'))).toThrow('a bug');
  });
});

describe('an action’s traces in the token’s history', () => {
  const action = { operation: 'suspend' as const, correlationId: 'corr-1', operationId: null };
  const history = [
    // Newest first, as the backend pages it.
    confirmation('suspend', 'OPAAAAAAAAAA', { at: '2026-11-23T09:00:02.000Z' }),
    notificationSent('OPAAAAAAAAAA', 'TOKEN_SUSPENDED', { at: '2026-11-23T09:00:01.500Z' }),
    confirmation('suspend', 'OPAAAAAAAAAA', { at: '2026-11-23T09:00:01.000Z' }),
    agentAction('suspend', 'OPAAAAAAAAAA', { at: '2026-11-23T09:00:00.000Z' }),
    agentAction('suspend', 'OPBBBBBBBBBB', { at: '2026-11-23T08:00:00.000Z', correlationId: 'corr-other' }),
  ];

  it('finds our acceptance by correlation id, the earliest confirmation, and the notification', () => {
    expect(findOwnEvents(history, action)).toEqual({
      acceptedAs: 'OPAAAAAAAAAA',
      confirmedAt: '2026-11-23T09:00:01.000Z',
      failed: null,
      notification: { template: 'TOKEN_SUSPENDED', channel: 'SMS', status: 'QUEUED' },
    });
  });

  it('reads OPERATION_FAILED as the TSP’s refusal with its code, rule and state', () => {
    const failed = [operationFailed('suspend', 'OPAAAAAAAAAA', { rule: 'SUSPEND_ONLY_ACTIVE', state: 'DELETED', errorCode: '221' }, { at: '2026-11-23T09:00:01.000Z' })];
    expect(findOwnEvents(failed, { ...action, operationId: 'OPAAAAAAAAAA' }).failed).toEqual({
      at: '2026-11-23T09:00:01.000Z',
      failure: { code: 'TSP_FAILED', rule: 'SUSPEND_ONLY_ACTIVE', currentState: 'DELETED', tspErrorCode: '221' },
    });
  });

  it('ignores other operations’ events and other actions’ correlation ids', () => {
    expect(findOwnEvents(history.slice(4), action)).toEqual({ acceptedAs: null, confirmedAt: null, failed: null, notification: null });
    expect(findOwnEvents(history, { ...action, operation: 'resume' })).toMatchObject({ acceptedAs: null, confirmedAt: null });
  });
});
