import type { TokenEvent } from '../../shared/api/model';
import { ApiFailure } from '../http/errors';
import { decodeCursor, encodeCursor } from '../store/cursor';
import type { SandboxStore } from '../store/store';
import type { HandlersFor } from './context';

const EVENTS_PAGE_SIZE = 50;

const unknownToken = (): ApiFailure => new ApiFailure('UNKNOWN_TOKEN', 'No token has this virtualCardId.', 'virtualCardId');

export const tokenHandlers = (store: SandboxStore): HandlersFor<'getToken' | 'listTokenEvents'> => ({
  getToken: ({ params }) => {
    const token = store.tokens.get(params.virtualCardId);
    if (!token) throw unknownToken();
    return token;
  },

  /**
   * Newest first. The cursor holds the position of the next (older) event, counted from the
   * oldest: events added meanwhile go on top and do not shift the pages still to be read.
   */
  listTokenEvents: ({ params, query }) => {
    const id = params.virtualCardId;
    if (!store.tokens.has(id)) throw unknownToken();
    const count = store.eventCount(id);
    const limit = query.limit ?? EVENTS_PAGE_SIZE;
    let start = count - 1;
    if (query.cursor !== undefined) {
      const position = decodeCursor(query.cursor, 'events', id);
      start = /^\d{1,7}$/.test(position) ? Number(position) : -1;
      if (start < 0 || start >= count) throw new ApiFailure('BAD_FORMAT', 'cursor: not a position in this history.', 'cursor');
    }
    const items: TokenEvent[] = [];
    for (let seq = start; seq >= 0 && items.length < limit; seq -= 1) {
      const event = store.eventAt(id, seq);
      if (event) items.push(event);
    }
    const next = start - limit;
    return { items, nextCursor: next >= 0 ? encodeCursor('events', id, String(next)) : null };
  },
});
