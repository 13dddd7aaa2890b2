import { describe, expect, it } from 'vitest';
import { TokenChangedEvent } from '../../../shared/api/stream-events';
import { EventKind, RecordedTokenEvent, TokenEvent } from '../../../shared/api/token-event';
import { VirtualCardAction } from '../../../shared/api/token-terms';
import {
  ACTION_OF_OPERATION,
  CONFIRMING_EVENT,
  EVENT_OF_ACTION,
  OPERATION_OF_ACTION,
  operationConfirmedBy,
  operationOfAction,
  operationOutcome,
} from '../../../shared/domain/operation-events';
import { TOKEN_OPERATIONS } from '../../../shared/domain/transitions';
import { MINIMAL_DETAIL } from '../../support/token-events';

const base = {
  eventId: 'EV00001T000007',
  virtualCardId: 'VCTEST000001',
  occurredAt: '2026-11-23T09:00:00.000Z',
  actor: { source: 'ISSUER', agentId: 'agent.sato', agentName: '佐藤 美咲' },
  correlationId: 'corr-0001',
};

const agentAction = { ...base, kind: 'AGENT_ACTION', detail: { operation: 'suspend', operationId: 'OPAAAAAAAAAA', status: 'ACCEPTED', reasonSent: 'Device lost' } };

describe('TokenEvent: one union, a typed detail per kind', () => {
  it.each(EventKind.options)('%s parses with the least its detail must carry', (kind) => {
    expect(TokenEvent.parse({ ...base, kind, detail: MINIMAL_DETAIL[kind] })).toEqual({ ...base, kind, detail: MINIMAL_DETAIL[kind] });
  });

  it('drops what a newer backend adds, in the event and in its detail, the way every response entity does', () => {
    const parsed = TokenEvent.parse({ ...agentAction, newField: 1, detail: { ...agentAction.detail, newDetail: 'from a later version' } });
    expect(parsed).toEqual(agentAction);
  });

  it('refuses a known kind whose detail lacks or misnames a field, saying which, instead of reading half of it', () => {
    const { operationId: _operationId, ...withoutId } = agentAction.detail;
    const misspelt = TokenEvent.safeParse({ ...agentAction, detail: { ...withoutId, operationID: 'OPAAAAAAAAAA' } });
    expect(misspelt.success).toBe(false);
    expect(misspelt.error?.issues).toEqual([expect.objectContaining({ path: ['detail', 'operationId'] })]);

    const wrongType = TokenEvent.safeParse({ ...base, kind: 'DIGITIZATION_DECIDED', detail: { decision: 'GREEN', idvMethods: 'SMS_OTP EMAIL_OTP', reasons: [] } });
    expect(wrongType.success).toBe(false);
    expect(new Set(wrongType.error?.issues.map((issue) => issue.path.join('.')))).toEqual(new Set(['detail.idvMethods']));

    // A confirmation names the action its kind records, not another.
    const mismatched = TokenEvent.safeParse({ ...base, kind: 'SUSPENDED', detail: { action: 'RESUME', source: 'ISSUER' } });
    expect(mismatched.error?.issues).toEqual([expect.objectContaining({ path: ['detail', 'action'] })]);
  });

  it('refuses a kind it does not know, naming the kinds it does', () => {
    const unknown = TokenEvent.safeParse({ ...base, kind: 'TOKEN_EXPIRED', detail: {} });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]).toMatchObject({ path: ['kind'] });
    expect(unknown.error?.issues[0]?.message).toContain('AGENT_ACTION');
  });

  it('strictly, as the training backend records, refuses any field the union does not declare', () => {
    expect(RecordedTokenEvent.parse(agentAction)).toEqual(agentAction);
    expect(RecordedTokenEvent.safeParse({ ...agentAction, extra: 1 }).success).toBe(false);
    const undeclared = RecordedTokenEvent.safeParse({ ...agentAction, detail: { ...agentAction.detail, confirmedBy: 'TSP' } });
    expect(undeclared.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', path: ['detail'], keys: ['confirmedBy'] })]);
  });

  it("token.changed carries the event whole; a change whose event breaks the union is refused", () => {
    const change = { type: 'token.changed', sequence: 3, virtualCardId: 'VCTEST000001', issuerCardRefId: 'CR000001GOLD', cardholderId: 'C0000001', state: 'ACTIVE', previousState: 'ACTIVE', suspendedBy: [] };
    expect(TokenChangedEvent.parse({ ...change, event: agentAction }).event).toEqual(agentAction);
    expect(TokenChangedEvent.safeParse({ ...change, event: { ...agentAction, detail: { operation: 'suspend' } } }).success).toBe(false);
  });
});

describe('operations, platform actions and event kinds: one mapping', () => {
  it('each operation is a platform action, confirmed by that action’s own event', () => {
    for (const operation of TOKEN_OPERATIONS) {
      const action = ACTION_OF_OPERATION[operation];
      expect(OPERATION_OF_ACTION[action]).toBe(operation);
      expect(operationOfAction(action)).toBe(operation);
      expect(CONFIRMING_EVENT[operation]).toBe(EVENT_OF_ACTION[action]);
      expect(operationConfirmedBy(CONFIRMING_EVENT[operation])).toBe(operation);
    }
    expect(CONFIRMING_EVENT).toEqual({ activate: 'ACTIVATED', suspend: 'SUSPENDED', resume: 'RESUMED', delete: 'DELETED' });
  });

  it('the deletion from the wallet app is an action and an event, never an operation', () => {
    expect(new Set(VirtualCardAction.options)).toEqual(new Set(Object.keys(EVENT_OF_ACTION)));
    expect(EVENT_OF_ACTION.DELETE_FROM_APP).toBe('DELETED_FROM_APP');
    expect(operationOfAction('DELETE_FROM_APP')).toBeNull();
    expect(operationConfirmedBy('DELETED_FROM_APP')).toBeNull();
    expect(operationOfAction('DIGITIZE')).toBeNull();
  });

  it('an event confirms its own operation, OPERATION_FAILED refuses any, the rest say nothing of it', () => {
    expect(operationOutcome('suspend', 'SUSPENDED')).toBe('confirmed');
    expect(operationOutcome('suspend', 'RESUMED')).toBeNull();
    expect(operationOutcome('delete', 'DELETED_FROM_APP')).toBeNull();
    expect(operationOutcome('resume', 'OPERATION_FAILED')).toBe('refused');
    for (const kind of ['AGENT_ACTION', 'NOTIFICATION_SENT', 'CALLBACK_DUPLICATE', 'CALLBACK_LATE'] as const) expect(operationOutcome('activate', kind)).toBeNull();
  });
});
