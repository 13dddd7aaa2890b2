import { directDeletesPolicy } from '../../../support/direct-deletes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedActions } from '../../../support/audit-trail';
import type { BulkPreview } from '../../../../shared/contract';
import { SATO, newActionId, openDesk, startBackend, tracesOf, type Backend, type Desk } from './support/desk';

/**
 * Bulk actions: "all tokens of this card" and "all tokens on this device" (a lost phone, across
 * the cardholder's cards). The preview comes from fresh token data and says per token what will
 * change and what is skipped and why; the submit re-checks and makes one outbox action per token.
 */
let backend: Backend;
let desk: Desk;

beforeAll(async () => {
  backend = await startBackend({ actionPolicy: directDeletesPolicy() });
  desk = await openDesk(backend);
  await desk.ok('session.signIn', SATO);
});
afterAll(async () => {
  await desk.close();
  await backend.close();
});

const decisions = (preview: BulkPreview) =>
  Object.fromEntries(preview.items.map((item) => [item.virtualCardId, item.decision === 'CHANGE' ? `CHANGE→${item.stateAfter}` : `SKIP:${item.skipReason}`]));

const submitChanges = (preview: BulkPreview, extra: Record<string, unknown> = {}) => ({
  bulkId: newActionId(),
  operation: preview.operation,
  scope: preview.scope,
  reasonCode: 'DEVICE_LOST',
  comment: '紛失した端末のすべてのトークン',
  items: preview.items.filter((item) => item.decision === 'CHANGE').map((item) => ({ actionId: newActionId(), virtualCardId: item.virtualCardId, expectedState: item.state })),
  ...extra,
});

describe('all tokens on this device (a lost phone)', () => {
  it('previews across the cardholder’s cards, suspends what it said, skips the rest with the rule', async () => {
    const scope = { kind: 'DEVICE', cardholderId: 'C0000008', tokenStorageId: 'SE-WTNBLOSTPHONE' };
    const preview = await desk.ok('actions.previewBulk', { operation: 'suspend', scope });
    expect(decisions(preview)).toEqual({
      VCLOSTGOLD01: 'CHANGE→SUSPENDED',
      VCLOSTCLSC01: 'CHANGE→SUSPENDED',
      VCLOSTPLAT01: 'CHANGE→SUSPENDED',
      VCLOSTWALLET1: 'SKIP:SUSPEND_ONLY_ACTIVE',
      VCLOSTDELETE1: 'SKIP:SUSPEND_ONLY_ACTIVE',
    });
    expect(new Set(preview.items.map((item) => item.issuerCardRefId)).size).toBe(3);
    const input = submitChanges(preview);
    const { items } = await desk.ok('actions.submitBulk', input);
    expect(items.map((item) => item.virtualCardId)).toEqual(input.items.map((item) => item.virtualCardId));
    expect(items.every((item) => item.bulkId === input.bulkId && item.status === 'REQUESTED')).toBe(true);
    // Submitted again (a double click): the same actions, nothing new.
    const again = await desk.ok('actions.submitBulk', input);
    expect(again.items.map((item) => item.actionId)).toEqual(items.map((item) => item.actionId));
    for (const item of items) {
      const view = await desk.until(item.actionId, ['CONFIRMED'], { settled: true });
      const history = await backend.script.tokenEvents(backend.supervisor, item.virtualCardId);
      expect(tracesOf(history, view).agentActions).toBe(1);
      const records = await backend.script.auditRecords(backend.supervisor, item.virtualCardId);
      expect(acceptedActions(records).filter(({ record }) => record.correlationId === view.correlationId)).toHaveLength(1);
    }
    // Each token got its own correlation id and operation.
    expect(new Set(items.map((item) => item.correlationId)).size).toBe(3);
  });

  it('marks a token with an action under way as ACTION_IN_PROGRESS in the preview, and refuses it in a submit', async () => {
    await backend.script.fault({ match: { method: 'POST', pathPrefix: '/api/v1/tokens/VCLOSTGOLD01/' }, fault: 'delay', times: 1, delayMs: 500 });
    const single = await desk.ok('actions.submit', {
      actionId: newActionId(),
      virtualCardId: 'VCLOSTGOLD01',
      operation: 'resume',
      reasonCode: 'DEVICE_FOUND',
      expectedState: 'SUSPENDED',
    });
    const scope = { kind: 'CARD', issuerCardRefId: 'CR000008GOLD' };
    const preview = await desk.ok('actions.previewBulk', { operation: 'delete', scope });
    expect(decisions(preview)).toMatchObject({ VCLOSTGOLD01: 'SKIP:ACTION_IN_PROGRESS', VCLOSTDELETE1: 'SKIP:DELETE_ALREADY_DELETED' });
    const error = await desk.fail('actions.submitBulk', {
      ...submitChanges(preview),
      reasonCode: 'ACCOUNT_CLOSED',
      items: [{ actionId: newActionId(), virtualCardId: 'VCLOSTGOLD01', expectedState: 'SUSPENDED' }],
    });
    expect(error).toMatchObject({ code: 'ACTION_IN_PROGRESS', fields: ['items.0.virtualCardId'] });
    await desk.until(single.actionId, ['CONFIRMED'], { settled: true });
  });
});

describe('all tokens of this card', () => {
  it('refuses a token outside the scope, and turns a token that changed since the preview into its own failed action', async () => {
    const scope = { kind: 'CARD', issuerCardRefId: 'CR000003FLT5' };
    const preview = await desk.ok('actions.previewBulk', { operation: 'suspend', scope });
    expect(decisions(preview)).toEqual({
      VC00200GXHWZRJ: 'CHANGE→SUSPENDED',
      VC00201KYXTKBA: 'SKIP:SUSPEND_ONLY_ACTIVE',
      VC00202FCVRARM: 'CHANGE→SUSPENDED',
      VC00203QYBFMSN: 'CHANGE→SUSPENDED',
      VC00204GFYUZMQ: 'CHANGE→SUSPENDED',
    });
    const outside = await desk.fail('actions.submitBulk', {
      ...submitChanges(preview),
      items: [{ actionId: newActionId(), virtualCardId: 'VCWATCH00001', expectedState: 'ACTIVE' }],
    });
    expect(outside).toMatchObject({ code: 'INVALID_INPUT', fields: ['items.0.virtualCardId'] });
    // The wallet suspends one of them after the preview.
    await backend.script.simulate({ virtualCardId: 'VC00203QYBFMSN', action: 'SUSPEND', source: 'WALLET' });
    const input = submitChanges(preview, { reasonCode: 'FRAUD_SUSPECTED', comment: undefined });
    const { items } = await desk.ok('actions.submitBulk', input);
    const changed = items.find((item) => item.virtualCardId === 'VC00203QYBFMSN');
    expect(changed).toMatchObject({ status: 'FAILED', failure: { code: 'TOKEN_STATE_CONFLICT', currentState: 'SUSPENDED' }, bulkId: input.bulkId });
    for (const item of items) await desk.until(item.actionId, ['CONFIRMED', 'FAILED'], { settled: true });
    expect(items.filter((item) => desk.core.actions.get(item.actionId)?.view.status === 'CONFIRMED')).toHaveLength(3);
  });
});
