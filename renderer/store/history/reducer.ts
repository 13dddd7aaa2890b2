import type { Actor, TokenEvent } from '../../../shared/api/model';
import type { HistoryFilter, HistorySource } from './initialState';

/**
 * Pure page arithmetic for a token's history. The backend pages newest first by cursor, and a
 * live change adds events on top; both can deliver an event already held (a page boundary that
 * moved, a change announced twice), so every merge dedupes by eventId.
 */

export interface EventsPage {
  readonly items: readonly TokenEvent[];
  readonly nextCursor: string | null;
}

const idsOf = (events: readonly TokenEvent[]): Set<string> => new Set(events.map((event) => event.eventId));

/** An older page goes below what is held. */
export const appendOlder = (held: readonly TokenEvent[], page: readonly TokenEvent[]): readonly TokenEvent[] => {
  const known = idsOf(held);
  const older = page.filter((event) => !known.has(event.eventId));
  return older.length === 0 ? held : [...held, ...older];
};

export interface NewestMerge {
  readonly items: readonly TokenEvent[];
  /** The events that were not held before, newest first. */
  readonly added: readonly TokenEvent[];
  /**
   * The newest page does not reach what is held, so events in between are unknown: the held rows
   * are dropped and paging starts again from this page (its cursor replaces the old one).
   */
  readonly restarted: boolean;
}

/** The newest page goes on top; what it repeats is kept once. */
export const mergeNewest = (held: readonly TokenEvent[], page: EventsPage): NewestMerge => {
  const known = idsOf(held);
  const added = page.items.filter((event) => !known.has(event.eventId));
  if (held.length === 0) return { items: page.items, added: page.items, restarted: false };
  if (added.length === 0) return { items: held, added, restarted: false };
  const overlaps = added.length < page.items.length;
  // The whole page is new and there is more below it: it does not meet the held rows.
  if (!overlaps && page.nextCursor !== null) return { items: page.items, added, restarted: true };
  return { items: [...added, ...held], added, restarted: false };
};

export const sourceOf = (actor: Actor): HistorySource =>
  actor.source === 'ISSUER' && (actor.agentId !== undefined || actor.agentName !== undefined) ? 'AGENT' : actor.source;

export const isFiltered = (filter: HistoryFilter): boolean => filter.kind !== null || filter.source !== null;

/** The loaded events the filter lets through, in the same order; the same array when nothing is filtered. */
export const filterEvents = (events: readonly TokenEvent[], filter: HistoryFilter): readonly TokenEvent[] => {
  if (!isFiltered(filter)) return events;
  return events.filter(
    (event) => (filter.kind === null || event.kind === filter.kind) && (filter.source === null || sourceOf(event.actor) === filter.source),
  );
};
