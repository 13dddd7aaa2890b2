import { describe, expect, it } from 'vitest';
import { WATCH_TOKEN, writtenAhead } from '../support/entries';
import { agentAction, confirmation } from '../support/events';
import { stepWorld } from '../support/step-world';

/**
 * The send step alone: what must be on disk before a send leaves, the one correlation id and
 * Idempotency-Key of every attempt, what each failure means, and reconciling a send whose answer
 * may have been lost, from the live stream when it says so and from the history otherwise.
 */
const ACCEPTED = { ok: { operationId: 'OPAAAAAAAAAA', status: 'ACCEPTED', virtualCardId: 'VCWATCH00001', operation: 'suspend' } };

const fresh = (world: ReturnType<typeof stepWorld>, extra: Parameters<typeof writtenAhead>[1] extends infer O ? Partial<O> : never = {}) =>
  world.put(writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST', ...extra }));

describe('sending', () => {
  it('counts the attempt on disk before the request leaves, then takes the acceptance', async () => {
    const world = stepWorld();
    const entry = fresh(world);
    world.answers.suspendToken = [ACCEPTED];
    await world.send.requested(entry);
    const [post] = world.sends();
    expect(post?.onDisk?.view).toMatchObject({ attempts: 1, status: 'REQUESTED' });
    expect(post?.onDisk?.firstAttemptAt).not.toBeNull();
    expect(post?.context).toEqual({ correlationId: entry.view.correlationId, idempotencyKey: entry.idempotencyKey });
    expect(post?.body).toEqual(entry.request);
    expect(world.current(entry).view).toMatchObject({ status: 'ACCEPTED', operationId: 'OPAAAAAAAAAA', attempts: 1 });
    // The acceptance is saved a moment later (the confirmation usually follows and one write serves
    // both); until then the disk says "maybe sent", which a restart reconciles.
    expect(world.disk.get(entry.view.actionId)?.view).toMatchObject({ status: 'REQUESTED', attempts: 1 });
    await world.progress.flush();
    expect(world.disk.get(entry.view.actionId)?.view.status).toBe('ACCEPTED');
    expect(world.told.map((view) => [view.status, view.attempts])).toEqual([
      ['REQUESTED', 1],
      ['ACCEPTED', 1],
    ]);
    // The confirmation may already be on the stream: the next step looks at once.
    expect(world.runs).toEqual([entry.view.actionId]);
  });

  it('sends an action whose write-ahead counted its first send without writing again', async () => {
    const world = stepWorld();
    const entry = world.put(world.send.countedAhead(writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' })));
    expect(entry.view.attempts).toBe(1);
    expect(entry.firstAttemptAt).not.toBeNull();
    world.answers.suspendToken = [{ fail: { kind: 'timeout' } }, ACCEPTED];
    await world.send.requested(entry);
    expect(world.sends()[0]?.onDisk?.view.attempts).toBe(1);
    expect(world.told.map((view) => [view.status, view.attempts])).toEqual([['REQUESTED', 1]]);
    // The retry is counted like any other.
    world.advance(1_000);
    await world.send.requested(world.current(entry));
    expect(world.sends()[1]?.onDisk?.view.attempts).toBe(2);
    expect(world.current(entry).view).toMatchObject({ status: 'ACCEPTED', attempts: 2 });
  });

  it('sends nothing when the count cannot be saved', async () => {
    const world = stepWorld();
    const entry = fresh(world);
    world.saving.fails = true;
    await expect(world.send.requested(entry)).rejects.toThrow('disk full');
    expect(world.sends()).toHaveLength(0);
    expect(world.current(entry).view.attempts).toBe(0);
  });

  it('retries a lost answer later under the same key, to be reconciled if it runs out of time', async () => {
    const world = stepWorld();
    const entry = fresh(world);
    world.answers.suspendToken = [{ fail: { kind: 'timeout' } }, ACCEPTED];
    await world.send.requested(entry);
    const waiting = world.current(entry);
    expect(waiting.view).toMatchObject({ status: 'REQUESTED', attempts: 1, nextAttemptAt: new Date(world.now() + 50).toISOString() });
    expect(waiting.reconcile).toBe(true);
    expect(world.wakes).toEqual([{ actionId: entry.view.actionId, delayMs: 50 }]);
    // Woken early (a live change): not yet due, so nothing is sent.
    await world.send.requested(waiting);
    expect(world.sends()).toHaveLength(1);
    world.advance(50);
    await world.send.requested(world.current(entry));
    const sends = world.sends();
    expect(sends).toHaveLength(2);
    expect(new Set(sends.map((post) => JSON.stringify([post.context, post.body])))).toEqual(new Set([JSON.stringify([sends[0]?.context, entry.request])]));
    expect(world.current(entry).view).toMatchObject({ status: 'ACCEPTED', attempts: 2 });
  });

  it('ends a refused action with the backend’s reason, never to be sent again', async () => {
    const world = stepWorld();
    const entry = fresh(world);
    world.answers.suspendToken = [{ fail: { kind: 'api', status: 409, code: 'TOKEN_STATE_CONFLICT', category: 'D', message: 'x', currentState: 'DELETED' } }];
    await world.send.requested(entry);
    const ended = world.current(entry);
    expect(ended.view).toMatchObject({ status: 'FAILED', attempts: 1, failure: { code: 'TOKEN_STATE_CONFLICT', currentState: 'DELETED' } });
    expect(ended.audit?.record).toMatchObject({ outcome: 'FAILED', attempts: 1 });
    expect(world.runs).toEqual([entry.view.actionId]);
  });

  it('waits, sending nothing and counting nothing, while another agent holds the session', async () => {
    const world = stepWorld();
    const entry = fresh(world, { agentId: 'agent.kobayashi' });
    await world.send.requested(entry);
    expect(world.sent).toHaveLength(0);
    expect(world.current(entry).view.attempts).toBe(0);
  });

  it('gives the count back when the session ended under the send', async () => {
    const world = stepWorld();
    const entry = fresh(world);
    world.answers.suspendToken = [{ fail: { kind: 'api', status: 401, code: 'AGENT_SESSION_REQUIRED', category: 'D', message: 'x' } }];
    await world.send.requested(entry);
    expect(world.current(entry).view).toMatchObject({ status: 'REQUESTED', attempts: 0 });
    expect(world.wakes).toHaveLength(0);
  });
});

describe('an answer lost on the way back', () => {
  it('is taken from the stream when the backend’s record of it is there: accepted without a second send', async () => {
    const world = stepWorld();
    const entry = fresh(world);
    world.answers.suspendToken = [{ fail: { kind: 'network', code: 'ECONNRESET' } }];
    await world.send.requested(entry);
    // The backend did the work: its AGENT_ACTION (and, here, the TSP's confirmation) came on the stream.
    world.stream(agentAction('suspend', 'OPAAAAAAAAAA', { correlationId: entry.view.correlationId }));
    world.stream(confirmation('suspend', 'OPAAAAAAAAAA', { correlationId: entry.view.correlationId }));
    world.advance(1_000);
    await world.send.requested(world.current(entry));
    expect(world.sends()).toHaveLength(1);
    expect(world.reads()).toBe(0);
    expect(world.current(entry).view).toMatchObject({ status: 'CONFIRMED', operationId: 'OPAAAAAAAAAA', attempts: 1 });
  });

  it('after a restart: the history is read before anything is sent again; found, the action goes on without a send', async () => {
    const world = stepWorld();
    const entry = fresh(world, { attempts: 1 });
    const resumed = world.put({ ...entry, reconcile: true, view: { ...entry.view, resumedAfterRestart: true } });
    world.setHistory([agentAction('suspend', 'OPAAAAAAAAAA', { correlationId: entry.view.correlationId })]);
    await world.send.requested(resumed);
    expect(world.sent.map((call) => call.name)).toEqual(['listTokenEvents']);
    expect(world.current(entry).view).toMatchObject({ status: 'ACCEPTED', operationId: 'OPAAAAAAAAAA', attempts: 1 });
  });

  it('after a restart: not in the history, so it is sent again under the same key', async () => {
    const world = stepWorld();
    const entry = fresh(world, { attempts: 1 });
    const resumed = world.put({ ...entry, reconcile: true, view: { ...entry.view, resumedAfterRestart: true } });
    await world.send.requested(resumed);
    expect(world.current(entry).reconcile).toBe(false);
    world.answers.suspendToken = [ACCEPTED];
    await world.send.requested(world.current(entry));
    expect(world.sent.map((call) => call.name)).toEqual(['listTokenEvents', 'suspendToken']);
    expect(world.sends()[0]?.context).toEqual({ correlationId: entry.view.correlationId, idempotencyKey: entry.idempotencyKey });
    expect(world.current(entry).view).toMatchObject({ status: 'ACCEPTED', attempts: 2 });
  });

  it('past the retry window with nothing in the history: BACKEND_UNAVAILABLE, nothing was done', async () => {
    const world = stepWorld({ tuning: { retryForMs: 1_000 } });
    const entry = fresh(world);
    world.answers.suspendToken = [{ fail: { kind: 'api', status: 503, code: 'UNAVAILABLE', category: 'S', message: 'x' } }];
    await world.send.requested(entry);
    world.advance(1_000);
    await world.send.requested(world.current(entry));
    expect(world.sent.map((call) => call.name)).toEqual(['suspendToken', 'listTokenEvents']);
    expect(world.current(entry).view).toMatchObject({ status: 'FAILED', failure: { code: 'BACKEND_UNAVAILABLE' }, attempts: 1 });
  });
});
