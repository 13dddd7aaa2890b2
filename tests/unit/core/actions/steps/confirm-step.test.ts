import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../../../electron/core/actions/action-entry';
import { WATCH_TOKEN, writtenAhead } from '../support/entries';
import { agentAction, confirmation, notificationSent, operationFailed } from '../support/events';
import { POLICY, stepWorld } from '../support/step-world';

/**
 * The confirm step alone: an accepted action ends on the TSP's event for its operationId as the
 * live stream brings it, without reading the token's history; the history is read only when the
 * stream cannot say (down: a slow poll; after it lost its position: once), and the notification
 * that trails the confirmation is taken from its own event.
 */
const OP = 'OPAAAAAAAAAA';

/** An action sent and accepted, with the stream connected or not when it left. */
const accepted = async (world: ReturnType<typeof stepWorld>, streamUp: boolean): Promise<OutboxEntry> => {
  if (streamUp) world.traces.streamState('connected');
  const entry = world.put(writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' }));
  world.answers.suspendToken = [{ ok: { operationId: OP, status: 'ACCEPTED', virtualCardId: 'VCWATCH00001', operation: 'suspend' } }];
  await world.send.requested(entry);
  world.stream(agentAction('suspend', OP, { correlationId: entry.view.correlationId }));
  world.wakes.length = 0;
  world.runs.length = 0;
  return world.current(entry);
};

describe('while the stream is up', () => {
  it('confirms from the stream’s events alone, with the notification, and reads no history', async () => {
    const world = stepWorld();
    const entry = await accepted(world, true);
    world.stream(confirmation('suspend', OP));
    world.stream(notificationSent(OP, 'TOKEN_SUSPENDED'));
    await world.confirm.accepted(entry);
    expect(world.current(entry).view).toMatchObject({ status: 'CONFIRMED', failure: null, notification: { template: 'TOKEN_SUSPENDED', channel: 'SMS', status: 'QUEUED' } });
    expect(world.current(entry).audit?.record.outcome).toBe('CONFIRMED');
    expect(world.reads()).toBe(0);
    // Next: the audit record.
    expect(world.runs).toEqual([entry.view.actionId]);
  });

  it('with nothing from the TSP yet: neither reads nor polls, the next change wakes it', async () => {
    const world = stepWorld();
    const entry = await accepted(world, true);
    await world.confirm.accepted(entry);
    expect(world.current(entry).view.status).toBe('ACCEPTED');
    expect(world.reads()).toBe(0);
    expect(world.wakes).toEqual([]);
  });

  it('fails on the TSP’s OPERATION_FAILED with its code, rule and the state kept', async () => {
    const world = stepWorld();
    const entry = await accepted(world, true);
    world.stream(operationFailed('suspend', OP, { errorCode: '221', state: 'ACTIVE' }));
    await world.confirm.accepted(entry);
    expect(world.current(entry).view).toMatchObject({ status: 'FAILED', failure: { code: 'TSP_FAILED', tspErrorCode: '221', currentState: 'ACTIVE' } });
    expect(world.reads()).toBe(0);
  });

  it('takes a notification that trails the confirmation from its own event', async () => {
    const world = stepWorld();
    const entry = await accepted(world, true);
    world.stream(confirmation('suspend', OP));
    await world.confirm.accepted(entry);
    const confirmed = world.current(entry);
    expect(confirmed.view).toMatchObject({ status: 'CONFIRMED', notification: null });
    world.stream(notificationSent(OP, 'TOKEN_SUSPENDED'));
    const noticed = await world.confirm.notified(confirmed);
    expect(noticed.view.notification).toMatchObject({ template: 'TOKEN_SUSPENDED', status: 'QUEUED' });
    expect(noticed.audit?.record.auditId).toBe(confirmed.audit?.record.auditId);
    expect(world.reads()).toBe(0);
  });

  it('says OFF when the issuer sends its own messages (its policy, read once per session)', async () => {
    const world = stepWorld();
    world.answers.getActionPolicy = [{ ok: { ...POLICY, platformNotifications: false } }];
    const entry = await accepted(world, true);
    world.stream(confirmation('suspend', OP));
    await world.confirm.accepted(entry);
    expect(world.current(entry).view.notification).toEqual({ template: 'TOKEN_SUSPENDED', channel: null, status: 'OFF' });
    expect(world.sent.filter((call) => call.name === 'getActionPolicy')).toHaveLength(1);
  });

  it('after the stream lost its position: one history read, then the stream again', async () => {
    const world = stepWorld();
    const entry = await accepted(world, true);
    world.traces.uncover();
    await world.confirm.accepted(entry);
    expect(world.reads()).toBe(1);
    expect(world.wakes).toEqual([]);
    await world.confirm.accepted(world.current(entry));
    expect(world.reads()).toBe(1);
    world.stream(confirmation('suspend', OP));
    await world.confirm.accepted(world.current(entry));
    expect(world.current(entry).view.status).toBe('CONFIRMED');
    expect(world.reads()).toBe(1);
  });
});

describe('while the stream is down: the slow poll', () => {
  it('reads the history only when the poll is due, and confirms from it', async () => {
    const world = stepWorld();
    const entry = await accepted(world, false);
    await world.confirm.accepted(entry);
    expect(world.reads()).toBe(0);
    expect(world.wakes).toEqual([{ actionId: entry.view.actionId, delayMs: world.tuning.confirmPollMs }]);
    world.advance(world.tuning.confirmPollMs);
    await world.confirm.accepted(world.current(entry));
    expect(world.reads()).toBe(1);
    expect(world.current(entry).view.status).toBe('ACCEPTED');
    world.setHistory([agentAction('suspend', OP, { correlationId: entry.view.correlationId }), confirmation('suspend', OP)]);
    world.advance(world.tuning.confirmPollMs);
    await world.confirm.accepted(world.current(entry));
    expect(world.reads()).toBe(2);
    expect(world.current(entry).view.status).toBe('CONFIRMED');
  });

  it('does nothing for an action whose agent is not signed in', async () => {
    const world = stepWorld();
    const entry = await accepted(world, false);
    world.held.agent = null;
    world.advance(world.tuning.confirmPollMs);
    await world.confirm.accepted(entry);
    expect(world.reads()).toBe(0);
    expect(world.current(entry).view.status).toBe('ACCEPTED');
  });
});

describe('what the traces say, applied', () => {
  it('changes nothing once the action ended: a repeated or late callback is ignored', async () => {
    const world = stepWorld();
    const entry = await accepted(world, true);
    world.stream(confirmation('suspend', OP));
    await world.confirm.accepted(entry);
    const ended = world.current(entry);
    const told = world.told.length;
    const again = await world.confirm.apply(ended, { acceptedAs: OP, confirmedAt: new Date().toISOString(), failed: null, notification: null });
    const failed = await world.confirm.apply(ended, { acceptedAs: OP, confirmedAt: null, failed: { failure: { code: 'TSP_FAILED' }, at: new Date().toISOString() }, notification: null });
    expect(again).toBe(ended);
    expect(failed).toBe(ended);
    expect(world.told.length).toBe(told);
  });
});
