import { describe, expect, it } from 'vitest';
import { createActionTraces } from '../../../../../electron/core/actions/action-traces';
import type { BackendClient } from '../../../../../electron/core/backend/backend-client';
import { WATCH_TOKEN, writtenAhead } from '../support/entries';
import { agentAction, confirmation, notificationSent } from '../support/events';

/**
 * Where an action's traces come from: the stream's changes, kept per token only while an action
 * waits on it, and whether the stream can be trusted to have brought them all ("covered").
 */
const OP = 'OPAAAAAAAAAA';

const setup = () => {
  const watched = new Set(['VCWATCH00001']);
  const traces = createActionTraces({ watching: (virtualCardId) => watched.has(virtualCardId) });
  const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
  return { traces, watched, entry };
};

/** A backend that serves `history` (newest first) and then lets the test act mid-read. */
const historyClient = (history: ReturnType<typeof confirmation>[], during: () => void = () => undefined): BackendClient =>
  ({
    request: () => {
      during();
      return Promise.resolve({ items: [...history].reverse(), nextCursor: null });
    },
  }) as unknown as BackendClient;

describe('the stream’s changes', () => {
  it('are kept for tokens an action waits on, once each, and say what happened to the action', () => {
    const { traces, entry } = setup();
    const accepted = agentAction('suspend', OP, { correlationId: entry.view.correlationId });
    expect(traces.record(accepted)).toBe(true);
    expect(traces.record(accepted)).toBe(true);
    traces.record(confirmation('suspend', OP));
    traces.record(notificationSent(OP, 'TOKEN_SUSPENDED'));
    expect(traces.seen(entry)).toMatchObject({ acceptedAs: OP, confirmedAt: expect.any(String), notification: { status: 'QUEUED' } });
  });

  it('are dropped for a token nobody waits on', () => {
    const { traces, watched } = setup();
    const other = writtenAhead({ ...WATCH_TOKEN, virtualCardId: 'VCOTHER00001' }, { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
    expect(traces.record(agentAction('suspend', OP, { virtualCardId: 'VCOTHER00001', correlationId: other.view.correlationId }))).toBe(false);
    watched.add('VCOTHER00001');
    expect(traces.seen(other).acceptedAs).toBeNull();
  });
});

describe('cover', () => {
  it('starts with the first send while the stream is connected, and only then', () => {
    const { traces, entry } = setup();
    traces.sending(entry);
    expect(traces.covered(entry)).toBe(false);
    traces.streamState('connected');
    // A later attempt does not cover what passed while it was down.
    traces.sending(entry);
    expect(traces.covered(entry)).toBe(false);
    const second = writtenAhead(WATCH_TOKEN, { operation: 'resume', reasonCode: 'DEVICE_FOUND' });
    traces.sending(second);
    expect(traces.covered(second)).toBe(true);
  });

  it('survives a reconnection (the stream replays) but not a reset, a stopped stream or dropped changes', () => {
    const { traces, entry } = setup();
    traces.streamState('connected');
    traces.sending(entry);
    traces.streamState('reconnecting');
    traces.streamState('connected');
    expect(traces.covered(entry)).toBe(true);
    traces.uncover();
    expect(traces.covered(entry)).toBe(false);

    const stopped = setup();
    stopped.traces.streamState('connected');
    stopped.traces.sending(stopped.entry);
    stopped.traces.streamState('idle');
    expect(stopped.traces.covered(stopped.entry)).toBe(false);

    const flooded = setup();
    flooded.traces.streamState('connected');
    flooded.traces.sending(flooded.entry);
    for (let i = 0; i < 201; i += 1) flooded.traces.record(notificationSent(`OPB${String(i).padStart(9, '0')}`, 'TOKEN_SUSPENDED'));
    expect(flooded.traces.covered(flooded.entry)).toBe(false);
  });

  it('comes back with a history read that began while the stream was connected and lost nothing meanwhile', async () => {
    const { traces, entry } = setup();
    traces.streamState('connected');
    const read = await traces.read(historyClient([agentAction('suspend', OP, { correlationId: entry.view.correlationId })]), entry, entry.view.requestedAt);
    expect(read.acceptedAs).toBe(OP);
    expect(traces.covered(entry)).toBe(true);
    await traces.read(historyClient([], () => traces.uncover()), entry, entry.view.requestedAt);
    expect(traces.covered(entry)).toBe(false);
  });

  it('merges the history with what the stream brought during the read', async () => {
    const { traces, entry } = setup();
    traces.streamState('connected');
    const history = [agentAction('suspend', OP, { correlationId: entry.view.correlationId })];
    const read = await traces.read(historyClient(history, () => traces.record(confirmation('suspend', OP))), entry, entry.view.requestedAt);
    expect(read).toMatchObject({ acceptedAs: OP, confirmedAt: expect.any(String) });
  });
});
