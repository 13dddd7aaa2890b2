import { describe, expect, it } from 'vitest';
import { mergeActions, newerAction, newestFirst } from '../../../../renderer/store/actions/reducer';
import { buildAction, uuid } from './builders';

describe('which report of an action wins', () => {
  it('keeps the report main wrote later, whatever order they arrive in', () => {
    const accepted = buildAction({ status: 'ACCEPTED', updatedAt: '2026-11-23T05:00:02.000Z' });
    const requested = buildAction({ status: 'REQUESTED', updatedAt: '2026-11-23T05:00:01.000Z' });
    expect(newerAction(accepted, requested)).toBe(accepted);
    expect(newerAction(requested, accepted)).toBe(accepted);
  });

  it('of two written at the same moment, keeps the one further along, so "sending" never hides "done"', () => {
    const at = '2026-11-23T05:00:02.000Z';
    const confirmed = buildAction({ status: 'CONFIRMED', updatedAt: at });
    const accepted = buildAction({ status: 'ACCEPTED', updatedAt: at });
    expect(newerAction(confirmed, accepted)).toBe(confirmed);
    expect(newerAction(accepted, confirmed)).toBe(confirmed);
  });

  it('returns the same map when nothing changed, and a new one with the newer report otherwise', () => {
    const held = { [uuid(1)]: buildAction({ status: 'ACCEPTED', updatedAt: '2026-11-23T05:00:02.000Z' }) };
    expect(mergeActions(held, [buildAction({ status: 'REQUESTED', updatedAt: '2026-11-23T05:00:01.000Z' })])).toBe(held);
    const merged = mergeActions(held, [buildAction({ status: 'CONFIRMED', updatedAt: '2026-11-23T05:00:03.000Z' }), buildAction({ actionId: uuid(2) })]);
    expect(merged[uuid(1)]?.status).toBe('CONFIRMED');
    expect(Object.keys(merged)).toHaveLength(2);
  });

  it('lists the newest request first', () => {
    const older = buildAction({ actionId: uuid(1), requestedAt: '2026-11-23T05:00:00.000Z' });
    const newer = buildAction({ actionId: uuid(2), requestedAt: '2026-11-23T06:00:00.000Z' });
    expect(newestFirst([older, newer]).map((action) => action.actionId)).toEqual([uuid(2), uuid(1)]);
  });
});
