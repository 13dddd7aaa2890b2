import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { endpoints } from '../../../shared/api/endpoints';
import { Cardholder, Token, TokenEvent, pageOf } from '../../../shared/api/model';
import { knownFixtures } from '../../../sandbox/index';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness;
let headers: Record<string, string>;

beforeAll(async () => {
  h = await startHarness();
  headers = await h.agentHeaders();
});

afterAll(async () => {
  await h.close();
});

/** GETs a path and checks the body against the endpoint's declared response schema. */
const read = async <S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> => {
  const response = await h.get(path, headers);
  expect(response.status).toBe(200);
  return schema.parse(await response.json());
};

const EventPage = pageOf(TokenEvent);
const { yellowPath, fleetHolder, longHistory, suspensions } = knownFixtures;

describe('cardholder, cards and tokens', () => {
  it('serves a cardholder with cards and masked contacts', async () => {
    const holder = await read(`/api/v1/cardholders/${yellowPath.cardholderId}`, endpoints.getCardholder.response);
    expect(Cardholder.parse(holder).name).toEqual(yellowPath.name);
    const phone = holder.contacts.find((contact) => contact.channel === 'PHONE');
    const email = holder.contacts.find((contact) => contact.channel === 'EMAIL');
    expect(phone?.masked).toMatch(/^\+81 \d{2}-\*{4}-\d{4}$/);
    expect(email?.masked).toBe('h***@example.jp');
    expect(holder.cards).toEqual([expect.objectContaining({ issuerCardRefId: yellowPath.issuerCardRefId, lastFour: yellowPath.cardLastFour, tokenCount: 2 })]);
  });

  it('lists every token of a card, deleted ones included, for all 200 of the fleet holder', async () => {
    const holder = await read(`/api/v1/cardholders/${fleetHolder.cardholderId}`, endpoints.getCardholder.response);
    expect(holder.cards.reduce((sum, card) => sum + card.tokenCount, 0)).toBe(200);
    let total = 0;
    for (const card of fleetHolder.cards) {
      const { items } = await read(`/api/v1/cards/${card.issuerCardRefId}/tokens`, endpoints.listCardTokens.response);
      expect(items).toHaveLength(card.tokenCount);
      expect(items.every((token) => token.issuerCardRefId === card.issuerCardRefId && token.cardholderId === fleetHolder.cardholderId)).toBe(true);
      total += items.length;
    }
    expect(total).toBe(200);
  });

  it('serves the yellow-path token waiting for Option D', async () => {
    const token = await read(`/api/v1/tokens/${yellowPath.virtualCardId}`, Token);
    expect(token.state).toBe('INACTIVE');
    expect(token.levelOfTrust.decision).toBe('YELLOW');
    expect(token.levelOfTrust.idvMethods).toContain('CUSTOMER_SERVICE');
    expect(token.tokenLastFour).toBe(yellowPath.tokenLastFour);
  });

  it('serves who holds each suspension', async () => {
    const suspendedBy = async (id: string): Promise<string[]> => (await read(`/api/v1/tokens/${id}`, Token)).suspendedBy;
    expect(await suspendedBy(suspensions.byWallet)).toEqual(['WALLET']);
    expect(await suspendedBy(suspensions.byIssuer)).toEqual(['ISSUER']);
    expect(await suspendedBy(suspensions.byTsp)).toEqual(['TSP']);
    expect(await suspendedBy(suspensions.byWalletAndIssuer)).toEqual(['WALLET', 'ISSUER']);
  });

  it('answers unknown ids with 404 and the Thales D codes', async () => {
    const cases: Array<[string, string, string]> = [
      ['/api/v1/cardholders/C9999999', '114', 'cardholderId'],
      ['/api/v1/cards/CR999999ZZZZ/tokens', '116', 'issuerCardRefId'],
      ['/api/v1/tokens/VCNOSUCHTOKEN1', '119', 'virtualCardId'],
      ['/api/v1/tokens/VCNOSUCHTOKEN1/events', '119', 'virtualCardId'],
    ];
    for (const [path, code, field] of cases) {
      const response = await h.get(path, headers);
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatchObject({ code, category: 'D', field });
    }
  });
});

describe('token history', () => {
  it('is newest first, 50 a page by default', async () => {
    const page = await read(`/api/v1/tokens/${yellowPath.virtualCardId}/events`, EventPage);
    expect(page.items.map((event) => event.kind)).toEqual(['NOTIFICATION_SENT', 'STEP_UP_STARTED', 'DIGITIZATION_DECIDED', 'DIGITIZATION_REQUESTED']);
    expect(page.nextCursor).toBeNull();
    const long = await read(`/api/v1/tokens/${longHistory.virtualCardId}/events`, EventPage);
    expect(long.items).toHaveLength(50);
  });

  it('pages through all 10,000 events of the long-history token, each once, newest first', async () => {
    const seen = new Set<string>();
    let previous = Number.POSITIVE_INFINITY;
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: z.output<typeof EventPage> = await read(
        `/api/v1/tokens/${longHistory.virtualCardId}/events?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        EventPage,
      );
      for (const event of page.items) {
        const at = Date.parse(event.occurredAt);
        expect(at).toBeLessThanOrEqual(previous);
        previous = at;
        seen.add(event.eventId);
      }
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(50);
    expect(seen.size).toBe(longHistory.eventCount);
  });

  it('refuses a page size over 200 and a cursor from another token', async () => {
    const tooMany = await h.get(`/api/v1/tokens/${longHistory.virtualCardId}/events?limit=201`, headers);
    expect(await errorOf(tooMany)).toMatchObject({ code: '112', field: 'limit' });
    const page = await read(`/api/v1/tokens/${longHistory.virtualCardId}/events?limit=1`, EventPage);
    const elsewhere = await h.get(`/api/v1/tokens/${yellowPath.virtualCardId}/events?cursor=${page.nextCursor}`, headers);
    expect(await errorOf(elsewhere)).toMatchObject({ code: '112', field: 'cursor' });
  });
});
