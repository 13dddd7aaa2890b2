import { describe, expect, it } from 'vitest';
import { appendOlder, filterEvents, mergeNewest, sourceOf } from '../../../../renderer/store/history/reducer';
import { buildEvent, buildPage } from './builders';

const ids = (events: ReadonlyArray<{ eventId: string }>): string[] => events.map((event) => event.eventId.slice(-3));

describe('appendOlder', () => {
  it('puts the older page below, once per eventId', () => {
    const held = buildPage(10, 3); // 10 9 8
    const merged = appendOlder(held, buildPage(8, 3)); // 8 again, then 7 6
    expect(ids(merged)).toEqual(['010', '009', '008', '007', '006']);
  });

  it('keeps the same array when the page brings nothing new', () => {
    const held = buildPage(10, 3);
    expect(appendOlder(held, buildPage(9, 2))).toBe(held);
  });
});

describe('mergeNewest', () => {
  it('puts new events on top and says which were new', () => {
    const held = buildPage(10, 3);
    const merged = mergeNewest(held, { items: buildPage(12, 4), nextCursor: 'c' }); // 12 11 10 9
    expect(ids(merged.items)).toEqual(['012', '011', '010', '009', '008']);
    expect(ids(merged.added)).toEqual(['012', '011']);
    expect(merged.restarted).toBe(false);
  });

  it('changes nothing when the change was already loaded (a replayed announcement)', () => {
    const held = buildPage(10, 3);
    const merged = mergeNewest(held, { items: buildPage(10, 2), nextCursor: 'c' });
    expect(merged.items).toBe(held);
    expect(merged.added).toEqual([]);
  });

  it('starts over from the newest page when it does not reach what is held', () => {
    const held = buildPage(10, 3);
    const merged = mergeNewest(held, { items: buildPage(100, 5), nextCursor: 'c' });
    expect(merged.restarted).toBe(true);
    expect(ids(merged.items)).toEqual(['100', '099', '098', '097', '096']);
  });

  it('a short newest page that is the whole history cannot leave a gap', () => {
    const merged = mergeNewest(buildPage(2, 1), { items: buildPage(4, 2), nextCursor: null });
    expect(merged.restarted).toBe(false);
    expect(ids(merged.items)).toEqual(['004', '003', '002']);
  });

  it('fills an empty view', () => {
    const page = buildPage(3, 3);
    expect(mergeNewest([], { items: page, nextCursor: null }).items).toBe(page);
  });
});

describe('filterEvents', () => {
  const events = [
    buildEvent({ eventId: 'EV0000000001', kind: 'SUSPENDED', actor: { source: 'WALLET' } }),
    buildEvent({ eventId: 'EV0000000002', kind: 'SUSPENDED', actor: { source: 'ISSUER', agentId: 'agent.sato', agentName: '佐藤 美咲' } }),
    buildEvent({ eventId: 'EV0000000003', kind: 'DELETED', actor: { source: 'ISSUER' } }),
    buildEvent({ eventId: 'EV0000000004', kind: 'NOTIFICATION_SENT', actor: { source: 'TSP' } }),
  ];

  it('returns the same array when nothing is filtered', () => {
    expect(filterEvents(events, { kind: null, source: null })).toBe(events);
  });

  it('filters by kind, by source, and by both', () => {
    expect(ids(filterEvents(events, { kind: 'SUSPENDED', source: null }))).toEqual(['001', '002']);
    expect(ids(filterEvents(events, { kind: null, source: 'AGENT' }))).toEqual(['002']);
    expect(ids(filterEvents(events, { kind: null, source: 'ISSUER' }))).toEqual(['003']);
    expect(ids(filterEvents(events, { kind: 'SUSPENDED', source: 'WALLET' }))).toEqual(['001']);
    expect(filterEvents(events, { kind: 'ACTIVATED', source: null })).toEqual([]);
  });

  it('counts an issuer event with an agent as the agent', () => {
    expect(sourceOf({ source: 'ISSUER', agentName: '佐藤 美咲' })).toBe('AGENT');
    expect(sourceOf({ source: 'ISSUER' })).toBe('ISSUER');
    expect(sourceOf({ source: 'WALLET' })).toBe('WALLET');
  });
});
