import type { TokenEvent } from '../../../shared/api/token-event';
import type { LiveStatus } from '../../../shared/contract/lookup';
import type { BackendClient } from '../backend/backend-client';
import type { OutboxEntry } from './action-entry';
import { findOwnEvents, type OwnEvents } from './own-events';
import { readRecentHistory } from './token-history';

/** A token's changes kept while an action on it waits; far more than one action's few traces. */
const KEPT_PER_TOKEN = 200;

export interface ActionTracesOptions {
  /** Some action on this token still waits for its traces (under way, or a notification to come). */
  readonly watching: (virtualCardId: string) => boolean;
}

/**
 * Where an action's traces are found: the backend records the agent's action (AGENT_ACTION, with
 * our correlation id), then the TSP's confirmation or OPERATION_FAILED and the cardholder
 * notification (each with the operation's id). They come on the live stream as they happen, so
 * they are kept here per token while an action waits on it, and read from there.
 *
 * The stream "covers" an action when it was connected when the action's first send left this
 * process (or when its history was last read): from then on every change to the token comes on
 * the stream, replayed after a reconnection. A reset (`live.reset`) or a stream that stops loses
 * the position, and then only the token's history can say what happened meanwhile: the fallback.
 */
export interface ActionTraces {
  /** The stream is connected now. */
  live(): boolean;
  /** The stream's state changed. An idle stream restarts with no position, so nothing is covered any more. */
  streamState(state: LiveStatus['state']): void;
  /** Changes may have passed unseen (`live.reset`, a token's changes beyond what is kept). */
  uncover(virtualCardId?: string): void;
  /** A change from the stream; false when no action waits on its token (nothing kept). */
  record(event: TokenEvent): boolean;
  /** The action's first send leaves this process now. */
  sending(entry: OutboxEntry): void;
  covered(entry: OutboxEntry): boolean;
  /** What the stream brought about the action. */
  seen(entry: OutboxEntry): OwnEvents;
  /**
   * The token's history back to shortly before `since` (the fallback), with what the stream
   * brought; from the start of the read on, the stream covers the action when it is connected.
   */
  read(client: BackendClient, entry: OutboxEntry, since: string): Promise<OwnEvents>;
}

export const createActionTraces = (options: ActionTracesOptions): ActionTraces => {
  let connected = false;
  /** Bumped whenever changes may have passed unseen: a read that began before it covers nothing. */
  let losses = 0;
  const byToken = new Map<string, TokenEvent[]>();
  /** Per action: its token, and whether the stream covers it. Absent: never sent from this process, never read. */
  const coverage = new Map<string, { readonly virtualCardId: string; covered: boolean }>();

  const kept = (virtualCardId: string): readonly TokenEvent[] => byToken.get(virtualCardId) ?? [];

  const uncover = (virtualCardId?: string): void => {
    losses += 1;
    for (const cover of coverage.values()) if (virtualCardId === undefined || cover.virtualCardId === virtualCardId) cover.covered = false;
  };

  /** Forgets the tokens nobody waits on any more: once per send, not per change (every console sees every change). */
  const sweep = (): void => {
    for (const virtualCardId of byToken.keys()) if (!options.watching(virtualCardId)) byToken.delete(virtualCardId);
    for (const [actionId, cover] of coverage) if (!options.watching(cover.virtualCardId)) coverage.delete(actionId);
  };

  return {
    live: () => connected,
    streamState(state) {
      connected = state === 'connected';
      if (state === 'idle') uncover();
    },
    uncover,
    record(event) {
      if (!options.watching(event.virtualCardId)) {
        byToken.delete(event.virtualCardId);
        return false;
      }
      const events = byToken.get(event.virtualCardId) ?? [];
      // A replay after a reconnection can bring a change again.
      if (events.some((seen) => seen.eventId === event.eventId)) return true;
      events.push(event);
      byToken.set(event.virtualCardId, events);
      if (events.length > KEPT_PER_TOKEN) {
        events.splice(0, events.length - KEPT_PER_TOKEN);
        // What was dropped may have been an action's trace: its history says it again.
        uncover(event.virtualCardId);
      }
      return true;
    },
    sending(entry) {
      sweep();
      if (!coverage.has(entry.view.actionId)) coverage.set(entry.view.actionId, { virtualCardId: entry.view.virtualCardId, covered: connected });
    },
    covered: (entry) => coverage.get(entry.view.actionId)?.covered === true,
    seen: (entry) => findOwnEvents(kept(entry.view.virtualCardId), entry.view),
    async read(client, entry, since) {
      const liveAtStart = connected;
      const lossesAtStart = losses;
      const { virtualCardId } = entry.view;
      const history = await readRecentHistory(client, virtualCardId, since, { correlationId: entry.view.correlationId, idempotencyKey: entry.idempotencyKey });
      coverage.set(entry.view.actionId, { virtualCardId, covered: liveAtStart && losses === lossesAtStart });
      return findOwnEvents([...history, ...kept(virtualCardId)], entry.view);
    },
  };
};
