import type { Readable } from 'node:stream';
import { STREAM_HEARTBEAT_MS, StreamEvent, StreamEventId } from '../../../shared/api/stream-events';
import type { LiveStatus } from '../../../shared/contract';
import type { OpenEventStream } from '../backend/backend-client';
import { sleep } from '../backend/retry-policy';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import { DEFAULT_RECONNECT_POLICY, reconnectDelay, type ReconnectPolicy } from './reconnect-delay';
import { createSseParser, SseOverflowError, type SseMessage } from './sse-parser';

export interface LiveEventsOptions {
  /** Opens the signed-in agent's stream, resuming after `lastEventId`. Throws what the backend client throws. */
  readonly open: (lastEventId: string | undefined, signal: AbortSignal) => Promise<OpenEventStream>;
  /** True when a failure means the agent's session is over: the stream stops instead of retrying. */
  readonly isSessionGone: (error: unknown) => boolean;
  readonly events: Pick<EventBus, 'emit'>;
  readonly logger: Logger;
  readonly reconnect?: Partial<ReconnectPolicy>;
  /** Injectable for tests: the jitter source and the clock (milliseconds since the epoch). */
  readonly random?: () => number;
  readonly now?: () => number;
}

/** Main's one live connection to the backend's event stream. */
export interface LiveEvents {
  /** Connects for the agent signed in now; a running stream is closed and opened afresh. */
  start(): void;
  /** Closes the stream and stops reconnecting: the status goes idle. */
  stop(): void;
  status(): LiveStatus;
}

/** How many heartbeat periods of silence mean the connection is dead (the stream's own rule). */
const SILENT_PERIODS = 2;

interface Position {
  readonly epoch: string;
  readonly sequence: number;
}

const positionOf = (id: string): Position | null => {
  if (!StreamEventId.safeParse(id).success) return null;
  const [epoch = '', sequence = ''] = id.split('-');
  return { epoch, sequence: Number(sequence) };
};

/** Why a connection ended, for the log: never the data, never a header. */
type EndReason = 'ended' | 'silent' | 'error' | 'oversized' | 'stopped';

/**
 * Holds one server-sent-events connection to `GET /api/v1/events/stream` for the signed-in agent
 * and turns it into core events: `token.changed` per change, `live.reset` when what the console
 * shows may have missed changes, and `live.status` on every change of state for the status bar.
 *
 * Nothing is missed: the id of every event is kept, and each reconnection sends it as
 * Last-Event-ID, so the backend replays what came after it, or answers `reset` when it cannot
 * (its epoch changed with a restart, or the gap is longer than it keeps). Reconnections back off
 * exponentially with jitter. A connection that stays silent for two heartbeat periods is treated
 * as dead, since a half-open TCP connection can otherwise look open for hours.
 */
export const createLiveEvents = (options: LiveEventsOptions): LiveEvents => {
  const { logger, events } = options;
  const policy: ReconnectPolicy = { ...DEFAULT_RECONNECT_POLICY, ...options.reconnect };
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const log = logger.child({ component: 'live-events' });

  let current: LiveStatus = { state: 'idle', since: new Date(now()).toISOString(), attempt: 0, retryAt: null };
  /** Bumped by every start and stop: a loop from an earlier generation stops at its next step. */
  let generation = 0;
  let stopper: AbortController | null = null;

  const setStatus = (state: LiveStatus['state'], attempt: number, retryAt: number | null): void => {
    const retry = retryAt === null ? null : new Date(retryAt).toISOString();
    if (current.state === state && current.attempt === attempt && current.retryAt === retry) return;
    current = { state, since: current.state === state ? current.since : new Date(now()).toISOString(), attempt, retryAt: retry };
    events.emit('live.status', current);
  };

  /** Per start: where the stream is, and whether the screen must be re-fetched when it is next live. */
  interface Run {
    readonly generation: number;
    readonly signal: AbortSignal;
    lastEventId: string | null;
    position: Position | null;
    resyncOnReady: boolean;
    heartbeatMs: number;
  }

  const handle = (run: Run, message: SseMessage, onReady: () => void): void => {
    let json: unknown;
    try {
      json = JSON.parse(message.data);
    } catch {
      log.warn({ event: message.event.slice(0, 40), id: message.id?.slice(0, 40) }, 'live event is not JSON; skipped');
      return;
    }
    const parsed = StreamEvent.safeParse(json);
    if (!parsed.success || parsed.data.type !== message.event) {
      const fields = parsed.success ? ['type'] : parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
      log.warn({ event: message.event.slice(0, 40), id: message.id?.slice(0, 40), fields: fields.slice(0, 10) }, 'live event breaks its schema; skipped');
      return;
    }
    const event = parsed.data;
    const position = message.id === null ? null : positionOf(message.id);
    if (message.id !== null && position === null) log.warn({ event: event.type }, 'live event id is not {epoch}-{sequence}; not kept');

    if (event.type === 'token.changed') {
      // Replay starts after Last-Event-ID, so a repeat should not happen; if a backend sends one
      // anyway, the renderer must not flash the same change twice.
      if (position && run.position && position.epoch === run.position.epoch && position.sequence <= run.position.sequence) {
        log.debug({ id: message.id }, 'live event already seen; skipped');
        return;
      }
      const { type: _type, ...change } = event;
      // Just parsed as a StreamEvent, of which the contract's TokenChanged is the same object without its type.
      events.emit('token.changed', change, { checked: true });
    } else if (event.type === 'approval.changed') {
      // The whole request as it is now: the agent's tray and the supervisors' queue follow it.
      events.emit('approval.changed', { request: event.request, previousState: event.previousState }, { checked: true });
    } else if (event.type === 'audit.appended') {
      // Only a supervisor's or an administrator's stream carries these: the floor follows the trail.
      events.emit('audit.appended', { record: event.record }, { checked: true });
    } else if (event.type === 'reset') {
      log.info({ reason: event.reason }, 'live stream reset: the console re-fetches');
      run.resyncOnReady = false;
      events.emit('live.reset', { reason: event.reason });
    } else {
      run.heartbeatMs = event.heartbeatMs;
      if (run.resyncOnReady) {
        run.resyncOnReady = false;
        events.emit('live.reset', { reason: 'RECONNECTED' });
      }
      onReady();
    }
    if (position && message.id !== null) {
      run.lastEventId = message.id;
      run.position = position;
    }
  };

  /** Reads one open stream until it ends; resolves with why, and whether it got as far as `ready`. */
  const consume = (run: Run, body: Readable, onReady: () => void): Promise<{ reason: EndReason; ready: boolean }> =>
    new Promise((resolve) => {
      let ready = false;
      let done = false;
      let watchdog: NodeJS.Timeout | null = null;
      const finish = (reason: EndReason): void => {
        if (done) return;
        done = true;
        if (watchdog) clearTimeout(watchdog);
        run.signal.removeEventListener('abort', onStop);
        body.destroy();
        resolve({ reason, ready });
      };
      const onStop = (): void => finish('stopped');
      const arm = (): void => {
        if (watchdog) clearTimeout(watchdog);
        watchdog = setTimeout(() => finish('silent'), SILENT_PERIODS * run.heartbeatMs);
      };
      const parser = createSseParser({
        onMessage: (message) =>
          handle(run, message, () => {
            ready = true;
            // The period the backend announced applies from now on.
            arm();
            onReady();
          }),
      });
      run.signal.addEventListener('abort', onStop, { once: true });
      if (run.signal.aborted) {
        finish('stopped');
        return;
      }
      arm();
      body.setEncoding('utf8');
      body.on('data', (chunk: string) => {
        if (done) return;
        arm();
        try {
          parser.feed(chunk);
        } catch (error) {
          if (!(error instanceof SseOverflowError)) throw error;
          log.warn({ err: error }, 'live stream sent an oversized event; reconnecting');
          finish('oversized');
        }
      });
      body.once('end', () => finish('ended'));
      // `on`, not `once`: a stream can report more than one error while it is torn down, and an
      // error without a listener would bring the whole process down.
      body.on('error', () => finish('error'));
      body.once('close', () => finish('ended'));
    });

  const loop = async (run: Run): Promise<void> => {
    const live = (): boolean => run.generation === generation && !run.signal.aborted;
    let attempt = 0;
    while (live()) {
      let wasReady = false;
      try {
        const stream = await options.open(run.lastEventId ?? undefined, run.signal);
        if (!live()) {
          stream.body.destroy();
          return;
        }
        const { reason, ready } = await consume(run, stream.body, () => {
          attempt = 0;
          setStatus('connected', 0, null);
        });
        wasReady = ready;
        if (reason !== 'stopped') log.info({ reason, correlationId: stream.correlationId }, 'live stream lost; reconnecting');
      } catch (error) {
        if (!live()) return;
        if (options.isSessionGone(error)) {
          log.info({ err: error }, 'the agent session is over; live stream stopped');
          stop();
          return;
        }
        log.warn({ err: error, attempt }, 'live stream could not be opened');
      }
      if (!live()) return;
      if (wasReady) attempt = 0;
      attempt += 1;
      // Without a position to resume from, changes may have passed unseen while data was shown.
      if (run.lastEventId === null) run.resyncOnReady = true;
      const delay = reconnectDelay(attempt, policy, random);
      setStatus('reconnecting', attempt, now() + delay);
      try {
        await sleep(delay, run.signal);
      } catch {
        return;
      }
      if (!live()) return;
      // The attempt itself is under way: no time to show any more.
      setStatus('reconnecting', attempt, null);
    }
  };

  const stop = (): void => {
    generation += 1;
    stopper?.abort();
    stopper = null;
    setStatus('idle', 0, null);
  };

  return {
    start() {
      stop();
      const controller = new AbortController();
      stopper = controller;
      const run: Run = {
        generation,
        signal: controller.signal,
        lastEventId: null,
        position: null,
        resyncOnReady: false,
        heartbeatMs: STREAM_HEARTBEAT_MS,
      };
      setStatus('connecting', 0, null);
      loop(run).catch((error: unknown) => {
        // A bug, not a network problem: say so, and leave the status honest.
        log.error({ err: error }, 'live stream loop failed');
        if (run.generation === generation) stop();
      });
    },
    stop,
    status: () => current,
  };
};
