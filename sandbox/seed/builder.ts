import type { CardState, Device, Token, TokenEvent, TokenRequestor } from '../../shared/api/model';
import type { CardRecord, CardholderRecord, ContactRecord, SeedData, SyntheticHistory } from '../store/state';
import { DEVICES, MERCHANTS, WALLETS, deviceModel } from './catalogue';
import { buildToken, type Scenario } from './histories';
import { SEED_EPOCH } from './epoch';
import type { Prng } from './prng';

const DAY_S = 86_400;
const pad = (value: number, width: number): string => String(value).padStart(width, '0');

export interface CardOptions {
  readonly issuerCardRefId?: string;
  readonly productName: string;
  readonly lastFour?: string;
  readonly state?: CardState;
}

export interface TokenOptions {
  readonly scenario: Scenario;
  readonly virtualCardId?: string;
  readonly requestor?: TokenRequestor;
  readonly device?: Device;
  readonly tokenLastFour?: string;
  /** Fixed level-of-trust reasons (a fixture whose risk rules must match, or must not). */
  readonly levelOfTrustReasons?: readonly string[];
  /** Seconds before the seed epoch that digitization was requested; by scenario when absent. */
  readonly requestedSecondsAgo?: number;
}

/** How long ago a scenario's digitization plausibly started. */
const secondsAgoFor = (prng: Prng, scenario: Scenario): number => {
  switch (scenario) {
    case 'PENDING':
      return prng.int(2 * 60, 40 * 60);
    case 'INACTIVE_YELLOW':
      // Awaiting step-up; MDES returns untouched tokens to the pool after 30 days.
      return prng.int(2 * 3600, 6 * DAY_S);
    case 'CANCELED':
    case 'DECLINED_RED':
      return prng.int(1 * DAY_S, 120 * DAY_S);
    default:
      return prng.int(3 * DAY_S, 420 * DAY_S);
  }
};

/** Collects the seeded issuer data and numbers tokens and cards as they are added. */
export class SeedBuilder {
  readonly cardholders: CardholderRecord[] = [];
  readonly cards: CardRecord[] = [];
  readonly tokens: Token[] = [];
  readonly events: Record<string, TokenEvent[]> = {};
  readonly syntheticHistories: Record<string, SyntheticHistory> = {};
  private tokenSerial = 0;
  private cardSerial = 0;

  addCardholder(record: CardholderRecord): CardholderRecord {
    this.cardholders.push(record);
    return record;
  }

  addCard(prng: Prng, cardholderId: string, options: CardOptions): CardRecord {
    this.cardSerial += 1;
    const card: CardRecord = {
      issuerCardRefId: options.issuerCardRefId ?? `CR${pad(this.cardSerial, 6)}${prng.letters(4)}`,
      cardholderId,
      productName: options.productName,
      lastFour: options.lastFour ?? prng.digits(4),
      expiry: `${pad(prng.int(1, 12), 2)}/${prng.int(27, 31)}`,
      state: options.state ?? 'ACTIVE',
    };
    this.cards.push(card);
    return card;
  }

  nextTokenSerial(): number {
    this.tokenSerial += 1;
    return this.tokenSerial;
  }

  addToken(prng: Prng, card: CardRecord, options: TokenOptions): Token {
    const serial = this.nextTokenSerial();
    const { requestor, device } = options.requestor && options.device ? { requestor: options.requestor, device: options.device } : randomWalletAndDevice(prng);
    const secondsAgo = options.requestedSecondsAgo ?? secondsAgoFor(prng, options.scenario);
    const { token, events } = buildToken(
      prng,
      {
        serial,
        virtualCardId: options.virtualCardId ?? `VC${pad(serial, 5)}${prng.letters(7)}`,
        issuerCardRefId: card.issuerCardRefId,
        cardholderId: card.cardholderId,
        tokenRequestor: requestor,
        device,
        tokenLastFour: options.tokenLastFour ?? prng.digits(4),
        fundingLastFour: card.lastFour,
        expiry: `${pad(prng.int(1, 12), 2)}/${prng.int(27, 30)}`,
        // A watch or band holds an auxiliary token; the phone's is the primary (docs/domain.md, "Identifiers").
        isPrimary: device.type !== 'WATCH' && device.type !== 'WEARABLE',
        enrolmentCorrelationId: `enr-${prng.letters(5).toLowerCase()}-${prng.digits(4)}-${prng.letters(5).toLowerCase()}`,
        levelOfTrustReasons: options.levelOfTrustReasons,
        requestedAt: new Date(SEED_EPOCH.getTime() - secondsAgo * 1000),
        until: SEED_EPOCH,
      },
      options.scenario,
    );
    this.tokens.push(token);
    this.events[token.virtualCardId] = events;
    return token;
  }

  /** Adds a token whose history is computed, not stored (see long-history.ts). */
  addSyntheticToken(token: Token, history: SyntheticHistory): void {
    this.tokens.push(token);
    this.syntheticHistories[token.virtualCardId] = history;
  }

  data(): Omit<SeedData, 'serviceNotes'> {
    return {
      cardholders: this.cardholders,
      cards: this.cards,
      tokens: this.tokens,
      events: this.events,
      syntheticHistories: this.syntheticHistories,
    };
  }
}

/** A wallet's device: a model drawn from the catalogue, or the one named, always with that model's type. */
export const walletDevice = (prng: Prng, walletProviderId: 'APPLE_PAY' | 'GOOGLE_PAY' | 'SAMSUNG_PAY', modelName?: string): Device => {
  // Drawn even when the model is named, so every later draw, and every generated id, stays as it was.
  const drawn = prng.pick(DEVICES[walletProviderId]);
  const model = modelName === undefined ? drawn : deviceModel(walletProviderId, modelName);
  // Apple Pay keeps tokens in the secure element; Google and Samsung use HCE.
  const storage = walletProviderId === 'APPLE_PAY' ? 'SE' : 'HCE';
  return {
    // Wallets do not always give a device name ({{deviceName}} is optional in notifications).
    name: modelName === undefined ? (prng.chance(0.15) ? null : model.name) : model.name,
    type: model.type,
    tokenStorageId: `${storage}-${prng.letters(12)}`,
  };
};

export const merchantDevice = (prng: Prng): Device => ({ name: null, type: 'BROWSER', tokenStorageId: `COF-${prng.letters(12)}` });

const randomWalletAndDevice = (prng: Prng): { requestor: TokenRequestor; device: Device } => {
  const kind = prng.weighted([
    ['APPLE_PAY', 40],
    ['GOOGLE_PAY', 24],
    ['SAMSUNG_PAY', 13],
    ['MERCHANT', 23],
  ] as const);
  if (kind === 'MERCHANT') return { requestor: prng.pick(MERCHANTS), device: merchantDevice(prng) };
  const requestor = kind === 'APPLE_PAY' ? WALLETS.applePay : kind === 'GOOGLE_PAY' ? WALLETS.googlePay : WALLETS.samsungPay;
  return { requestor, device: walletDevice(prng, kind) };
};

/** The everyday mix of token life stories. */
export const randomScenario = (prng: Prng): Scenario =>
  prng.weighted<Scenario>([
    ['ACTIVE_GREEN', 30],
    ['ACTIVE_OTP', 12],
    ['ACTIVE_OPTION_D', 4],
    ['ACTIVE_RESUMED', 6],
    ['ACTIVE_OPERATION_FAILED', 2],
    ['INACTIVE_YELLOW', 5],
    ['PENDING', 2],
    ['SUSPENDED_WALLET', 5],
    ['SUSPENDED_ISSUER', 3],
    ['SUSPENDED_TSP', 2],
    ['SUSPENDED_WALLET_AND_ISSUER', 1],
    ['DELETED_WALLET', 5],
    ['DELETED_FROM_APP', 2],
    ['DELETED_ISSUER', 3],
    ['DELETED_TSP', 2],
    ['CANCELED', 3],
    ['DECLINED_RED', 2],
  ]);

export const phoneContact = (prng: Prng): ContactRecord => ({
  channel: 'PHONE',
  value: `+81 ${prng.pick(['90', '80', '70'])}-${prng.digits(4)}-${prng.digits(4)}`,
});

export const emailContact = (local: string, domain = 'example.jp'): ContactRecord => ({ channel: 'EMAIL', value: `${local}@${domain}` });
