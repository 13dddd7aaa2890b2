import { vi } from 'vitest';
import type { Card, Cardholder, CardholderSummary, Token } from '../../../../shared/api/model';
import type { SearchResult, TokenChanged } from '../../../../shared/contract';
import { createClient } from '../../../../renderer/services/client';
import type { WindowVisibility } from '../../../../renderer/store/deps';
import { createDeskStore } from '../../../../renderer/store/desk-store';
import { routeEvents } from '../../../../renderer/store/event-router';
import { tokenEventWith } from '../../../support/token-events';
import { fakeTransport, sequentialIds } from '../builders';

/** Complete, valid objects as the backend sends them; tests override what they look at. */

export const buildToken = (overrides: Partial<Token> = {}): Token => ({
  virtualCardId: 'VCTEST000001',
  issuerCardRefId: 'CR000001GOLD',
  cardholderId: 'C0000001',
  tokenRequestor: { tokenRequestorId: '40010030273', name: 'Apple Pay', walletProviderId: 'APPLE_PAY' },
  device: { name: 'iPhone 15', type: 'PHONE', tokenStorageId: 'SE-0001' },
  tokenLastFour: '6604',
  fundingLastFour: '4821',
  expiry: '11/29',
  state: 'ACTIVE',
  stateSince: '2026-11-20T05:02:00.000Z',
  lastChangedBy: { source: 'TSP' },
  suspendedBy: [],
  isPrimary: false,
  levelOfTrust: { decision: 'GREEN', idvMethods: [], reasons: [], decidedAt: '2026-11-01T00:00:00.000Z' },
  digitizedAt: '2026-11-01T00:00:00.000Z',
  enrolmentCorrelationId: 'enrol-0001',
  ...overrides,
});

export const buildCard = (overrides: Partial<Card> = {}): Card => ({
  issuerCardRefId: 'CR000001GOLD',
  cardholderId: 'C0000001',
  productName: 'ゴールドカード',
  lastFour: '4821',
  expiry: '11/29',
  state: 'ACTIVE',
  tokenCount: 2,
  ...overrides,
});

export const buildCardholder = (overrides: Partial<Cardholder> = {}): Cardholder => ({
  cardholderId: 'C0000001',
  name: { kanji: '佐藤 花子', kana: 'サトウ ハナコ', latin: 'Hanako Sato' },
  contacts: [{ channel: 'PHONE', masked: '090-****-1234' }],
  hasServiceNotes: false,
  cards: [buildCard()],
  ...overrides,
});

export const buildSummary = (overrides: Partial<CardholderSummary> = {}): CardholderSummary => ({
  cardholderId: 'C0000001',
  name: { kanji: '佐藤 花子', kana: 'サトウ ハナコ', latin: 'Hanako Sato' },
  cards: [{ issuerCardRefId: 'CR000001GOLD', productName: 'ゴールドカード', lastFour: '4821', state: 'ACTIVE' }],
  tokenCount: 2,
  ...overrides,
});

export const buildSearchResult = (overrides: Partial<SearchResult> = {}): SearchResult => ({
  queryKind: 'NAME',
  items: [buildSummary()],
  nextCursor: null,
  ...overrides,
});

export const buildEvent = tokenEventWith({
  eventId: 'EV0000000001',
  virtualCardId: 'VCTEST000001',
  occurredAt: '2026-11-20T05:02:00.000Z',
  actor: { source: 'WALLET' },
  correlationId: 'lcm-0001',
});

export const buildTokenChanged = (overrides: Partial<TokenChanged> = {}): TokenChanged => ({
  sequence: 1,
  virtualCardId: 'VCTEST000001',
  issuerCardRefId: 'CR000001GOLD',
  cardholderId: 'C0000001',
  state: 'SUSPENDED',
  previousState: 'ACTIVE',
  suspendedBy: ['WALLET'],
  event: buildEvent({ eventId: 'EV0000000002', occurredAt: '2026-11-23T05:00:00.000Z' }),
  ...overrides,
});

export const ok = <T>(data: T) => ({ ok: true as const, data });

/** A promise the test settles itself: an answer that arrives when the test says so. */
export const deferred = <T>() => {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
};

type Answers = Parameters<typeof fakeTransport>[0];

/**
 * A store over a fake transport, request ids long enough for the contract (8–64 characters).
 * `followEvents` routes main's events into it, as the app does.
 */
export const lookupStore = (answers: Answers, visibility?: WindowVisibility) => {
  const fake = fakeTransport(answers);
  const client = createClient(fake.transport, { newCorrelationId: sequentialIds('client-correlation') });
  const store = createDeskStore({
    client,
    applyLanguage: async () => undefined,
    reportError: vi.fn(),
    newCorrelationId: sequentialIds('request-id'),
    ...(visibility ? { visibility } : {}),
  });
  const calls = (name: string) => fake.invocations.filter((invocation) => invocation.name === name).map((invocation) => invocation.input);
  return { store, fake, calls, followEvents: () => routeEvents(client, store) };
};
