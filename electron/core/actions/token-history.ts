import type { TokenEvent } from '../../../shared/api/model';
import type { BackendClient } from '../backend/backend-client';
import type { RequestContext } from '../backend/request-context';

/** Clocks differ between workstation and backend; events this much older than the action still count. */
const CLOCK_SLACK_MS = 5 * 60_000;
const PAGE_SIZE = 50;
/** A token's whole history can be 10,000 events; an action's traces are among its newest, so pages are small and few. */
const MAX_PAGES = 10;

/**
 * A token's history back to shortly before `since` (newest first, as the backend pages it): the
 * part where an action's traces can be.
 */
export const readRecentHistory = async (
  client: BackendClient,
  virtualCardId: string,
  since: string,
  context: RequestContext,
): Promise<TokenEvent[]> => {
  const floor = Date.parse(since) - CLOCK_SLACK_MS;
  const events: TokenEvent[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer: { items: TokenEvent[]; nextCursor: string | null } = await client.request('listTokenEvents', {
      params: { virtualCardId },
      query: { limit: PAGE_SIZE, ...(cursor !== null ? { cursor } : {}) },
      context,
    });
    events.push(...answer.items);
    const oldest = answer.items.at(-1);
    if (answer.nextCursor === null || oldest === undefined || Date.parse(oldest.occurredAt) < floor) break;
    cursor = answer.nextCursor;
  }
  return events;
};
