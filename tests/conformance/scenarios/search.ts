import type { SearchResult } from '../../../shared/api/endpoints';
import { expectSuccess, pathOf, type Caller } from '../client';
import { NO_TEST_DATA, check, fail, passed, skipped, type Scenario } from '../scenario';
import { agentIdOf } from '../tokens';

/** Pages no run follows further: a cursor that never ends is a failure, not a hang. */
const MAX_PAGES = 500;

/** Every cardholder id the search finds, page by page at `limit`, and how many pages it took. */
const searchAll = async (agent: Caller, q: string, limit: number): Promise<{ ids: string[]; pages: number }> => {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 1; pages <= MAX_PAGES; pages += 1) {
    const query: URLSearchParams = new URLSearchParams({ q, limit: String(limit), ...(cursor === null ? {} : { cursor }) });
    const page: SearchResult = expectSuccess(await agent.get(`${pathOf('searchCardholders')}?${query.toString()}`), 'searchCardholders', `page ${pages} of the search "${q}" at limit ${limit}`);
    check(page.items.length <= limit, `page ${pages} of the search "${q}" holds ${page.items.length} cardholders, more than the limit ${limit}`);
    ids.push(...page.items.map((item) => item.cardholderId));
    if (page.nextCursor === null) return { ids, pages };
    check(page.items.length > 0, `page ${pages} of the search "${q}" is empty but names a next page`);
    cursor = page.nextCursor;
  }
  return fail(`the search "${q}" at limit ${limit} still had a next page after ${MAX_PAGES} pages`);
};

const cursorPaging: Scenario = {
  name: 'search.cursor-pages',
  area: 'search',
  proves:
    'A cardholder search read two at a time by its cursor finds every cardholder once: no duplicates, and the same cardholders in the same order as read 200 at a time (no gaps).',
  run: async ({ testData, credentials, client }) => {
    if (!testData) return skipped(NO_TEST_DATA);
    const agentId = agentIdOf(credentials.agents, 'agent', testData.lockoutAgentId);
    if (!agentId) return skipped('the credentials file names no agent with the role agent');
    const agent = await client.agent(agentId);
    const q = testData.searchQuery;
    const whole = await searchAll(agent, q, 200);
    if (whole.ids.length < 3) return skipped(`the test data's search "${q}" finds ${whole.ids.length} cardholders; paging two at a time needs at least 3`);
    const paged = await searchAll(agent, q, 2);
    const duplicates = paged.ids.filter((id, index) => paged.ids.indexOf(id) !== index);
    check(duplicates.length === 0, `paging "${q}" two at a time returned ${[...new Set(duplicates)].join(', ')} more than once`);
    const missing = whole.ids.filter((id) => !paged.ids.includes(id));
    check(missing.length === 0, `paging "${q}" two at a time skipped ${missing.join(', ')}`);
    check(paged.ids.join() === whole.ids.join(), `paging "${q}" two at a time gave another order than one read of 200`);
    return passed(`"${q}": ${whole.ids.length} cardholders in ${paged.pages} pages of 2, none twice, none missing`);
  },
};

export const searchScenarios: readonly Scenario[] = [cursorPaging];
