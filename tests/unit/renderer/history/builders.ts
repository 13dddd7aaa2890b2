import type { TokenEvent } from '../../../../shared/api/model';
import { tokenEventWith } from '../../../support/token-events';

/** A complete, valid TokenEvent; tests override what they look at. */
export const buildEvent = tokenEventWith({
  eventId: 'EV00001T000000',
  virtualCardId: 'VCTEST000001',
  occurredAt: '2026-11-20T05:02:00.000Z',
  actor: { source: 'WALLET' },
  correlationId: 'lcm-abcdef-1234-ghijkl',
});

/** `count` events newest first, numbered from `from` downwards, a minute apart: a page as the backend sends it. */
export const buildPage = (from: number, count: number, virtualCardId = 'VCTEST000001'): TokenEvent[] =>
  Array.from({ length: count }, (_, offset) => {
    const seq = from - offset;
    return buildEvent({
      eventId: `EV00001T${String(seq).padStart(6, '0')}`,
      virtualCardId,
      occurredAt: new Date(Date.UTC(2026, 10, 1) + seq * 60_000).toISOString(),
      kind: seq % 2 === 0 ? 'SUSPENDED' : 'RESUMED',
    });
  });
