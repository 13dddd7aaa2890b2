import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { endpoints } from '../../../../shared/api/endpoints';
import type { EventEnvelope, LiveStatus } from '../../../../shared/contract';
import { BackendError } from '../../../../electron/core/backend/backend-error';
import { createEventBus } from '../../../../electron/core/events/event-bus';
import { createLiveEvents, type LiveEvents } from '../../../../electron/core/live/event-stream-client';
import { sessionGone } from '../../../../electron/core/session/agent-session';
import { clientFor, memoryLogger, type TestClient } from '../support/client-setup';
import { sendError, startFakeBackend, type FakeBackend } from '../support/fake-backend';
import { eventually } from '../support/server-requests';

/**
 * What the real sandbox never sends: broken events, refusals, an endless outage. A small backend
 * whose stream a test writes by hand, and the live client over the real backend client.
 */
const STREAM = endpoints.streamEvents.path;
const EPOCH = 'fakeepoc';
const at = '2026-11-20T10:00:00.000+09:00';

const change = (sequence: number) => ({
  type: 'token.changed',
  sequence,
  virtualCardId: 'VCWATCH00001',
  issuerCardRefId: 'CR000001GOLD',
  cardholderId: 'C0000001',
  state: 'SUSPENDED',
  previousState: 'ACTIVE',
  suspendedBy: ['WALLET'],
  event: {
    eventId: `EV${String(sequence).padStart(10, '0')}`,
    virtualCardId: 'VCWATCH00001',
    occurredAt: at,
    kind: 'SUSPENDED',
    actor: { source: 'WALLET' },
    correlationId: `lcm-${sequence}`,
    detail: { callback: 'notifyVirtualCardChange', action: 'SUSPEND', source: 'WALLET' },
  },
});
const ready = (sequence: number, heartbeatMs = 15_000) => ({ type: 'ready', sequence, replayed: 0, heartbeatMs, occurredAt: at });
const sse = (response: ServerResponse, event: { readonly type: string; readonly sequence: number; readonly [field: string]: unknown }, data = JSON.stringify(event)): void => {
  response.write(`id: ${EPOCH}-${event.sequence}\nevent: ${event.type}\ndata: ${data}\n\n`);
};
const openStream = (response: ServerResponse): void => {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.flushHeaders();
};

interface Rig {
  readonly fake: FakeBackend;
  readonly test: TestClient;
  readonly live: LiveEvents;
  readonly events: EventEnvelope[];
  /** Both loggers' lines (the backend client's and the live client's), read when called. */
  lines(): string[];
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    rig.live.stop();
    rig.test.client.close();
    await rig.fake.close();
  }
});

const rig = async (options: { reconnect?: { baseDelayMs: number; maxDelayMs: number }; random?: () => number } = {}): Promise<Rig> => {
  const fake = await startFakeBackend();
  const test = clientFor(fake);
  const { logger, lines } = memoryLogger();
  const bus = createEventBus(logger);
  const events: EventEnvelope[] = [];
  bus.subscribe((envelope) => events.push(envelope));
  const live = createLiveEvents({
    open: (lastEventId, signal) => test.client.openEventStream({ ...(lastEventId ? { lastEventId } : {}), signal }),
    isSessionGone: sessionGone,
    events: bus,
    logger,
    reconnect: options.reconnect ?? { baseDelayMs: 20, maxDelayMs: 80 },
    ...(options.random ? { random: options.random } : {}),
  });
  const made: Rig = { fake, test, live, events, lines: () => [...test.logLines, ...lines] };
  rigs.push(made);
  return made;
};

const named = (rig: Rig, name: string): unknown[] => rig.events.filter((event) => event.name === name).map((event) => event.payload);

describe('the live client against a hand-written stream', () => {
  it('skips an event that is not JSON or breaks its schema, logs it without its data, and stays connected', async () => {
    const r = await rig();
    r.fake.route('GET', STREAM, (_request, response) => {
      openStream(response);
      sse(response, ready(0));
      sse(response, change(1), '{not json');
      sse(response, { ...change(2), state: 'STOLEN' });
      sse(response, change(3), JSON.stringify({ ...change(3), type: 'ready' }));
      // A known kind whose detail misnames a field: never half-read, skipped whole.
      const agentAction = { ...change(4).event, kind: 'AGENT_ACTION', detail: { operation: 'suspend', operationID: 'OPSECRETAAAA', status: 'ACCEPTED' } };
      sse(response, { ...change(4), event: agentAction });
      sse(response, change(5));
    });
    r.live.start();
    await eventually(() => expect(named(r, 'token.changed')).toHaveLength(1));
    expect(named(r, 'token.changed')[0]).toMatchObject({ sequence: 5, event: change(5).event });
    expect(r.live.status().state).toBe('connected');
    expect(r.fake.hits('GET', STREAM)).toBe(1);
    const skipped = r.lines().filter((line) => line.includes('skipped'));
    expect(skipped).toHaveLength(4);
    expect(skipped.join('\n')).toContain('"fields":["state"]');
    expect(skipped.join('\n')).toContain('"fields":["event.detail.operationId"]');
    expect(skipped.join('\n')).not.toContain('STOLEN');
    expect(skipped.join('\n')).not.toContain('OPSECRETAAAA');
  });

  it('sends the last id it saw when it reconnects, and drops a change it has already passed on', async () => {
    const r = await rig();
    r.fake.route('GET', STREAM, (_request, response, hit) => {
      openStream(response);
      if (hit === 1) {
        sse(response, ready(0));
        sse(response, change(1));
        sse(response, change(2));
        response.end();
        return;
      }
      // A careless backend replays from one too early.
      sse(response, change(2));
      sse(response, change(3));
      sse(response, ready(3));
    });
    r.live.start();
    await eventually(() => expect(named(r, 'token.changed').map((payload) => (payload as { sequence: number }).sequence)).toEqual([1, 2, 3]));
    const reconnect = r.fake.requests.filter((request) => request.path === STREAM)[1];
    expect(reconnect?.headers['last-event-id']).toBe(`${EPOCH}-2`);
    expect(named(r, 'live.reset')).toEqual([]);
  });

  it('tells the console to re-fetch when it finally connects without a position to resume from', async () => {
    const r = await rig();
    r.fake.route('GET', STREAM, (_request, response, hit) => {
      if (hit === 1) {
        sendError(response, 503, 'UNAVAILABLE', 'S');
        return;
      }
      openStream(response);
      sse(response, ready(5));
    });
    r.live.start();
    await eventually(() => expect(r.live.status().state).toBe('connected'));
    expect(named(r, 'live.reset')).toEqual([{ reason: 'RECONNECTED' }]);
  });

  it('passes on the backend’s reset, and then does not ask for a second one', async () => {
    const r = await rig();
    r.fake.route('GET', STREAM, (_request, response) => {
      openStream(response);
      response.write(`id: ${EPOCH}-9\nevent: reset\ndata: ${JSON.stringify({ type: 'reset', sequence: 9, reason: 'HISTORY_GAP', occurredAt: at })}\n\n`);
      sse(response, ready(9));
    });
    r.live.start();
    await eventually(() => expect(r.live.status().state).toBe('connected'));
    expect(named(r, 'live.reset')).toEqual([{ reason: 'HISTORY_GAP' }]);
  });

  it('backs off exponentially with jitter while the backend is away, never past the cap', async () => {
    // A clock that stands still: each retryAt is then exactly the wait that was chosen.
    const clock = Date.parse('2026-11-20T01:00:00Z');
    const fake = await startFakeBackend();
    const test = clientFor(fake);
    const { logger } = memoryLogger();
    const bus = createEventBus(logger);
    const statuses: LiveStatus[] = [];
    bus.subscribe((envelope) => {
      if (envelope.name === 'live.status') statuses.push(envelope.payload);
    });
    fake.route('GET', STREAM, (_request, response) => sendError(response, 503, 'UNAVAILABLE', 'S'));
    const live = createLiveEvents({
      open: (lastEventId, signal) => test.client.openEventStream({ ...(lastEventId ? { lastEventId } : {}), signal }),
      isSessionGone: sessionGone,
      events: bus,
      logger,
      reconnect: { baseDelayMs: 2, maxDelayMs: 16 },
      random: () => 1,
      now: () => clock,
    });
    rigs.push({ fake, test, live, events: [], lines: () => [] });
    live.start();
    await eventually(() => expect(statuses.filter((status) => status.retryAt !== null).length).toBeGreaterThanOrEqual(8));
    live.stop();
    const waits = statuses.filter((status) => status.retryAt !== null).map((status) => Date.parse(status.retryAt ?? '') - clock);
    expect(waits.slice(0, 8)).toEqual([2, 4, 8, 16, 16, 16, 16, 16]);
    const attempts = statuses.filter((status) => status.retryAt !== null).map((status) => status.attempt);
    expect(attempts.slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(statuses.at(-1)).toMatchObject({ state: 'idle', attempt: 0, retryAt: null });
  });

  it('stops, without retrying, when the backend says the agent session is over', async () => {
    const r = await rig();
    r.fake.route('GET', STREAM, (_request, response) => sendError(response, 401, 'AGENT_SESSION_REQUIRED', 'D'));
    r.live.start();
    await eventually(() => expect(r.live.status().state).toBe('idle'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(r.fake.hits('GET', STREAM)).toBe(1);
  });
});

describe('openEventStream', () => {
  it('carries the bearer token, the agent session and the common headers, and refreshes a refused token once', async () => {
    const r = await rig();
    r.fake.route('GET', STREAM, (_request, response, hit) => {
      if (hit === 1) r.fake.revokeTokens();
      if (hit === 1) {
        response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer error="invalid_token"' });
        response.end(JSON.stringify({ error: { code: 'UNAUTHORIZED', category: 'D', message: 'expired' } }));
        return;
      }
      openStream(response);
      sse(response, ready(0));
    });
    const controller = new AbortController();
    const stream = await r.test.client.openEventStream({ lastEventId: `${EPOCH}-7`, signal: controller.signal });
    controller.abort();
    const requests = r.fake.requests.filter((request) => request.path === STREAM);
    expect(requests).toHaveLength(2);
    expect(requests[0]?.headers.authorization).not.toBe(requests[1]?.headers.authorization);
    expect(requests[1]?.headers).toMatchObject({
      accept: 'text/event-stream',
      'x-issuer-id': r.fake.issuerId,
      'x-workstation-id': 'WS-TOKYO-017',
      'x-agent-id': 'sato.hanako',
      'x-agent-role': 'agent',
      'x-agent-session': 'S'.repeat(40),
      'last-event-id': `${EPOCH}-7`,
      'x-correlation-id': stream.correlationId,
    });
    expect(r.fake.tokenRequests).toHaveLength(2);
  });

  it('maps a refusal to a BackendError with the backend’s code, and an answer that is no stream to a schema failure', async () => {
    const r = await rig();
    r.fake.route('GET', STREAM, (_request, response, hit) => {
      if (hit === 1) sendError(response, 403, 'FORBIDDEN_ROLE', 'F');
      else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{}');
      }
    });
    const signal = new AbortController().signal;
    const refused = await r.test.client.openEventStream({ signal }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BackendError);
    expect((refused as BackendError).failure).toMatchObject({ kind: 'api', status: 403, code: 'FORBIDDEN_ROLE', category: 'F' });
    const notStream = await r.test.client.openEventStream({ signal }).catch((error: unknown) => error);
    expect((notStream as BackendError).failure).toMatchObject({ kind: 'schema', status: 200 });
  });

  it('refuses a Last-Event-ID the API does not allow, without sending anything', async () => {
    const r = await rig();
    const failed = await r.test.client.openEventStream({ lastEventId: 'x'.repeat(201), signal: new AbortController().signal }).catch((error: unknown) => error);
    expect((failed as BackendError).failure.kind).toBe('invalid-request');
    expect(r.fake.requests).toHaveLength(0);
  });
});
