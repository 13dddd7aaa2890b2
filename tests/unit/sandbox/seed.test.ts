import { describe, expect, it } from 'vitest';
import { Token, TokenEvent, TokenState, type TokenEvent as TokenEventType } from '../../../shared/api/model';
import { looksLikeCardNumber } from '../../../shared/domain/card-number-runs';
import { DEFAULT_SEED, SEED_EPOCH, generateSeedData, knownFixtures } from '../../../sandbox/index';
import { mulberry32 } from '../../../sandbox/seed/prng';
import { initialState } from '../../../sandbox/store/open';
import { PersistedState } from '../../../sandbox/store/state';
import { SandboxStore } from '../../../sandbox/store/store';

const data = generateSeedData();
/** A data file as the first sandbox wrote it, before the fields added with later features. */
const firstFormatFile = {
  format: 'token-desk-sandbox/1',
  issuerId: 'TDTRAINING',
  seed: DEFAULT_SEED,
  savedAt: SEED_EPOCH.toISOString(),
  ...data,
  agents: [],
  signInAttempts: [],
  sessions: [],
  accessTokens: [],
  seenAssertions: [],
  idempotency: [],
};
const store = SandboxStore.fromState(PersistedState.parse(firstFormatFile));

describe('the seeded training data', () => {
  it('is deterministic from mulberry32', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(generateSeedData()).toEqual(data);
    const other = generateSeedData(7);
    expect(other).not.toEqual(data);
    // The fixtures keep their ids whatever the seed.
    expect(other.tokens.map((token) => token.virtualCardId)).toContain(knownFixtures.yellowPath.virtualCardId);
  });

  it('has enough cardholders, cards and tokens, Japanese and Latin-only names', () => {
    expect(data.cardholders.length).toBeGreaterThanOrEqual(30);
    expect(data.cards.length).toBeGreaterThanOrEqual(60);
    expect(data.tokens.length).toBeGreaterThanOrEqual(150);
    const japanese = data.cardholders.filter((holder) => holder.name.kanji && holder.name.kana && /^[\u30A0-\u30FF ]+$/.test(holder.name.kana));
    expect(japanese.length).toBeGreaterThanOrEqual(30);
    expect(data.cardholders.filter((holder) => holder.name.kanji === null && holder.name.kana === null).length).toBeGreaterThanOrEqual(3);
    expect(new Set(data.cards.map((card) => card.productName)).size).toBeGreaterThanOrEqual(4);
  });

  it('covers every token state, wallet, suspender and the yellow path', () => {
    expect(new Set(data.tokens.map((token) => token.state))).toEqual(new Set(TokenState.options));
    expect(new Set(data.tokens.map((token) => token.tokenRequestor.walletProviderId))).toEqual(new Set(['APPLE_PAY', 'GOOGLE_PAY', 'SAMSUNG_PAY', 'MERCHANT']));
    expect(new Set(data.tokens.flatMap((token) => token.suspendedBy))).toEqual(new Set(['WALLET', 'TSP', 'ISSUER']));
    expect(data.tokens.every((token) => /^\d{11}$/.test(token.tokenRequestor.tokenRequestorId))).toBe(true);
    const yellow = data.tokens.filter(
      (token) => token.state === 'INACTIVE' && token.levelOfTrust.decision === 'YELLOW' && token.levelOfTrust.idvMethods.includes('CUSTOMER_SERVICE'),
    );
    expect(yellow.length).toBeGreaterThanOrEqual(3);
    expect(data.tokens.some((token) => token.device.name === null)).toBe(true);
    expect(data.tokens.every((token) => Token.safeParse(token).success)).toBe(true);
  });

  it('has the 200-token holder and the 10,000-event token', () => {
    expect(store.tokenCountOfHolder(knownFixtures.fleetHolder.cardholderId)).toBe(200);
    expect(store.eventCount(knownFixtures.longHistory.virtualCardId)).toBe(10_000);
    const first = store.eventAt(knownFixtures.longHistory.virtualCardId, 0);
    const last = store.eventAt(knownFixtures.longHistory.virtualCardId, 9_999);
    expect(TokenEvent.parse(first).kind).toBe('DIGITIZATION_REQUESTED');
    expect(TokenEvent.parse(last).kind).toBe('RESUMED');
    expect(store.eventAt(knownFixtures.longHistory.virtualCardId, 10_000)).toBeUndefined();
    const token = store.tokens.get(knownFixtures.longHistory.virtualCardId);
    expect(token?.stateSince).toBe(last?.occurredAt);
  });

  it('gives every token a history that agrees with its state, all before the seed epoch', () => {
    const epoch = SEED_EPOCH.toISOString();
    for (const token of data.tokens) {
      const events: TokenEventType[] = [];
      for (let seq = 0; seq < store.eventCount(token.virtualCardId); seq += 1) {
        const event = store.eventAt(token.virtualCardId, seq);
        if (event) events.push(event);
      }
      expect(events[0]?.kind).toBe('DIGITIZATION_REQUESTED');
      expect(events.every((event) => event.occurredAt < epoch && event.virtualCardId === token.virtualCardId)).toBe(true);
      const kinds = events.map((event) => event.kind);
      if (token.state === 'DELETED') expect(kinds.some((kind) => kind === 'DELETED' || kind === 'DELETED_FROM_APP' || kind === 'DIGITIZATION_CANCELED')).toBe(true);
      // Canceled and declined enrolments say so on the token, apart.
      if (kinds.includes('DIGITIZATION_CANCELED')) expect(token.digitizationOutcome).toBe('CANCELED');
      if (token.levelOfTrust.decision === 'RED') expect(token.digitizationOutcome).toBe('DECLINED');
      if (token.state === 'SUSPENDED') expect(kinds).toContain('SUSPENDED');
      if (token.state === 'ACTIVE') expect(kinds).toContain('ACTIVATED');
      if (token.state === 'INACTIVE') expect(kinds).not.toContain('ACTIVATED');
      expect(token.suspendedBy.length > 0).toBe(token.state === 'SUSPENDED');
    }
    const ids = Object.values(data.events).flatMap((events) => events.map((event) => event.eventId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('loads a data file from before the later fields with the starting values of a fresh sandbox', async () => {
    const fresh = await initialState({ defaultIssuerId: 'TDTRAINING', seed: DEFAULT_SEED, agents: [], now: SEED_EPOCH });
    expect(fresh.digitizationRules.length).toBeGreaterThan(0);
    expect(fresh.notificationTemplates.length).toBeGreaterThan(0);
    expect(PersistedState.parse(firstFormatFile)).toEqual(fresh);
  });

  it('holds no 13–19 digit run anywhere, grouped or not', async () => {
    const state = await initialState({ defaultIssuerId: 'TDTRAINING', seed: DEFAULT_SEED, agents: [], now: SEED_EPOCH });
    const text = JSON.stringify(state);
    expect(text).not.toMatch(/\d{13,19}/);
    expect(looksLikeCardNumber(text)).toBe(false);
  });
});
