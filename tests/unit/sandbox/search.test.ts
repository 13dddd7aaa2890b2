import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchResult } from '../../../shared/api/endpoints';
import { knownFixtures } from '../../../sandbox/index';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness;
let headers: Record<string, string>;
const logged: string[] = [];

beforeAll(async () => {
  h = await startHarness({
    logger: {
      warn: (message, detail) => logged.push(message, JSON.stringify(detail ?? {})),
      error: (message, detail) => logged.push(message, JSON.stringify(detail ?? {})),
    },
  });
  headers = await h.agentHeaders();
});

afterAll(async () => {
  await h.close();
});

const search = async (q: string, extra = ''): Promise<SearchResult> => {
  const response = await h.get(`/api/v1/cardholders?q=${encodeURIComponent(q)}${extra}`, headers);
  expect(response.status).toBe(200);
  return SearchResult.parse(await response.json());
};
const ids = (result: SearchResult): string[] => result.items.map((item) => item.cardholderId);

const { kanaSearch, yellowPath, foreignResident } = knownFixtures;

describe('GET /api/v1/cardholders?q= by each kind of query', () => {
  it.each([
    ['kanji', '高橋'],
    ['katakana', 'タカハシ'],
    ['hiragana', 'たかはし'],
    ['half-width katakana', 'ﾀｶﾊｼ'],
    ['half-width full name', kanaSearch.halfWidthKana],
    ['hiragana full name without space', 'たかはしけんじ'],
    ['latin upper case', 'TAKAHASHI'],
    ['latin given-family', 'Kenji Takahashi'],
    ['latin family-given', 'takahashi kenji'],
    ['full-width latin', 'ＴＡＫＡＨＡＳＨＩ'],
    ['partial given name', 'ケンジ'],
  ])('finds the cardholder by name (%s)', async (_form, q) => {
    const result = await search(q);
    expect(result.queryKind).toBe('NAME');
    expect(ids(result)).toEqual([kanaSearch.cardholderId]);
  });

  it('finds a foreign resident by a Latin-only name', async () => {
    expect(ids(await search('olivia'))).toEqual([foreignResident.cardholderId]);
  });

  it('finds by name and funding-card last four, and not with other digits', async () => {
    const found = await search(`ﾀｶﾊｼ ${kanaSearch.cardLastFour}`);
    expect(found.queryKind).toBe('NAME_AND_LAST_FOUR');
    expect(ids(found)).toEqual([kanaSearch.cardholderId]);
    const other = String((Number(kanaSearch.cardLastFour) + 1) % 10_000).padStart(4, '0');
    expect((await search(`たかはし ${other}`)).items).toEqual([]);
  });

  it('finds by customer id, card reference and token id in either case', async () => {
    const byCustomer = await search(yellowPath.cardholderId.toLowerCase());
    expect(byCustomer.queryKind).toBe('CUSTOMER_ID');
    expect(ids(byCustomer)).toEqual([yellowPath.cardholderId]);
    const byCard = await search(yellowPath.issuerCardRefId);
    expect(byCard.queryKind).toBe('ISSUER_CARD_REF_ID');
    expect(ids(byCard)).toEqual([yellowPath.cardholderId]);
    for (const q of [yellowPath.virtualCardId, yellowPath.virtualCardId.toLowerCase()]) {
      const byToken = await search(q);
      expect(byToken.queryKind).toBe('VIRTUAL_CARD_ID');
      expect(ids(byToken)).toEqual([yellowPath.cardholderId]);
    }
    expect((await search('C9999999')).items).toEqual([]);
  });

  it('finds every cardholder with a token ending in the four digits', async () => {
    const result = await search(yellowPath.tokenLastFour);
    expect(result.queryKind).toBe('TOKEN_LAST_FOUR');
    expect(ids(result)).toContain(yellowPath.cardholderId);
    const expected = new Set([...h.sandbox.store.tokens.values()].filter((t) => t.tokenLastFour === yellowPath.tokenLastFour).map((t) => t.cardholderId));
    expect(new Set(ids(result))).toEqual(expected);
  });

  it('summarises each cardholder with cards and token count', async () => {
    const [summary] = (await search(knownFixtures.fleetHolder.name.kanji)).items;
    expect(summary?.tokenCount).toBe(200);
    expect(summary?.cards).toHaveLength(5);
  });
});

describe('refused queries', () => {
  it('refuses a full card number with PAN_NOT_ACCEPTED, and never echoes or logs it', async () => {
    // Built at run time so no card-number-like literal sits in the repository.
    const digits = ['4', '9'.repeat(5), '0'.repeat(5), '12345'].join('');
    for (const q of [digits, digits.replace(/(\d{4})/g, '$1 ').trim(), digits.replace(/(\d{4})/g, '$1-').replace(/-$/, ''), `田中 ${digits}`]) {
      const response = await h.get(`/api/v1/cardholders?q=${encodeURIComponent(q)}`, headers);
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'PAN_NOT_ACCEPTED', category: 'D', field: 'q' } });
      expect(text.replace(/\D/g, '')).not.toContain(digits.slice(4, 12));
    }
    expect(logged.join('\n').replace(/\D/g, '')).not.toContain(digits.slice(4, 12));
  });

  it('refuses an empty and an unrecognised query, naming q', async () => {
    const empty = await h.get('/api/v1/cardholders?q=%20%20%20', headers);
    expect(await errorOf(empty)).toMatchObject({ code: '111', category: 'D', field: 'q' });
    const unrecognised = await h.get('/api/v1/cardholders?q=12345', headers);
    expect(await errorOf(unrecognised)).toMatchObject({ code: '112', category: 'D', field: 'q' });
  });
});

describe('paging by cursor', () => {
  it('pages 20 by default and walks every match once with any page size', async () => {
    const everything = await search('a', '&limit=200');
    expect(everything.items.length).toBeGreaterThan(20);
    expect(everything.nextCursor).toBeNull();
    const firstPage = await search('a');
    expect(firstPage.items).toHaveLength(20);
    expect(firstPage.nextCursor).not.toBeNull();

    for (const limit of [1, 7]) {
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page: SearchResult = await search('a', `&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(limit);
        walked.push(...ids(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(walked).toEqual(ids(everything));
    }
  });

  it('refuses a cursor from another search or a made-up one', async () => {
    const page = await search('a', '&limit=1');
    const other = await h.get(`/api/v1/cardholders?q=sato&cursor=${page.nextCursor}`, headers);
    expect(await errorOf(other)).toMatchObject({ code: '112', field: 'cursor' });
    const madeUp = await h.get('/api/v1/cardholders?q=a&cursor=abc', headers);
    expect(await errorOf(madeUp)).toMatchObject({ code: '112', field: 'cursor' });
  });
});
