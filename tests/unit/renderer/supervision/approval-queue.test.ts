import { describe, expect, it } from 'vitest';
import type { ApprovalRequest } from '../../../../shared/api/approvals';
import type { TypedError } from '../../../../shared/contract';
import { maskName } from '../../../../renderer/store/approval-queue/commands';
import { canDecide, pendingCount, queueOrder, shownRequests, spanBetween, spanLabel } from '../../../../renderer/store/approval-queue/queue-order';
import { actionsStore, ok, settle } from '../actions/builders';
import { buildSignedIn } from '../builders';

const sato = { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' } as const;
const suzuki = { agentId: 'supervisor.suzuki', name: '鈴木 健一', role: 'supervisor' } as const;
const yamada = { agentId: 'supervisor.yamada', name: '山田 花子', role: 'supervisor' } as const;

const request = (id: string, overrides: Partial<ApprovalRequest> = {}): ApprovalRequest => ({
  requestId: `AR${id.padEnd(8, 'X')}`,
  state: 'PENDING',
  rule: 'DELETE',
  operation: 'delete',
  virtualCardId: `VC${id}`,
  issuerCardRefId: 'CR000001GOLD',
  cardholderId: 'C0000001',
  tokenLastFour: '6604',
  action: { reasonCode: 'DEVICE_STOLEN', reason: 'DEVICE STOLEN', comment: '盗難の届け出あり', expectedState: 'ACTIVE' },
  riskRules: [],
  overridesSuspensionBy: [],
  requestedBy: sato,
  requestedAt: '2026-12-04T01:00:00.000Z',
  expiresAt: '2026-12-04T05:00:00.000Z',
  ...overrides,
});

const byId = (...requests: ApprovalRequest[]): Record<string, ApprovalRequest> => Object.fromEntries(requests.map((each) => [each.requestId, each]));
const ids = (requests: readonly ApprovalRequest[]): string[] => requests.map((each) => each.requestId.slice(2, 3));

const refused = (code: string, status: 'F' | 'D' = 'F'): { ok: false; error: TypedError } => ({
  ok: false,
  error: { code: 'BACKEND_REJECTED', messageKey: 'errors.backendRejected', correlationId: 'c-1', backend: { code, category: status } },
});

const supervisorStore = (answers: Parameters<typeof actionsStore>[0]) => {
  const built = actionsStore(answers);
  built.store.setState({ session: buildSignedIn(suzuki) });
  return built;
};

describe('the approvals queue: order, filter and who may decide', () => {
  const oldPending = request('A', { requestedAt: '2026-12-04T01:00:00.000Z' });
  const newPending = request('B', { requestedAt: '2026-12-04T02:00:00.000Z' });
  const decidedEarly = request('C', { state: 'REJECTED', decidedBy: yamada, decidedAt: '2026-12-04T01:30:00.000Z', decisionComment: 'いいえ' });
  const decidedLate = request('D', {
    state: 'EXECUTED',
    decidedBy: yamada,
    decidedAt: '2026-12-04T02:30:00.000Z',
    execution: { outcome: 'ACCEPTED', operationId: 'OPAAAAAAAA01', at: '2026-12-04T02:30:01.000Z' },
  });
  const all = byId(decidedEarly, newPending, decidedLate, oldPending);

  it('puts the pending requests first, the one waiting longest at the top, then the latest decisions', () => {
    expect(ids(queueOrder(Object.values(all)))).toEqual(['A', 'B', 'D', 'C']);
  });

  it('shows pending, decided or all, and counts only the pending', () => {
    expect(ids(shownRequests(all, 'pending'))).toEqual(['A', 'B']);
    expect(ids(shownRequests(all, 'decided'))).toEqual(['D', 'C']);
    expect(ids(shownRequests(all, 'all'))).toEqual(['A', 'B', 'D', 'C']);
    // The selected request stays in view once decided, after the pending ones.
    expect(ids(shownRequests(all, 'pending', decidedEarly.requestId))).toEqual(['A', 'B', 'C']);
    expect(pendingCount(all)).toBe(2);
    expect(pendingCount({})).toBe(0);
  });

  it('lets only another supervisor decide, and only while the request waits', () => {
    expect(canDecide(oldPending, suzuki.agentId)).toBe(true);
    expect(canDecide(oldPending, sato.agentId)).toBe(false);
    expect(canDecide(oldPending, null)).toBe(false);
    expect(canDecide(decidedEarly, suzuki.agentId)).toBe(false);
  });

  it('says a span in minutes, then hours and minutes, then days and hours', () => {
    const at = Date.parse('2026-12-04T01:00:00.000Z');
    expect(spanLabel(spanBetween(at, at + 59_999))).toEqual({ key: 'lessThanMinute', values: { days: 0, hours: 0, minutes: 0 } });
    expect(spanLabel(spanBetween(at, at + 12 * 60_000 + 30_000))).toEqual({ key: 'minutes', values: { days: 0, hours: 0, minutes: 12 } });
    expect(spanLabel(spanBetween(at, at + 65 * 60_000))).toEqual({ key: 'hours', values: { days: 0, hours: 1, minutes: 5 } });
    expect(spanLabel(spanBetween(at, at + (26 * 60 + 7) * 60_000))).toEqual({ key: 'days', values: { days: 1, hours: 2, minutes: 7 } });
    // Past the end (an expiry already gone by): nothing left, never a negative span.
    expect(spanBetween(at, at - 5 * 60_000)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  it('masks a cardholder name to the first character of each part', () => {
    expect(maskName('山田 太郎')).toBe('山● 太●');
    expect(maskName('TARO  YAMADA')).toBe('T●●● Y●●●●●');
  });
});

describe('the approvals queue in the store', () => {
  it('reads the list, then follows approval.changed live without asking again', async () => {
    const first = request('A');
    const { store, calls, followEvents, fake } = supervisorStore({ 'approvals.list': () => ok({ items: [first], nextCursor: null }) });
    followEvents();
    await store.getState().loadApprovalQueue();
    expect(pendingCount(store.getState().approvalRequests)).toBe(1);

    const second = request('B', { requestedAt: '2026-12-04T03:00:00.000Z' });
    fake.emit({ name: 'approval.changed', payload: { request: second, previousState: null } });
    expect(pendingCount(store.getState().approvalRequests)).toBe(2);
    const executed = { ...first, state: 'EXECUTED' as const, decidedBy: yamada, decidedAt: '2026-12-04T03:10:00.000Z', decisionComment: 'OK' };
    fake.emit({ name: 'approval.changed', payload: { request: executed, previousState: 'APPROVED' } });
    expect(store.getState().approvalRequests[first.requestId]?.state).toBe('EXECUTED');
    expect(pendingCount(store.getState().approvalRequests)).toBe(1);
    expect(calls('approvals.list')).toHaveLength(1);
  });

  it('keeps nothing of approval.changed for an agent, who has no queue', () => {
    const { store, followEvents, fake } = actionsStore({});
    followEvents();
    fake.emit({ name: 'approval.changed', payload: { request: request('A'), previousState: null } });
    expect(store.getState().approvalRequests).toEqual({});
  });

  it('keeps an event that passed the list on its way: a request never goes back to pending', async () => {
    const pending = request('A');
    let answer: (value: unknown) => void = () => undefined;
    const { store, followEvents, fake } = supervisorStore({ 'approvals.list': () => new Promise((resolve) => (answer = resolve)) });
    followEvents();
    const loading = store.getState().loadApprovalQueue();
    await settle();
    fake.emit({ name: 'approval.changed', payload: { request: { ...pending, state: 'REJECTED', decidedBy: yamada, decidedAt: '2026-12-04T02:00:00.000Z' }, previousState: 'PENDING' } });
    answer(ok({ items: [pending], nextCursor: null }));
    await loading;
    expect(store.getState().approvalRequests[pending.requestId]?.state).toBe('REJECTED');
  });

  it('reads the list again when the stream reconnects or loses its place, and not before it was read once', async () => {
    const { store, calls, followEvents, fake } = supervisorStore({ 'approvals.list': () => ok({ items: [], nextCursor: null }) });
    followEvents();
    const status = (state: string) => ({ name: 'live.status', payload: { state, since: '2026-12-04T01:00:00.000Z', attempt: 0, retryAt: null } });
    fake.emit(status('connected'));
    await settle();
    expect(calls('approvals.list')).toHaveLength(0);
    await store.getState().loadApprovalQueue();
    fake.emit(status('reconnecting'));
    await settle();
    expect(calls('approvals.list')).toHaveLength(1);
    fake.emit(status('connected'));
    await settle();
    expect(calls('approvals.list')).toHaveLength(2);
    // Still connected: a second status says nothing new.
    fake.emit(status('connected'));
    await settle();
    expect(calls('approvals.list')).toHaveLength(2);
    fake.emit({ name: 'live.reset', payload: { reason: 'HISTORY_GAP' } });
    await settle();
    expect(calls('approvals.list')).toHaveLength(3);
  });

  it('sends a decision with its comment and shows the request as the backend answered it', async () => {
    const pending = request('A');
    const executed: ApprovalRequest = {
      ...pending,
      state: 'EXECUTED',
      decidedBy: suzuki,
      decidedAt: '2026-12-04T02:00:00.000Z',
      decisionComment: '確認しました',
      execution: { outcome: 'ACCEPTED', operationId: 'OPAAAAAAAA01', at: '2026-12-04T02:00:01.000Z' },
    };
    const { store, calls } = supervisorStore({ 'approvals.list': () => ok({ items: [pending], nextCursor: null }), 'approvals.approve': () => ok(executed) });
    await store.getState().loadApprovalQueue();
    await store.getState().decideApproval(pending.requestId, 'approve', '確認しました');
    expect(calls('approvals.approve')).toEqual([{ requestId: pending.requestId, comment: '確認しました' }]);
    expect(store.getState().approvalRequests[pending.requestId]?.state).toBe('EXECUTED');
    expect(store.getState().approvalDecisionOutcome).toEqual({ requestId: pending.requestId, decision: 'approve', error: null });
    expect(store.getState().approvalDeciding).toBeNull();
  });

  it('decided meanwhile by another supervisor (409): keeps the refusal and reads the request again, to say by whom', async () => {
    const pending = request('A');
    const rejected: ApprovalRequest = { ...pending, state: 'REJECTED', decidedBy: yamada, decidedAt: '2026-12-04T02:00:00.000Z', decisionComment: '本人確認が不十分' };
    let listed = [pending];
    const { store, calls } = supervisorStore({ 'approvals.list': () => ok({ items: listed, nextCursor: null }), 'approvals.approve': () => refused('APPROVAL_NOT_PENDING') });
    await store.getState().loadApprovalQueue();
    listed = [rejected];
    await store.getState().decideApproval(pending.requestId, 'approve', 'OK');
    expect(store.getState().approvalDecisionOutcome?.error?.backend?.code).toBe('APPROVAL_NOT_PENDING');
    expect(calls('approvals.list')).toHaveLength(2);
    expect(store.getState().approvalRequests[pending.requestId]).toMatchObject({ state: 'REJECTED', decidedBy: yamada });
  });

  it('keeps a self-approval refusal (403) beside the request, which stays pending', async () => {
    const own = request('A', { requestedBy: suzuki });
    const { store, calls } = supervisorStore({ 'approvals.list': () => ok({ items: [own], nextCursor: null }), 'approvals.reject': () => refused('SELF_APPROVAL_FORBIDDEN') });
    await store.getState().loadApprovalQueue();
    await store.getState().decideApproval(own.requestId, 'reject', 'いいえ');
    expect(store.getState().approvalDecisionOutcome).toMatchObject({ requestId: own.requestId, decision: 'reject', error: { backend: { code: 'SELF_APPROVAL_FORBIDDEN' } } });
    expect(store.getState().approvalRequests[own.requestId]?.state).toBe('PENDING');
    expect(calls('approvals.list')).toHaveLength(1);
  });
});
