import { randomInt } from 'node:crypto';
import { FeedEvent, STREAM_REPLAY_CAPACITY, type ApprovalChangedEvent, type TokenChangedEvent, type AuditAppendedEvent } from '../../shared/api/stream-events';
import { RingBuffer } from './ring-buffer';

/** A change as the store (or the approvals) describe it; the feed gives it its place in the stream. */
type ChangeDraft = Omit<TokenChangedEvent, 'sequence'> | Omit<ApprovalChangedEvent, 'sequence'> | Omit<AuditAppendedEvent, 'sequence'>;

type ChangeListener = (event: FeedEvent) => void;

/** Where a (re)connecting stream starts, from its `Last-Event-ID`. */
export type StreamStart =
  | { readonly kind: 'live' }
  | { readonly kind: 'replay'; readonly events: readonly FeedEvent[] }
  | { readonly kind: 'reset'; readonly reason: 'HISTORY_GAP' | 'UNKNOWN_POSITION' };

const EPOCH_LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const ID_PATTERN = /^([a-z]{8})-(\d{1,9})$/;

/** Letters only: the id never holds a long run of digits that could pass for a card number. */
const newEpoch = (): string => Array.from({ length: 8 }, () => EPOCH_LETTERS[randomInt(EPOCH_LETTERS.length)]).join('');

/**
 * Every token change (and approval change), numbered and kept for replay: the stream's source. The store publishes here
 * from its one path that changes tokens; streams subscribe. The last `capacity` changes are kept,
 * so a client that reconnects with `Last-Event-ID` gets exactly what it missed, or a reset when
 * that is no longer possible.
 */
export class ChangeFeed {
  /** New on every start: an id from before a restart names no position of this run. */
  readonly epoch = newEpoch();
  private sequence = 0;
  private readonly kept: RingBuffer<FeedEvent>;
  private readonly listeners = new Set<ChangeListener>();

  constructor(
    capacity = STREAM_REPLAY_CAPACITY,
    /** Told when a listener throws, so one broken stream neither stops the others nor fails the change. */
    private readonly onListenerError: (error: unknown) => void = () => undefined,
  ) {
    this.kept = new RingBuffer(capacity);
  }

  /** The sequence of the last change (0 before any). */
  get position(): number {
    return this.sequence;
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** The SSE `id` of a position. */
  idOf(sequence: number): string {
    return `${this.epoch}-${sequence}`;
  }

  /** Numbers the change, keeps it and delivers it to every subscriber, synchronously and in order. */
  publish<D extends ChangeDraft>(draft: D): Extract<FeedEvent, { type: D['type'] }> {
    // Checked before the sequence moves: a change the stream could not carry is refused whole.
    const event = FeedEvent.parse({ ...draft, sequence: this.sequence + 1 }) as Extract<FeedEvent, { type: D['type'] }>;
    this.sequence = event.sequence;
    this.kept.push(event);
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
    return event;
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * What a stream that last saw `lastEventId` has missed. Subscribing in the same synchronous turn
   * as this call leaves no gap and no overlap between the replay and the live events.
   */
  startAfter(lastEventId: string | undefined): StreamStart {
    if (lastEventId === undefined || lastEventId === '') return { kind: 'live' };
    const match = ID_PATTERN.exec(lastEventId);
    if (!match || match[1] !== this.epoch) return { kind: 'reset', reason: 'UNKNOWN_POSITION' };
    const seen = Number(match[2]);
    if (seen > this.sequence) return { kind: 'reset', reason: 'UNKNOWN_POSITION' };
    const oldestKept = this.sequence - this.kept.size + 1;
    // Replay works when the first missed change (seen + 1) is still kept.
    if (seen + 1 < oldestKept) return { kind: 'reset', reason: 'HISTORY_GAP' };
    return { kind: 'replay', events: this.kept.slice(seen + 1 - oldestKept) };
  }
}
