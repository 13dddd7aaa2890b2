import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints } from '../../../../shared/api/endpoints';
import type { SimulatedAction } from '../../../../shared/api/training';
import { consoleShareOf, type TrainingCredentials } from '../../../../shared/api/training-credentials';
import type { LiveStatus, TokenChanged } from '../../../../shared/contract';
import { startSandboxWithCredentials, type Sandbox } from '../../../../sandbox/index';
import type { StartTrainingBackend } from '../../../../electron/core/app-core';
import { backendScript } from '../../../support/backend-script';
import { restartableTrainingBackend } from '../../../../electron/dev-bridge/restartable-training-backend';
import { startCore, type CoreHarness } from '../session/support/core-harness';
import { memoryLogger } from '../support/client-setup';
import { eventually, watchServerRequests } from '../support/server-requests';

/**
 * Core's live connection to the training backend's event stream, over real HTTP: it follows the
 * session, turns changes into token.changed within a second, and loses nothing when the
 * connection drops, goes silent or the backend restarts.
 */
const sato = { agentId: 'agent.sato', password: 'Training-Sato-2026' };
const STREAM = endpoints.streamEvents.path;
const WATCH = 'VCWATCH00001';

/**
 * The training controls as the platform's side reaches them, with the platform's own key: they
 * take no workstation's, so the console under test never makes these calls.
 */
let platform: ReturnType<typeof backendScript>;
const playPlatform = (credentials: TrainingCredentials | null): void => {
  if (!credentials) throw new Error('no training backend');
  platform = backendScript(credentials);
};
const simulate = (_h: CoreHarness, action: SimulatedAction, virtualCardId = WATCH) => platform.simulate({ virtualCardId, action, source: 'WALLET' });

const payloads = <N extends 'live.status' | 'token.changed' | 'live.reset'>(h: CoreHarness, name: N) =>
  h.events.filter((event) => event.name === name).map((event) => event.payload) as Array<
    N extends 'live.status' ? LiveStatus : N extends 'token.changed' ? TokenChanged : { reason: string }
  >;
const statesSince = (h: CoreHarness, from: number): string[] =>
  h.events.slice(from).flatMap((event) => (event.name === 'live.status' ? [event.payload.state] : []));
const connected = (h: CoreHarness) =>
  eventually(() => expect(h.core.live.status().state).toBe('connected'));

/** The sandbox as core's training backend, with a short heartbeat so silence shows quickly. */
const quickSandbox = () => {
  const started: Sandbox[] = [];
  const start: StartTrainingBackend = async () => {
    const { sandbox, credentials } = await startSandboxWithCredentials({ port: 0, mode: 'training', streamHeartbeatMs: 150 });
    started.push(sandbox);
    playPlatform(credentials);
    // Core is handed the console's share only; the platform's key stays with the test's platform side.
    return { credentials: consoleShareOf(credentials), close: () => sandbox.close() };
  };
  return { start, sandbox: (): Sandbox => started[0] ?? (() => { throw new Error('not started'); })() };
};

describe('the live stream of a signed-in agent', () => {
  let h: CoreHarness;
  const backend = quickSandbox();
  const watch = watchServerRequests(STREAM);

  beforeAll(async () => {
    h = await startCore({ startTrainingBackend: backend.start });
  }, 30_000);
  afterAll(async () => {
    watch.stop();
    await h.close();
  });

  it('is idle until an agent signs in, then connects', async () => {
    expect(await h.ok('live.status')).toMatchObject({ state: 'idle', attempt: 0, retryAt: null });
    const from = h.events.length;
    await h.ok('session.signIn', sato);
    await connected(h);
    expect(statesSince(h, from)).toEqual(['connecting', 'connected']);
    expect(await h.ok('live.status')).toMatchObject({ state: 'connected', attempt: 0, retryAt: null });
    // The stream carries the agent's session and the usual headers, like every request.
    const request = watch.last();
    expect(request?.headers).toMatchObject({ accept: 'text/event-stream', 'x-issuer-id': 'TDTRAINING', 'x-agent-id': 'agent.sato' });
    expect(request?.headers.authorization).toMatch(/^Bearer /);
    expect(request?.headers['x-agent-session']).toBe(h.core.session.identity()?.sessionToken);
    expect(request?.headers['last-event-id']).toBeUndefined();
    expect(backend.sandbox().streamCount()).toBe(1);
  });

  it('turns a wallet suspending a token into token.changed within a second', async () => {
    const before = payloads(h, 'token.changed').length;
    await simulate(h, 'SUSPEND');
    const change = await eventually(() => {
      const found = payloads(h, 'token.changed').slice(before).find((payload) => payload.virtualCardId === WATCH);
      if (!found) throw new Error('no token.changed yet');
      return found;
    }, 1_000);
    expect(change).toMatchObject({
      virtualCardId: WATCH,
      issuerCardRefId: 'CR000001GOLD',
      cardholderId: 'C0000001',
      state: 'SUSPENDED',
      previousState: 'ACTIVE',
      suspendedBy: ['WALLET'],
      // The event that caused the change, typed: a consumer acts on it without reading the history.
      event: { kind: 'SUSPENDED', actor: { source: 'WALLET' }, detail: { callback: 'simulator', action: 'SUSPEND', source: 'WALLET', simulated: true } },
    });
    expect(change).not.toHaveProperty('type');
    await simulate(h, 'RESUME');
    await eventually(() => expect(payloads(h, 'token.changed').at(-1)).toMatchObject({ virtualCardId: WATCH, state: 'ACTIVE' }), 1_000);
  });

  it('replays the changes it missed while the connection was down, each once', async () => {
    const before = payloads(h, 'token.changed').length;
    const resetsBefore = payloads(h, 'live.reset').length;
    const from = h.events.length;
    const dropped = watch.last();
    if (!dropped) throw new Error('no stream seen');
    // Every reconnection fails until the changes have happened: they can only arrive by replay.
    await platform.fault({ match: { method: 'GET', pathPrefix: STREAM }, fault: 'reset', times: 1000 });
    dropped.socket.destroy();
    await eventually(() => expect(h.core.live.status()).toMatchObject({ state: 'reconnecting' }));
    await simulate(h, 'SUSPEND');
    await simulate(h, 'RESUME');
    await simulate(h, 'SUSPEND');
    await eventually(() => expect(h.core.live.status().attempt).toBeGreaterThanOrEqual(2));
    await platform.clearFaults();
    await connected(h);

    const replayed = await eventually(() => {
      const changes = payloads(h, 'token.changed').slice(before);
      expect(changes.map((change) => change.state)).toEqual(['SUSPENDED', 'ACTIVE', 'SUSPENDED']);
      return changes;
    });
    const all = payloads(h, 'token.changed').map((change) => change.sequence);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort((a, b) => a - b)).toEqual(all);
    expect(replayed.map((change) => change.sequence)).toEqual([replayed[0]?.sequence ?? 0, (replayed[0]?.sequence ?? 0) + 1, (replayed[0]?.sequence ?? 0) + 2]);
    // The reconnection resumed from the last id it had; nothing needed re-fetching.
    expect(watch.last()?.headers['last-event-id']).toMatch(/^[a-z]{8}-\d+$/);
    expect(payloads(h, 'live.reset').length).toBe(resetsBefore);
    expect(statesSince(h, from)).toContain('reconnecting');
    expect(statesSince(h, from).at(-1)).toBe('connected');
    // The status counted attempts and said when the next was due.
    const waiting = payloads(h, 'live.status').filter((status) => status.state === 'reconnecting' && status.retryAt !== null);
    expect(waiting.length).toBeGreaterThan(0);
    for (const status of waiting) expect(Date.parse(status.retryAt ?? '')).toBeGreaterThan(Date.parse(status.since) - 1);
    await simulate(h, 'RESUME');
  });

  it('treats a connection silent for two heartbeats as dead, and reconnects', async () => {
    const stalled = watch.last();
    if (!stalled) throw new Error('no stream seen');
    const seenBefore = watch.seen.length;
    const from = h.events.length;
    // The backend's writes stop reaching the console, as on a half-open connection.
    stalled.socket.cork();
    await eventually(() => expect(watch.seen.length).toBeGreaterThan(seenBefore));
    await connected(h);
    await stalled.closed;
    expect(statesSince(h, from)).toEqual(expect.arrayContaining(['reconnecting', 'connected']));
    // The watchdog, not the backend, ended it.
    expect(h.logLines.some((line) => line.includes('live stream lost') && line.includes('"reason":"silent"'))).toBe(true);
    await eventually(() => expect(backend.sandbox().streamCount()).toBe(1));
  });

  it('stops on sign-out, and no reconnection follows', async () => {
    await h.ok('session.signOut');
    expect(h.core.live.status().state).toBe('idle');
    await eventually(() => expect(backend.sandbox().streamCount()).toBe(0));
    const seen = watch.seen.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watch.seen.length).toBe(seen);
    expect(await h.ok('live.status')).toMatchObject({ state: 'idle' });
  });

  it('stops when the backend ends the session, and the console forgets it', async () => {
    await h.ok('session.signIn', sato);
    await connected(h);
    backend.sandbox().store.sessions.clear();
    await eventually(() => expect(h.core.session.status().state).toBe('signedOut'));
    expect(h.core.live.status().state).toBe('idle');
    expect(h.events.filter((event) => event.name === 'session.changed').at(-1)?.payload).toMatchObject({ state: 'signedOut' });
    await eventually(() => expect(backend.sandbox().streamCount()).toBe(0));
  });

  it('keeps streaming while the console is locked, and opens afresh for the next agent', async () => {
    await h.ok('session.signIn', sato);
    await connected(h);
    await h.ok('session.lock');
    const before = payloads(h, 'token.changed').length;
    await simulate(h, 'SUSPEND');
    await eventually(() => expect(payloads(h, 'token.changed').length).toBe(before + 1));
    await h.ok('session.signIn', { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' });
    await connected(h);
    await eventually(() => expect(watch.last()?.headers['x-agent-id']).toBe('supervisor.suzuki'));
    await eventually(() => expect(backend.sandbox().streamCount()).toBe(1));
    await simulate(h, 'RESUME');
    await h.ok('session.signOut');
  });

  it('writes no secret to any log line', () => {
    expect(h.logLines.some((line) => line.includes('live stream lost'))).toBe(true);
    for (const line of h.logLines) {
      expect(line).not.toMatch(/Bearer\s+[A-Za-z0-9._~+/=-]{8,}/i);
      expect(line).not.toMatch(/PRIVATE KEY|sessionToken|access_token/);
      expect(line).not.toMatch(/"x-agent-session"\s*:\s*"[A-Za-z0-9_-]{20,}/);
    }
  });
});

describe('a backend restart on the same port', () => {
  let h: CoreHarness;
  let dir: string;
  let training: ReturnType<typeof restartableTrainingBackend>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'td-live-restart-'));
    training = restartableTrainingBackend(memoryLogger().logger, { dataFile: join(dir, 'sandbox.json') });
    h = await startCore({ startTrainingBackend: training.start });
    playPlatform(training.controls.credentials());
  }, 30_000);
  afterAll(async () => {
    await h.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reconnects, resets what the console shows, and goes on streaming the new run', async () => {
    await h.ok('session.signIn', sato);
    await connected(h);
    await simulate(h, 'SUSPEND');
    await eventually(() => expect(payloads(h, 'token.changed').at(-1)).toMatchObject({ state: 'SUSPENDED' }));
    const port = new URL(training.controls.credentials()?.baseUrl ?? '').port;
    const from = h.events.length;

    const restarted = await training.controls.restart();
    expect(new URL(restarted.baseUrl).port).toBe(port);
    await eventually(() => expect(payloads(h, 'live.reset').at(-1)).toEqual({ reason: 'UNKNOWN_POSITION' }));
    await connected(h);
    const states = statesSince(h, from);
    expect(states.indexOf('reconnecting')).toBeGreaterThanOrEqual(0);
    expect(states.lastIndexOf('connected')).toBeGreaterThan(states.indexOf('reconnecting'));

    // The data, the session and the bearer token survived the restart.
    expect(await h.ok('tokens.get', { virtualCardId: WATCH })).toMatchObject({ state: 'SUSPENDED' });
    expect(h.core.session.status().state).toBe('signedIn');
    const before = payloads(h, 'token.changed').length;
    await simulate(h, 'RESUME');
    await eventually(() => expect(payloads(h, 'token.changed').slice(before)).toMatchObject([{ virtualCardId: WATCH, state: 'ACTIVE' }]), 1_000);
    await h.ok('session.signOut');
  });
});
