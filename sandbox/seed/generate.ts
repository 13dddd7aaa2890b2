import type { CardState } from '../../shared/api/model';
import type { ContactRecord, SeedData } from '../store/state';
import { FAMILY_NAMES, GIVEN_NAMES, LATIN_ONLY_NAMES, PERSONAL_PRODUCTS, PRODUCTS } from './catalogue';
import { SeedBuilder, emailContact, phoneContact, randomScenario } from './builder';
import { addFixtures, addLateFixtures } from './fixtures';
import { Prng } from './prng';
import { seedServiceNotes } from './service-notes';

export const DEFAULT_SEED = 20_261_120;

const GENERATED_JAPANESE = 36;
const FIRST_GENERATED_ID = 10;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

const contactsFor = (prng: Prng, emailLocal: string, domain: string): ContactRecord[] => {
  // Some cardholders have no e-mail or no contact at all: OTP step-up is then impossible.
  const roll = prng.float();
  if (roll < 0.06) return [];
  if (roll < 0.3) return [phoneContact(prng)];
  return [phoneContact(prng), emailContact(emailLocal, domain)];
};

const addCardsAndTokens = (b: SeedBuilder, prng: Prng, cardholderId: string): void => {
  const cardCount = prng.weighted([
    [1, 45],
    [2, 38],
    [3, 17],
  ] as const);
  for (let c = 0; c < cardCount; c += 1) {
    const state = prng.weighted<CardState>([
      ['ACTIVE', 88],
      ['SUSPENDED', 7],
      ['CLOSED', 5],
    ]);
    const card = b.addCard(prng, cardholderId, { productName: prng.chance(0.08) ? PRODUCTS.business : prng.pick(PERSONAL_PRODUCTS), state });
    const tokenCount = prng.weighted([
      [0, 8],
      [1, 20],
      [2, 25],
      [3, 20],
      [4, 14],
      [5, 8],
      [6, 5],
    ] as const);
    for (let t = 0; t < tokenCount; t += 1) {
      // A closed card has no live tokens: deleting the card deletes its digital cards (§2.4).
      b.addToken(prng, card, { scenario: state === 'CLOSED' ? 'DELETED_CARD_CLOSED' : randomScenario(prng) });
    }
  }
};

/**
 * Builds the training data from a seed: the fixed fixtures first, then generated Japanese and
 * foreign-resident cardholders with their cards and tokens. The same seed gives the same data.
 */
export const generateSeedData = (seed: number = DEFAULT_SEED): SeedData => {
  const root = new Prng(seed);
  const b = new SeedBuilder();
  addFixtures(b, root.fork('fixtures'));
  const prng = root.fork('generated');
  let next = FIRST_GENERATED_ID;
  for (let i = 0; i < GENERATED_JAPANESE; i += 1) {
    const family = prng.pick(FAMILY_NAMES);
    const given = prng.pick(GIVEN_NAMES);
    const cardholderId = `C${pad(next, 7)}`;
    next += 1;
    b.addCardholder({
      cardholderId,
      name: { kanji: `${family.kanji} ${given.kanji}`, kana: `${family.kana} ${given.kana}`, latin: `${given.latin} ${family.latin}` },
      contacts: contactsFor(prng, `${given.latin}.${family.latin}`.toLowerCase(), prng.pick(['example.jp', 'example.ne.jp', 'example.com'])),
      hasServiceNotes: prng.chance(0.2),
    });
    addCardsAndTokens(b, prng, cardholderId);
  }
  for (const latin of LATIN_ONLY_NAMES) {
    const cardholderId = `C${pad(next, 7)}`;
    next += 1;
    b.addCardholder({
      cardholderId,
      name: { kanji: null, kana: null, latin },
      contacts: contactsFor(prng, latin.toLowerCase().replace(/\s+/g, '.'), 'example.com'),
      hasServiceNotes: prng.chance(0.2),
    });
    addCardsAndTokens(b, prng, cardholderId);
  }
  addLateFixtures(b, root.fork('late-fixtures'));
  // Its own fork, drawn after everything else: the cardholders, cards and tokens stay as they were.
  return { ...b.data(), serviceNotes: seedServiceNotes(root.fork('service-notes'), b.cardholders) };
};
