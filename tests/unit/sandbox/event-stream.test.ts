import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageOf, TokenEvent } from '../../../shared/api/model';
import type { TokenChangedEvent } from '../../../shared/api/stream-events';
import { knownFixtures } from '../../../sandbox/index';
import { errorOf, startHarness, type Harness } from './harness';
import { eventually, openStream, type ReceivedEvent, type StreamClient } from './sse-client';

/** GET /api/v1/events/stream over real HTTP: live changes, replay by Last-Event-ID, reset, cleanup. */
let h: Harness;
let headers: Record<string, string>;
const STREAM = '/api/v1/events/stream';
const WATCH = knownFixtures.yellowPath.activeVirtualCardId;

const connect = (extra: Record<string, string> = headers, lastEventId?: string): Promise<StreamClient> =>
  openStream(`${h.sandbox.baseUrl}${STREAM}`, extra, lastEventId);

const isChange = (event: ReceivedEvent): boolean => event.data.type === 'token.changed';
const changeOf = (event: ReceivedEvent): TokenChangedEvent => {
  if (event.data.type !== 'token.changed') throw new Error(`expected token.changed, got ${event.data.type}`);
  return event.data;
};

/** Suspends an active token or resumes a wallet-suspended one: a change that is always allowed. */
const flip = async (virtualCardId: string): Promise<void> => {
  const state = h.sandbox.store.tokens.get(virtualCardId)?.state;
  const response = await h.simulate({ virtualCardId, action: state === 'ACTIVE' ? 'SUSPEND' : 'RESUME', source: 'WALLET' });
  expect(response.status, await response.clone().text()).toBe(200);
};

beforeAll(async () => {
  h = await startHarness({ streamHeartbeatMs: 50 });
  headers = await h.agentHeaders();
});

afterAll(async () => {
  await h.close();
});

describe('GET /api/v1/events/stream', () => {
  it('requires a signed-in agent: 401 without a bearer token or without a session', async () => {
    const anonymous = await h.get(STREAM, { 'x-issuer-id': h.sandbox.issuerId, 'x-correlation-id': 'stream-anon' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await errorOf(anonymous)).code).toBe('UNAUTHORIZED');
    const workstationOnly = await h.get(STREAM, await h.workstationHeaders());
    expect(workstationOnly.status).toBe(401);
    expect((await errorOf(workstationOnly)).code).toBe('AGENT_SESSION_REQUIRED');
    expect(h.sandbox.streamCount()).toBe(0);
  });

  it('opens with ready, then delivers a simulated wallet suspend within a second with what the console needs', async () => {
    const stream = await connect({ ...headers, 'x-correlation-id': 'stream-live-1' });
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(stream.response.headers.get('cache-control')).toBe('no-store');
      expect(stream.response.headers.get('x-correlation-id')).toBe('stream-live-1');
      const ready = await stream.take();
      expect(ready.data).toMatchObject({ type: 'ready', replayed: 0, heartbeatMs: 50 });
      expect(ready.event).toBe('ready');
      expect(ready.id).toBe(h.sandbox.store.changes.idOf(ready.data.sequence));

      const simulated = await h.simulate({ virtualCardId: WATCH, action: 'SUSPEND', source: 'WALLET' }, { 'x-correlation-id': 'sim-watch-suspend' });
      expect(simulated.status).toBe(200);
      const received = await stream.take(isChange, 1000);
      const change = changeOf(received);
      expect(received.event).toBe('token.changed');
      expect(received.id).toBe(`${h.sandbox.store.changes.epoch}-${change.sequence}`);
      expect(change.sequence).toBe(ready.data.sequence + 1);
      const history = pageOf(TokenEvent).parse(await (await h.get(`/api/v1/tokens/${WATCH}/events?limit=1`, headers)).json());
      const newest = history.items[0];
      expect(newest).toMatchObject({ kind: 'SUSPENDED', actor: { source: 'WALLET' }, correlationId: 'sim-watch-suspend' });
      expect(change).toEqual({
        type: 'token.changed',
        sequence: change.sequence,
        virtualCardId: WATCH,
        issuerCardRefId: knownFixtures.yellowPath.issuerCardRefId,
        cardholderId: knownFixtures.yellowPath.cardholderId,
        state: 'SUSPENDED',
        previousState: 'ACTIVE',
        suspendedBy: ['WALLET'],
        // The whole event the change appended, exactly as the history serves it.
        event: newest,
      });
      expect(newest).toMatchObject({ occurredAt: h.clock.now.toISOString(), detail: { callback: 'simulator', action: 'SUSPEND', source: 'WALLET', simulated: true } });
    } finally {
      stream.close();
    }
  });

  it('delivers every change to each of several concurrent streams, across agents', async () => {
    const streams = await Promise.all([connect(), connect(), connect(await h.agentHeaders('supervisor.suzuki'))]);
    try {
      await Promise.all(streams.map((stream) => stream.take()));
      await flip(WATCH);
      const received = await Promise.all(streams.map(async (stream) => changeOf(await stream.take(isChange))));
      expect(new Set(received.map((change) => change.sequence)).size).toBe(1);
      expect(received.every((change) => change.virtualCardId === WATCH)).toBe(true);
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('replays exactly the changes missed while disconnected, in order and none twice, then goes on live', async () => {
    const first = await connect();
    await first.take();
    await flip(WATCH);
    const seen = await first.take(isChange);
    first.close();
    await eventually(() => h.sandbox.streamCount() === 0);

    const active = [...h.sandbox.store.tokens.values()].filter((token) => token.state === 'ACTIVE' && token.virtualCardId !== WATCH).slice(0, 2);
    const missed = [WATCH, ...active.map((token) => token.virtualCardId)];
    for (const id of missed) await flip(id);

    const again = await connect(headers, seen.id);
    try {
      const replayed = [await again.take(), await again.take(), await again.take()].map(changeOf);
      const ready = await again.take();
      expect(ready.data).toMatchObject({ type: 'ready', replayed: 3 });
      expect(replayed.map((change) => change.virtualCardId)).toEqual(missed);
      const base = changeOf(seen).sequence;
      expect(replayed.map((change) => change.sequence)).toEqual([base + 1, base + 2, base + 3]);

      await flip(WATCH);
      const live = changeOf(await again.take(isChange));
      expect(live.sequence).toBe(base + 4);
      const sequences = again.events.filter(isChange).map((event) => changeOf(event).sequence);
      expect(sequences).toEqual([base + 1, base + 2, base + 3, base + 4]);
    } finally {
      again.close();
    }
  });

  it('answers a Last-Event-ID it cannot place with reset, then goes on live', async () => {
    const epoch = h.sandbox.store.changes.epoch;
    const position = h.sandbox.store.changes.position;
    for (const lastEventId of ['zzzzzzzz-1', `${epoch}-${position + 100}`, 'not an id']) {
      const stream = await connect(headers, lastEventId);
      try {
        const reset = await stream.take();
        expect(reset.data).toEqual({ type: 'reset', sequence: position, reason: 'UNKNOWN_POSITION', occurredAt: h.clock.now.toISOString() });
        expect(reset.id).toBe(`${epoch}-${position}`);
        expect((await stream.take()).data).toMatchObject({ type: 'ready', replayed: 0 });
      } finally {
        stream.close();
      }
    }
    const current = await connect(headers, `${epoch}-${position}`);
    try {
      expect((await current.take()).data).toMatchObject({ type: 'ready', sequence: position, replayed: 0 });
    } finally {
      current.close();
    }
  });

  it('refuses an over-long Last-Event-ID with 112 naming the header', async () => {
    const response = await h.get(STREAM, { ...headers, 'last-event-id': 'a'.repeat(300) });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toMatchObject({ code: '112', category: 'D', field: 'last-event-id' });
  });

  it('sends heartbeat comments while nothing happens', async () => {
    const stream = await connect();
    try {
      await stream.waitForComments(2);
      expect(stream.events.map((event) => event.data.type)).toEqual(['ready']);
    } finally {
      stream.close();
    }
  });

  it('cleans up on disconnect: no subscriber or open stream is left behind', async () => {
    await eventually(() => h.sandbox.streamCount() === 0);
    const before = h.sandbox.store.changes.subscriberCount;
    const streams = await Promise.all([connect(), connect(), connect()]);
    await Promise.all(streams.map((stream) => stream.take()));
    expect(h.sandbox.streamCount()).toBe(3);
    expect(h.sandbox.store.changes.subscriberCount).toBe(before + 3);
    for (const stream of streams) stream.close();
    await eventually(() => h.sandbox.streamCount() === 0 && h.sandbox.store.changes.subscriberCount === before);
    await flip(WATCH);
    expect(h.sandbox.store.changes.subscriberCount).toBe(before);
  });

  it('ends the stream when the agent signs out, before any further change reaches it', async () => {
    const agent = await h.agentHeaders('agent.kobayashi');
    const stream = await connect(agent);
    await stream.take();
    const signOut = await h.del('/api/v1/agent-sessions/current', agent);
    expect(signOut.status).toBe(200);
    await flip(WATCH);
    await stream.waitForEnd();
    expect(stream.events.filter(isChange)).toEqual([]);
    await eventually(() => h.sandbox.streamCount() === 0);
  });
});

describe('the one path for token changes', () => {
  it('streams a change that only adds to the history, with the state unchanged', async () => {
    const stream = await connect();
    try {
      await stream.take();
      const token = h.sandbox.store.tokens.get(knownFixtures.yellowPath.virtualCardId);
      if (!token) throw new Error('no yellow-path token');
      const count = h.sandbox.store.eventCount(token.virtualCardId);
      const event: TokenEvent = {
        eventId: 'EVTESTNOTIFYAAAA',
        virtualCardId: token.virtualCardId,
        occurredAt: h.clock.now.toISOString(),
        kind: 'NOTIFICATION_SENT',
        actor: { source: 'TSP' },
        correlationId: 'notify-test-1',
        detail: { status: 'QUEUED', channel: 'SMS', template: 'AUTHENTICATION_REMINDER' },
      };
      const published = h.sandbox.store.recordTokenChange({ token, event });
      const change = changeOf(await stream.take(isChange));
      expect(change).toEqual(published);
      expect(change).toMatchObject({ state: 'INACTIVE', previousState: 'INACTIVE', event: { kind: 'NOTIFICATION_SENT', eventId: 'EVTESTNOTIFYAAAA' } });
      expect(h.sandbox.store.eventCount(token.virtualCardId)).toBe(count + 1);
      expect(h.sandbox.store.eventAt(token.virtualCardId, count)).toEqual(event);
    } finally {
      stream.close();
    }
  });

  it('refuses a change that breaks the schemas before anything moves', () => {
    const store = h.sandbox.store;
    const token = store.tokens.get(knownFixtures.yellowPath.virtualCardId);
    if (!token) throw new Error('no yellow-path token');
    const count = store.eventCount(token.virtualCardId);
    const position = store.changes.position;
    const event: TokenEvent = {
      eventId: 'not-an-event-id',
      virtualCardId: token.virtualCardId,
      occurredAt: h.clock.now.toISOString(),
      kind: 'SUSPENDED',
      actor: { source: 'WALLET' },
      correlationId: 'bad-1',
      detail: { action: 'SUSPEND', source: 'WALLET' },
    };
    expect(() => store.recordTokenChange({ token: { ...token, state: 'SUSPENDED' }, event })).toThrow();
    // A detail field its kind does not declare is refused too, not dropped: a client would never see it.
    const undeclared = { ...event, eventId: 'EVTESTUNDECLARED', detail: { ...event.detail, operationID: 'OPAAAAAAAAAA' } };
    expect(() => store.recordTokenChange({ token: { ...token, state: 'SUSPENDED' }, event: undeclared })).toThrow(/operationID/);
    // And a known kind without what it must carry.
    const incomplete = { ...event, eventId: 'EVTESTINCOMPLETE', kind: 'AGENT_ACTION', detail: { operation: 'suspend', status: 'ACCEPTED' } } as unknown as TokenEvent;
    expect(() => store.recordTokenChange({ token, event: incomplete })).toThrow(/operationId/);
    expect(() => store.recordTokenChange({ token: { ...token, cardholderId: 'C0000002' }, event: { ...event, eventId: 'EVTESTMOVEAAAAA' } })).toThrow(/card/);
    expect(store.tokens.get(token.virtualCardId)).toEqual(token);
    expect(store.eventCount(token.virtualCardId)).toBe(count);
    expect(store.changes.position).toBe(position);
  });
});

describe('replay limits and shutdown', () => {
  let small: Harness;
  let smallHeaders: Record<string, string>;

  beforeAll(async () => {
    small = await startHarness({ streamReplayCapacity: 3 });
    smallHeaders = await small.agentHeaders();
  });

  afterAll(async () => {
    await small.close();
  });

  const smallFlip = async (): Promise<void> => {
    const state = small.sandbox.store.tokens.get(WATCH)?.state;
    expect((await small.simulate({ virtualCardId: WATCH, action: state === 'ACTIVE' ? 'SUSPEND' : 'RESUME', source: 'WALLET' })).status).toBe(200);
  };

  it('answers an id older than the kept changes with reset HISTORY_GAP, and replays one still kept', async () => {
    const url = `${small.sandbox.baseUrl}${STREAM}`;
    // The agent's sign-in is on the feed already (as an audit record, which agents are not sent).
    const start = small.sandbox.store.changes.position;
    for (let i = 0; i < 5; i += 1) await smallFlip();
    const { epoch, position } = small.sandbox.store.changes;
    expect(position).toBe(start + 5);

    const tooOld = await openStream(url, smallHeaders, `${epoch}-${String(start + 1)}`);
    try {
      expect((await tooOld.take()).data).toMatchObject({ type: 'reset', reason: 'HISTORY_GAP', sequence: position });
      expect((await tooOld.take()).data).toMatchObject({ type: 'ready', sequence: position, replayed: 0 });
    } finally {
      tooOld.close();
    }
    const oldestKept = await openStream(url, smallHeaders, `${epoch}-${String(start + 2)}`);
    try {
      const replayed = [await oldestKept.take(), await oldestKept.take(), await oldestKept.take()].map(changeOf);
      expect(replayed.map((change) => change.sequence)).toEqual([start + 3, start + 4, start + 5]);
      expect((await oldestKept.take()).data).toMatchObject({ type: 'ready', replayed: 3 });
    } finally {
      oldestKept.close();
    }
  });

  it('ends every open stream when the sandbox closes', async () => {
    const url = `${small.sandbox.baseUrl}${STREAM}`;
    const streams = await Promise.all([openStream(url, smallHeaders), openStream(url, smallHeaders)]);
    await Promise.all(streams.map((stream) => stream.take()));
    expect(small.sandbox.streamCount()).toBe(2);
    await small.close();
    await Promise.all(streams.map((stream) => stream.waitForEnd()));
    expect(small.sandbox.streamCount()).toBe(0);
    expect(small.sandbox.store.changes.subscriberCount).toBe(0);
  });
});
