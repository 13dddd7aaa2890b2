import type { Token } from '../../shared/api/model';
import type { SyntheticHistory } from '../store/state';
import { MERCHANTS, PRODUCTS, WALLETS } from './catalogue';
import { emailContact, merchantDevice, phoneContact, walletDevice, type SeedBuilder } from './builder';
import { SEED_EPOCH } from './epoch';
import { syntheticOutcome } from './long-history';
import type { Prng } from './prng';

/**
 * Cardholders, cards and tokens with fixed ids, the same for every seed, that tests, the
 * end-to-end suite and training material can rely on. Everything else in the seed is drawn from
 * the PRNG. See README.md in this folder.
 */
export const knownFixtures = {
  /** A yellow-path token waiting for Option D: INACTIVE, YELLOW with CUSTOMER_SERVICE. */
  yellowPath: {
    cardholderId: 'C0000001',
    name: { kanji: '佐藤 花子', kana: 'サトウ ハナコ', latin: 'Hanako Sato' },
    issuerCardRefId: 'CR000001GOLD',
    cardLastFour: '4821',
    virtualCardId: 'VCYELLOW0001',
    tokenLastFour: '6604',
    /** The same cardholder's active Apple Watch token. */
    activeVirtualCardId: 'VCWATCH00001',
  },
  /** Found by 高橋, たかはし, タカハシ, ﾀｶﾊｼ (half-width), takahashi; only holder with that name. */
  kanaSearch: {
    cardholderId: 'C0000002',
    name: { kanji: '高橋 健二', kana: 'タカハシ ケンジ', latin: 'Kenji Takahashi' },
    halfWidthKana: 'ﾀｶﾊｼ ｹﾝｼﾞ',
    hiragana: 'たかはし けんじ',
    issuerCardRefId: 'CR000002CLSC',
    cardLastFour: '3056',
  },
  /** A corporate fleet card holder with exactly 200 tokens over five business cards. */
  fleetHolder: {
    cardholderId: 'C0000003',
    name: { kanji: '株式会社みなと物流', kana: 'カブシキガイシャ ミナトブツリュウ', latin: 'Minato Logistics Co., Ltd.' },
    tokenCount: 200,
    cards: [
      { issuerCardRefId: 'CR000003FLT1', tokenCount: 120 },
      { issuerCardRefId: 'CR000003FLT2', tokenCount: 40 },
      { issuerCardRefId: 'CR000003FLT3', tokenCount: 20 },
      { issuerCardRefId: 'CR000003FLT4', tokenCount: 15 },
      { issuerCardRefId: 'CR000003FLT5', tokenCount: 5 },
    ],
  },
  /** A token with exactly 10,000 history events (computed on demand), newest a wallet resume. */
  longHistory: {
    cardholderId: 'C0000004',
    name: { kanji: '中村 優子', kana: 'ナカムラ ユウコ', latin: 'Yuko Nakamura' },
    issuerCardRefId: 'CR000004PLAT',
    virtualCardId: 'VCHISTORY0001',
    eventCount: 10_000,
  },
  /** One token per kind of suspension (suspendedBy). */
  suspensions: {
    cardholderId: 'C0000005',
    name: { kanji: '伊藤 誠', kana: 'イトウ マコト', latin: 'Makoto Ito' },
    issuerCardRefId: 'CR000005GOLD',
    byWallet: 'VCSUSPWALLET1',
    byIssuer: 'VCSUSPISSUER1',
    byTsp: 'VCSUSPTSP0001',
    byWalletAndIssuer: 'VCSUSPMULTI01',
  },
  /** A foreign resident: Latin name only, no kanji or kana. */
  foreignResident: {
    cardholderId: 'C0000006',
    name: { kanji: null, kana: null, latin: 'Olivia Brown' },
    issuerCardRefId: 'CR000006CLSC',
    cardLastFour: '9150',
  },
  /** The other life stories, one token each. */
  lifecycle: {
    cardholderId: 'C0000007',
    name: { kanji: '松田 由紀', kana: 'マツダ ユキ', latin: 'Yuki Matsuda' },
    issuerCardRefId: 'CR000007CLSC',
    pending: 'VCPENDING0001',
    canceled: 'VCCANCELED001',
    deletedFromApp: 'VCDELAPP00001',
    declined: 'VCDECLINED001',
    activatedByOptionD: 'VCOPTIOND0001',
    operationFailed: 'VCOPFAILED001',
  },
  /**
   * Lost phone: one iPhone holds tokens of all three of the cardholder's cards, so "all tokens on
   * this device" reaches across cards. The bulk suspend skips the one the wallet already suspended
   * and the deleted one; the Apple Watch token is another device and is not touched.
   */
  lostPhone: {
    cardholderId: 'C0000008',
    name: { kanji: '渡辺 翔', kana: 'ワタナベ ショウ', latin: 'Sho Watanabe' },
    cards: ['CR000008GOLD', 'CR000008CLSC', 'CR000008PLAT'],
    device: { name: 'iPhone 15', type: 'PHONE', tokenStorageId: 'SE-WTNBLOSTPHONE' },
    /** On the phone, ACTIVE: card GOLD, CLSC, PLAT. */
    activeOnPhone: ['VCLOSTGOLD01', 'VCLOSTCLSC01', 'VCLOSTPLAT01'],
    /** On the phone, already suspended by the wallet (card CLSC): bulk suspend skips it. */
    suspendedByWallet: 'VCLOSTWALLET1',
    /** On the phone, deleted (card GOLD): every bulk action skips it. */
    deleted: 'VCLOSTDELETE1',
    /** Card GOLD on the Apple Watch: another device, outside the phone's bulk action. */
    otherDevice: 'VCLOSTWATCH01',
  },
  /**
   * A card with five tokens in mixed states, for "all tokens of this card"; and, on another card of
   * the same cardholder, a yellow-path token whose signals match a risk rule: a new device and the
   * third token requested within 24 hours (NEW_DEVICE_HIGH_VELOCITY), so its Option D activation
   * needs a supervisor and is refused.
   */
  bulkCard: {
    cardholderId: 'C0000009',
    name: { kanji: '山本 大輔', kana: 'ヤマモト ダイスケ', latin: 'Daisuke Yamamoto' },
    issuerCardRefId: 'CR000009CLSC',
    active: ['VCBULKCARD01', 'VCBULKCARD02'],
    suspendedByWallet: 'VCBULKCARD03',
    suspendedByIssuer: 'VCBULKCARD04',
    deleted: 'VCBULKCARD05',
    riskyCardRefId: 'CR000009PLAT',
    /** INACTIVE, YELLOW with CUSTOMER_SERVICE; new device, 3 tokens in 24 h. */
    riskyYellow: 'VCRISKYYELLOW1',
    riskRule: 'NEW_DEVICE_HIGH_VELOCITY',
    /** The two card-on-file tokens requested in the 24 hours before it. */
    recent: ['VCRECENTCOF01', 'VCRECENTCOF02'],
  },
} as const;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

const addYellowPath = (b: SeedBuilder, prng: Prng): void => {
  const f = knownFixtures.yellowPath;
  b.addCardholder({
    cardholderId: f.cardholderId,
    name: f.name,
    contacts: [phoneContact(prng), emailContact('hanako.sato')],
    hasServiceNotes: false,
  });
  const card = b.addCard(prng, f.cardholderId, { issuerCardRefId: f.issuerCardRefId, productName: PRODUCTS.gold, lastFour: f.cardLastFour });
  b.addToken(prng, card, {
    scenario: 'ACTIVE_GREEN',
    virtualCardId: f.activeVirtualCardId,
    requestor: WALLETS.applePay,
    device: walletDevice(prng, 'APPLE_PAY', 'Apple Watch Series 9'),
    requestedSecondsAgo: 200 * 86_400,
  });
  b.addToken(prng, card, {
    scenario: 'INACTIVE_YELLOW',
    virtualCardId: f.virtualCardId,
    requestor: WALLETS.applePay,
    device: walletDevice(prng, 'APPLE_PAY', 'iPhone 15 Pro'),
    tokenLastFour: f.tokenLastFour,
    // No reason of its own matches a training risk rule: an inbound call without a code request activates.
    levelOfTrustReasons: ['ACCOUNT_TENURE_SHORT', 'NEW_DEVICE', 'RECENT_ADDRESS_CHANGE'],
    requestedSecondsAgo: 30 * 3600,
  });
};

const addKanaSearch = (b: SeedBuilder, prng: Prng): void => {
  const f = knownFixtures.kanaSearch;
  b.addCardholder({ cardholderId: f.cardholderId, name: f.name, contacts: [phoneContact(prng), emailContact('k.takahashi')], hasServiceNotes: true });
  const card = b.addCard(prng, f.cardholderId, { issuerCardRefId: f.issuerCardRefId, productName: PRODUCTS.classic, lastFour: f.cardLastFour });
  b.addToken(prng, card, { scenario: 'ACTIVE_GREEN', requestor: WALLETS.googlePay, device: walletDevice(prng, 'GOOGLE_PAY', 'Pixel 8') });
  b.addToken(prng, card, { scenario: 'ACTIVE_OTP', requestor: MERCHANTS[1] ?? WALLETS.applePay, device: merchantDevice(prng) });
};

const addFleetHolder = (b: SeedBuilder, prng: Prng): void => {
  const f = knownFixtures.fleetHolder;
  b.addCardholder({
    cardholderId: f.cardholderId,
    name: f.name,
    contacts: [phoneContact(prng), emailContact('card-admin', 'minato-logistics.example.jp')],
    hasServiceNotes: true,
  });
  let driver = 0;
  for (const spec of f.cards) {
    const card = b.addCard(prng, f.cardholderId, { issuerCardRefId: spec.issuerCardRefId, productName: PRODUCTS.business });
    for (let i = 0; i < spec.tokenCount; i += 1) {
      driver += 1;
      const kind = prng.weighted([
        ['APPLE_PAY', 40],
        ['GOOGLE_PAY', 30],
        ['SAMSUNG_PAY', 12],
        ['MERCHANT', 18],
      ] as const);
      const scenario = prng.weighted([
        ['ACTIVE_GREEN', 60],
        ['ACTIVE_OTP', 10],
        ['SUSPENDED_WALLET', 6],
        ['SUSPENDED_ISSUER', 4],
        ['INACTIVE_YELLOW', 4],
        ['DELETED_WALLET', 8],
        ['DELETED_ISSUER', 4],
        ['CANCELED', 2],
        ['PENDING', 2],
      ] as const);
      if (kind === 'MERCHANT') {
        b.addToken(prng, card, { scenario, requestor: prng.pick(MERCHANTS), device: merchantDevice(prng) });
      } else {
        const device = walletDevice(prng, kind);
        // Fleet handsets are named after the delivery route they ride on.
        const named = device.name === null ? device : { ...device, name: `${device.name} 配送${pad(driver, 3)}` };
        const requestor = kind === 'APPLE_PAY' ? WALLETS.applePay : kind === 'GOOGLE_PAY' ? WALLETS.googlePay : WALLETS.samsungPay;
        b.addToken(prng, card, { scenario, requestor, device: named });
      }
    }
  }
};

const addLongHistory = (b: SeedBuilder, prng: Prng): void => {
  const f = knownFixtures.longHistory;
  b.addCardholder({ cardholderId: f.cardholderId, name: f.name, contacts: [phoneContact(prng)], hasServiceNotes: false });
  const card = b.addCard(prng, f.cardholderId, { issuerCardRefId: f.issuerCardRefId, productName: PRODUCTS.platinum });
  const intervalMinutes = 40;
  const history: SyntheticHistory = {
    kind: 'suspend-resume-cycle',
    count: f.eventCount,
    serial: b.nextTokenSerial(),
    startsAt: new Date(SEED_EPOCH.getTime() - (f.eventCount * intervalMinutes + 60) * 60_000).toISOString(),
    intervalMinutes,
  };
  const draft: Token = {
    virtualCardId: f.virtualCardId,
    issuerCardRefId: card.issuerCardRefId,
    cardholderId: f.cardholderId,
    tokenRequestor: WALLETS.samsungPay,
    device: { ...walletDevice(prng, 'SAMSUNG_PAY', 'Galaxy A54'), name: 'Galaxy A54 共用端末' },
    tokenLastFour: prng.digits(4),
    fundingLastFour: card.lastFour,
    expiry: `${pad(prng.int(1, 12), 2)}/29`,
    state: 'ACTIVE',
    stateSince: history.startsAt,
    lastChangedBy: { source: 'WALLET' },
    suspendedBy: [],
    isPrimary: true,
    levelOfTrust: { decision: 'GREEN', idvMethods: [], reasons: ['KNOWN_DEVICE'], decidedAt: history.startsAt },
    digitizedAt: history.startsAt,
    enrolmentCorrelationId: `enr-${prng.letters(5).toLowerCase()}-${prng.digits(4)}-${prng.letters(5).toLowerCase()}`,
  };
  b.addSyntheticToken({ ...draft, ...syntheticOutcome(draft, history) }, history);
  b.addToken(prng, card, { scenario: 'ACTIVE_GREEN', requestor: WALLETS.googlePay, device: walletDevice(prng, 'GOOGLE_PAY') });
};

const addSuspensions = (b: SeedBuilder, prng: Prng): void => {
  const f = knownFixtures.suspensions;
  b.addCardholder({ cardholderId: f.cardholderId, name: f.name, contacts: [phoneContact(prng), emailContact('makoto.ito')], hasServiceNotes: true });
  const card = b.addCard(prng, f.cardholderId, { issuerCardRefId: f.issuerCardRefId, productName: PRODUCTS.gold });
  const phone = (): { requestor: typeof WALLETS.applePay; device: ReturnType<typeof walletDevice> } => ({
    requestor: WALLETS.applePay,
    device: walletDevice(prng, 'APPLE_PAY', 'iPhone 14'),
  });
  b.addToken(prng, card, { scenario: 'SUSPENDED_WALLET', virtualCardId: f.byWallet, ...phone() });
  b.addToken(prng, card, { scenario: 'SUSPENDED_ISSUER', virtualCardId: f.byIssuer, requestor: WALLETS.googlePay, device: walletDevice(prng, 'GOOGLE_PAY', 'Pixel 8a') });
  b.addToken(prng, card, { scenario: 'SUSPENDED_TSP', virtualCardId: f.byTsp, requestor: MERCHANTS[0] ?? WALLETS.applePay, device: merchantDevice(prng) });
  b.addToken(prng, card, { scenario: 'SUSPENDED_WALLET_AND_ISSUER', virtualCardId: f.byWalletAndIssuer, ...phone() });
};

const addForeignResident = (b: SeedBuilder, prng: Prng): void => {
  const f = knownFixtures.foreignResident;
  b.addCardholder({ cardholderId: f.cardholderId, name: f.name, contacts: [phoneContact(prng), emailContact('olivia.brown', 'example.com')], hasServiceNotes: false });
  const card = b.addCard(prng, f.cardholderId, { issuerCardRefId: f.issuerCardRefId, productName: PRODUCTS.classic, lastFour: f.cardLastFour });
  b.addToken(prng, card, { scenario: 'ACTIVE_GREEN', requestor: WALLETS.googlePay, device: walletDevice(prng, 'GOOGLE_PAY') });
  b.addToken(prng, card, { scenario: 'ACTIVE_GREEN', requestor: MERCHANTS[3] ?? WALLETS.applePay, device: merchantDevice(prng) });
};

const addLifecycle = (b: SeedBuilder, prng: Prng): void => {
  const f = knownFixtures.lifecycle;
  // No contact data on file: step-up by OTP is impossible, so Option D is the fallback (docs/domain.md, "Option D").
  b.addCardholder({ cardholderId: f.cardholderId, name: f.name, contacts: [], hasServiceNotes: false });
  const card = b.addCard(prng, f.cardholderId, { issuerCardRefId: f.issuerCardRefId, productName: PRODUCTS.classic });
  const apple = (name: string): { requestor: typeof WALLETS.applePay; device: ReturnType<typeof walletDevice> } => ({
    requestor: WALLETS.applePay,
    device: walletDevice(prng, 'APPLE_PAY', name),
  });
  b.addToken(prng, card, { scenario: 'PENDING', virtualCardId: f.pending, ...apple('iPhone 16') });
  b.addToken(prng, card, { scenario: 'CANCELED', virtualCardId: f.canceled, ...apple('iPhone 16') });
  b.addToken(prng, card, { scenario: 'DELETED_FROM_APP', virtualCardId: f.deletedFromApp, ...apple('iPhone SE') });
  b.addToken(prng, card, { scenario: 'DECLINED_RED', virtualCardId: f.declined, requestor: WALLETS.samsungPay, device: walletDevice(prng, 'SAMSUNG_PAY', 'Galaxy S24') });
  b.addToken(prng, card, { scenario: 'ACTIVE_OPTION_D', virtualCardId: f.activatedByOptionD, ...apple('iPhone 14') });
  b.addToken(prng, card, { scenario: 'ACTIVE_OPERATION_FAILED', virtualCardId: f.operationFailed, requestor: WALLETS.googlePay, device: walletDevice(prng, 'GOOGLE_PAY', 'Xperia 10 V') });
};

const addLostPhone = (b: SeedBuilder, prng: Prng): void => {
  const f = knownFixtures.lostPhone;
  b.addCardholder({ cardholderId: f.cardholderId, name: f.name, contacts: [phoneContact(prng), emailContact('sho.watanabe')], hasServiceNotes: false });
  const [goldRef, classicRef, platinumRef] = f.cards;
  const gold = b.addCard(prng, f.cardholderId, { issuerCardRefId: goldRef, productName: PRODUCTS.gold });
  const classic = b.addCard(prng, f.cardholderId, { issuerCardRefId: classicRef, productName: PRODUCTS.classic });
  const platinum = b.addCard(prng, f.cardholderId, { issuerCardRefId: platinumRef, productName: PRODUCTS.platinum });
  const onPhone = { requestor: WALLETS.applePay, device: { ...f.device } };
  const [goldPhone, classicPhone, platinumPhone] = f.activeOnPhone;
  b.addToken(prng, gold, { scenario: 'ACTIVE_GREEN', virtualCardId: goldPhone, ...onPhone, requestedSecondsAgo: 90 * 86_400 });
  b.addToken(prng, classic, { scenario: 'ACTIVE_GREEN', virtualCardId: classicPhone, ...onPhone, requestedSecondsAgo: 89 * 86_400 });
  b.addToken(prng, platinum, { scenario: 'ACTIVE_OTP', virtualCardId: platinumPhone, ...onPhone, requestedSecondsAgo: 60 * 86_400 });
  b.addToken(prng, classic, { scenario: 'SUSPENDED_WALLET', virtualCardId: f.suspendedByWallet, ...onPhone, requestedSecondsAgo: 300 * 86_400 });
  b.addToken(prng, gold, { scenario: 'DELETED_WALLET', virtualCardId: f.deleted, ...onPhone, requestedSecondsAgo: 400 * 86_400 });
  b.addToken(prng, gold, {
    scenario: 'ACTIVE_GREEN',
    virtualCardId: f.otherDevice,
    requestor: WALLETS.applePay,
    device: walletDevice(prng, 'APPLE_PAY', 'Apple Watch Series 10'),
    requestedSecondsAgo: 80 * 86_400,
  });
};

const addBulkCard = (b: SeedBuilder, prng: Prng): void => {
  const f = knownFixtures.bulkCard;
  b.addCardholder({ cardholderId: f.cardholderId, name: f.name, contacts: [phoneContact(prng), emailContact('daisuke.yamamoto')], hasServiceNotes: false });
  const card = b.addCard(prng, f.cardholderId, { issuerCardRefId: f.issuerCardRefId, productName: PRODUCTS.classic });
  const [first, second] = f.active;
  const longAgo = (days: number): { requestedSecondsAgo: number } => ({ requestedSecondsAgo: days * 86_400 });
  b.addToken(prng, card, { scenario: 'ACTIVE_GREEN', virtualCardId: first, requestor: WALLETS.googlePay, device: walletDevice(prng, 'GOOGLE_PAY', 'Pixel 9'), ...longAgo(120) });
  b.addToken(prng, card, { scenario: 'ACTIVE_GREEN', virtualCardId: second, requestor: MERCHANTS[2] ?? WALLETS.applePay, device: merchantDevice(prng), ...longAgo(200) });
  b.addToken(prng, card, {
    scenario: 'SUSPENDED_WALLET',
    virtualCardId: f.suspendedByWallet,
    requestor: WALLETS.applePay,
    device: walletDevice(prng, 'APPLE_PAY', 'iPad Air'),
    ...longAgo(150),
  });
  b.addToken(prng, card, { scenario: 'SUSPENDED_ISSUER', virtualCardId: f.suspendedByIssuer, requestor: WALLETS.samsungPay, device: walletDevice(prng, 'SAMSUNG_PAY', 'Galaxy S23'), ...longAgo(240) });
  b.addToken(prng, card, { scenario: 'DELETED_WALLET', virtualCardId: f.deleted, requestor: WALLETS.googlePay, device: walletDevice(prng, 'GOOGLE_PAY', 'Pixel 7'), ...longAgo(380) });

  // Three tokens within 24 hours, the last on a device new to the cardholder: the scam pattern.
  const risky = b.addCard(prng, f.cardholderId, { issuerCardRefId: f.riskyCardRefId, productName: PRODUCTS.platinum });
  const [olderCof, newerCof] = f.recent;
  b.addToken(prng, risky, { scenario: 'ACTIVE_GREEN', virtualCardId: olderCof, requestor: MERCHANTS[0] ?? WALLETS.applePay, device: merchantDevice(prng), requestedSecondsAgo: 14 * 3600 });
  b.addToken(prng, risky, { scenario: 'ACTIVE_GREEN', virtualCardId: newerCof, requestor: MERCHANTS[1] ?? WALLETS.applePay, device: merchantDevice(prng), requestedSecondsAgo: 8 * 3600 });
  b.addToken(prng, risky, {
    scenario: 'INACTIVE_YELLOW',
    virtualCardId: f.riskyYellow,
    requestor: WALLETS.applePay,
    device: walletDevice(prng, 'APPLE_PAY', 'iPhone 16 Pro'),
    levelOfTrustReasons: ['NEW_DEVICE', 'HIGH_VELOCITY'],
    requestedSecondsAgo: 3 * 3600,
  });
};

/**
 * Fixtures added after the generated cardholders, so adding them left every generated id and
 * event as it was.
 */
export const addLateFixtures = (b: SeedBuilder, prng: Prng): void => {
  addLostPhone(b, prng.fork('lost-phone'));
  addBulkCard(b, prng.fork('bulk-card'));
};

export const addFixtures = (b: SeedBuilder, prng: Prng): void => {
  addYellowPath(b, prng.fork('yellow-path'));
  addKanaSearch(b, prng.fork('kana-search'));
  addFleetHolder(b, prng.fork('fleet'));
  addLongHistory(b, prng.fork('long-history'));
  addSuspensions(b, prng.fork('suspensions'));
  addForeignResident(b, prng.fork('foreign-resident'));
  addLifecycle(b, prng.fork('lifecycle'));
};
