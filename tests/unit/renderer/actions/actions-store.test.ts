import { describe, expect, it } from 'vitest';
import { failure, type SubmitActionInput, type SubmitBulkInput } from '../../../../shared/contract';
import { buildCardholder, buildToken, deferred } from '../lookup/builders';
import { actionsStore, buildAction, buildPreview, buildPreviewItem, ok, settle, uuid } from './builders';

const token = buildToken({ state: 'ACTIVE' });
const viewOf = (input: SubmitActionInput, patch: Parameters<typeof buildAction>[0] = {}) =>
  buildAction({ actionId: input.actionId, operation: input.operation, virtualCardId: input.virtualCardId, reasonCode: input.reasonCode, ...patch });

describe('one token’s action', () => {
  it('sends once however often the agent presses, under the id made when the dialog opened', async () => {
    const answer = deferred<unknown>();
    const { store, calls } = actionsStore({ 'actions.submit': () => answer.promise });
    store.getState().openTokenAction('suspend', token);
    store.getState().updateActionDraft({ reasonCode: 'DEVICE_LOST' });
    const first = store.getState().submitActionDialog();
    const second = store.getState().submitActionDialog();
    expect(store.getState().actionDialog?.submitting).toBe(true);
    answer.resolve(ok(viewOf(calls('actions.submit')[0] as SubmitActionInput)));
    await Promise.all([first, second]);
    await store.getState().submitActionDialog();
    expect(calls('actions.submit')).toEqual([{ actionId: uuid(1), virtualCardId: 'VCTEST000001', operation: 'suspend', reasonCode: 'DEVICE_LOST', expectedState: 'ACTIVE' }]);
    expect(store.getState().actionDialog?.sentActionIds).toEqual([uuid(1)]);
  });

  it('keeps what was typed and the same id when the call fails, so a retry is the same action', async () => {
    const answers = [failure('TRANSPORT', 'corr-lost'), undefined];
    const { store, calls } = actionsStore({
      'actions.submit': (input) => answers.shift() ?? ok(viewOf(input as SubmitActionInput)),
    });
    store.getState().openTokenAction('suspend', token);
    store.getState().updateActionDraft({ reasonCode: 'OTHER', comment: '家族からの依頼' });
    await store.getState().submitActionDialog();
    expect(store.getState().actionDialog?.submitError?.code).toBe('TRANSPORT');
    expect(store.getState().actionDrafts['suspend:VCTEST000001']).toMatchObject({ reasonCode: 'OTHER', comment: '家族からの依頼' });
    await store.getState().submitActionDialog();
    const sent = calls('actions.submit') as SubmitActionInput[];
    expect(sent.map((input) => input.actionId)).toEqual([uuid(1), uuid(1)]);
    expect(store.getState().actionDialog?.submitError).toBeNull();
  });

  it('shows field problems without calling main, and clears one as the agent fixes that field', async () => {
    const { store, calls } = actionsStore({});
    store.getState().openTokenAction('delete', token);
    store.getState().updateActionDraft({ reasonCode: 'OTHER', confirmLastFour: '1111' });
    await store.getState().submitActionDialog();
    expect(calls('actions.submit')).toEqual([]);
    expect(Object.keys(store.getState().actionDialog?.fieldProblems ?? {}).sort()).toEqual(['comment', 'confirmLastFour']);
    store.getState().updateActionDraft({ comment: 'カード会員の依頼' });
    expect(Object.keys(store.getState().actionDialog?.fieldProblems ?? {})).toEqual(['confirmLastFour']);
  });

  it('keeps the draft through closing the dialog, and drops it once the action is confirmed', async () => {
    const { store, fake, followEvents } = actionsStore({ 'actions.submit': (input) => ok(viewOf(input as SubmitActionInput)) });
    followEvents();
    store.getState().openTokenAction('suspend', token);
    store.getState().updateActionDraft({ reasonCode: 'DEVICE_LOST', comment: '駅で紛失' });
    store.getState().closeActionDialog();
    store.getState().openTokenAction('suspend', token);
    expect(store.getState().actionDrafts['suspend:VCTEST000001']?.comment).toBe('駅で紛失');
    // A new opening, a new id: the first opening sent nothing.
    expect(store.getState().actionDialog?.requestId).toBe(uuid(2));
    await store.getState().submitActionDialog();
    fake.emit({ name: 'action.changed', payload: buildAction({ actionId: uuid(2), status: 'ACCEPTED', updatedAt: '2026-11-23T05:00:01.000Z' }) });
    expect(store.getState().actionDrafts['suspend:VCTEST000001']).toBeDefined();
    fake.emit({ name: 'action.changed', payload: buildAction({ actionId: uuid(2), status: 'CONFIRMED', updatedAt: '2026-11-23T05:00:02.000Z' }) });
    expect(store.getState().actionsById[uuid(2)]?.status).toBe('CONFIRMED');
    expect(store.getState().actionDrafts['suspend:VCTEST000001']).toBeUndefined();
  });

  it('on a conflict, refreshes the token, adopts its state as now seen, keeps the input, and makes a new id for a deliberate retry', async () => {
    const changedToken = buildToken({ state: 'SUSPENDED', suspendedBy: ['WALLET'] });
    const tokenAnswers = [ok({ items: [token] }), ok({ items: [changedToken] })];
    const { store, fake, calls, followEvents } = actionsStore({
      'cardholders.get': () => ok(buildCardholder()),
      'cards.tokens': () => tokenAnswers.shift(),
      'actions.submit': (input) => ok(viewOf(input as SubmitActionInput, { operation: 'delete' })),
    });
    followEvents();
    await store.getState().openCardholder('C0000001');
    store.getState().openTokenAction('delete', token);
    store.getState().updateActionDraft({ reasonCode: 'DEVICE_STOLEN', confirmLastFour: '6604' });
    await store.getState().submitActionDialog();
    fake.emit({
      name: 'action.changed',
      payload: buildAction({
        actionId: uuid(1),
        operation: 'delete',
        status: 'FAILED',
        failure: { code: 'TOKEN_STATE_CONFLICT', currentState: 'SUSPENDED' },
        updatedAt: '2026-11-23T05:00:01.000Z',
      }),
    });
    await settle();
    expect(calls('cards.tokens')).toHaveLength(2);
    const dialog = store.getState().actionDialog;
    expect(dialog?.target.kind === 'token' && dialog.target.token.state).toBe('SUSPENDED');
    expect(dialog?.requestId).toBe(uuid(2));
    expect(store.getState().actionDrafts['delete:VCTEST000001']).toMatchObject({ reasonCode: 'DEVICE_STOLEN', confirmLastFour: '6604' });
    await store.getState().submitActionDialog();
    expect((calls('actions.submit')[1] as SubmitActionInput)).toMatchObject({ actionId: uuid(2), expectedState: 'SUSPENDED' });
  });

  it('chooses the reason for Option D, which has only one', () => {
    const { store } = actionsStore({ 'actions.policy': () => new Promise(() => undefined), 'tokens.signals': () => new Promise(() => undefined) });
    store.getState().openTokenAction('activate', buildToken({ state: 'INACTIVE' }));
    expect(store.getState().actionDrafts['activate:VCTEST000001']?.reasonCode).toBe('CUSTOMER_SERVICE_VERIFIED');
  });
});

describe('the session’s actions', () => {
  it('merges the list and live changes in either order, and knows which tokens are busy', async () => {
    const list = deferred<unknown>();
    const { store, fake, followEvents } = actionsStore({ 'actions.list': () => list.promise });
    followEvents();
    const loading = store.getState().loadActions();
    fake.emit({ name: 'action.changed', payload: buildAction({ status: 'ACCEPTED', updatedAt: '2026-11-23T05:00:02.000Z' }) });
    list.resolve(ok({ items: [buildAction({ status: 'REQUESTED', resumedAfterRestart: true }), buildAction({ actionId: uuid(2), virtualCardId: 'VCOTHER00001', status: 'CONFIRMED' })] }));
    await loading;
    const state = store.getState();
    expect(state.actionsById[uuid(1)]?.status).toBe('ACCEPTED');
    expect(state.actionsById[uuid(2)]?.status).toBe('CONFIRMED');
    expect(state.actionsList.status).toBe('ready');
  });
});

describe('a bulk action', () => {
  const items = [
    buildPreviewItem({ virtualCardId: 'VCA000000001' }),
    buildPreviewItem({ virtualCardId: 'VCB000000001', state: 'SUSPENDED', decision: 'SKIP', stateAfter: null, skipReason: 'SUSPEND_ONLY_ACTIVE' }),
  ];

  it('previews, then sends the previewed tokens once with one id each, and follows their results', async () => {
    const { store, calls } = actionsStore({
      'actions.previewBulk': (input) => ok(buildPreview(items, { operation: (input as { operation: 'suspend' }).operation })),
      'actions.submitBulk': (input) => {
        const bulk = input as SubmitBulkInput;
        return ok({ items: bulk.items.map((item) => buildAction({ actionId: item.actionId, bulkId: bulk.bulkId, virtualCardId: item.virtualCardId })) });
      },
    });
    store.getState().openBulkAction({ scope: { kind: 'CARD', issuerCardRefId: 'CR000001GOLD' }, cardLabel: 'ゴールドカード ••••4821', deviceName: null });
    await settle();
    store.getState().updateActionDraft({ reasonCode: 'DEVICE_LOST' });
    await Promise.all([store.getState().submitActionDialog(), store.getState().submitActionDialog()]);
    const sent = calls('actions.submitBulk') as SubmitBulkInput[];
    expect(sent).toHaveLength(1);
    expect(sent[0]?.items).toEqual([{ actionId: expect.any(String), virtualCardId: 'VCA000000001', expectedState: 'ACTIVE' }]);
    expect(store.getState().actionDialog?.sentActionIds).toEqual([sent[0]?.items[0]?.actionId]);
    expect(store.getState().actionsById[sent[0]?.items[0]?.actionId ?? '']?.bulkId).toBe(sent[0]?.bulkId);
  });

  it('previews afresh for another action and forgets a reason code that action does not have', async () => {
    const { store, calls } = actionsStore({ 'actions.previewBulk': (input) => ok(buildPreview(items, { operation: (input as { operation: 'suspend' }).operation })) });
    store.getState().openBulkAction({ scope: { kind: 'CARD', issuerCardRefId: 'CR000001GOLD' }, cardLabel: 'ゴールドカード ••••4821', deviceName: null });
    store.getState().updateActionDraft({ reasonCode: 'FRAUD_SUSPECTED' });
    store.getState().setBulkOperation('delete');
    await settle();
    expect(calls('actions.previewBulk').map((input) => (input as { operation: string }).operation)).toEqual(['suspend', 'delete']);
    expect(store.getState().actionDrafts['bulk:card:CR000001GOLD']).toMatchObject({ bulkOperation: 'delete', reasonCode: '' });
    expect(store.getState().actionDialog?.preview.data?.operation).toBe('delete');
  });
});
