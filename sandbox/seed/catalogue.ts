import type { DeviceType, TokenRequestor } from '../../shared/api/model';

/**
 * The vocabulary the training data is drawn from: names as a Japanese issuer holds them (kanji,
 * katakana reading, Latin romanisation), card products, token requestors and devices. Wallet
 * token requestor ids are 11 digits as MDES reports them; merchants are made up.
 */

export interface NamePart {
  readonly kanji: string;
  readonly kana: string;
  readonly latin: string;
}

export const FAMILY_NAMES: readonly NamePart[] = [
  { kanji: '佐藤', kana: 'サトウ', latin: 'Sato' },
  { kanji: '鈴木', kana: 'スズキ', latin: 'Suzuki' },
  { kanji: '田中', kana: 'タナカ', latin: 'Tanaka' },
  { kanji: '渡辺', kana: 'ワタナベ', latin: 'Watanabe' },
  { kanji: '山本', kana: 'ヤマモト', latin: 'Yamamoto' },
  { kanji: '小林', kana: 'コバヤシ', latin: 'Kobayashi' },
  { kanji: '加藤', kana: 'カトウ', latin: 'Kato' },
  { kanji: '吉田', kana: 'ヨシダ', latin: 'Yoshida' },
  { kanji: '山田', kana: 'ヤマダ', latin: 'Yamada' },
  { kanji: '佐々木', kana: 'ササキ', latin: 'Sasaki' },
  { kanji: '山口', kana: 'ヤマグチ', latin: 'Yamaguchi' },
  { kanji: '松本', kana: 'マツモト', latin: 'Matsumoto' },
  { kanji: '井上', kana: 'イノウエ', latin: 'Inoue' },
  { kanji: '木村', kana: 'キムラ', latin: 'Kimura' },
  { kanji: '林', kana: 'ハヤシ', latin: 'Hayashi' },
  { kanji: '清水', kana: 'シミズ', latin: 'Shimizu' },
  { kanji: '斎藤', kana: 'サイトウ', latin: 'Saito' },
  { kanji: '森', kana: 'モリ', latin: 'Mori' },
  { kanji: '池田', kana: 'イケダ', latin: 'Ikeda' },
  { kanji: '橋本', kana: 'ハシモト', latin: 'Hashimoto' },
  { kanji: '石川', kana: 'イシカワ', latin: 'Ishikawa' },
  { kanji: '小川', kana: 'オガワ', latin: 'Ogawa' },
];

export const GIVEN_NAMES: readonly NamePart[] = [
  { kanji: '翔太', kana: 'ショウタ', latin: 'Shota' },
  { kanji: '美咲', kana: 'ミサキ', latin: 'Misaki' },
  { kanji: '大輔', kana: 'ダイスケ', latin: 'Daisuke' },
  { kanji: '陽菜', kana: 'ヒナ', latin: 'Hina' },
  { kanji: '蓮', kana: 'レン', latin: 'Ren' },
  { kanji: '結衣', kana: 'ユイ', latin: 'Yui' },
  { kanji: '拓也', kana: 'タクヤ', latin: 'Takuya' },
  { kanji: '彩', kana: 'アヤ', latin: 'Aya' },
  { kanji: '悠真', kana: 'ユウマ', latin: 'Yuma' },
  { kanji: '真由美', kana: 'マユミ', latin: 'Mayumi' },
  { kanji: '直樹', kana: 'ナオキ', latin: 'Naoki' },
  { kanji: '恵子', kana: 'ケイコ', latin: 'Keiko' },
  { kanji: '浩', kana: 'ヒロシ', latin: 'Hiroshi' },
  { kanji: '由美子', kana: 'ユミコ', latin: 'Yumiko' },
  { kanji: '健太', kana: 'ケンタ', latin: 'Kenta' },
  { kanji: 'さくら', kana: 'サクラ', latin: 'Sakura' },
  { kanji: '和也', kana: 'カズヤ', latin: 'Kazuya' },
  { kanji: '明美', kana: 'アケミ', latin: 'Akemi' },
];

/** Foreign residents: the issuer holds only the Latin name. */
export const LATIN_ONLY_NAMES: readonly string[] = [
  'Nguyen Van An',
  'Maria Santos',
  'James Wilson',
  'Li Wei',
  'Priya Sharma',
  'Tran Thi Mai',
  'Daniel Kim',
];

export const PRODUCTS = {
  classic: 'Token Desk クラシック',
  gold: 'Token Desk ゴールド',
  platinum: 'Token Desk プラチナ',
  business: 'Token Desk ビジネス',
  debit: 'Token Desk デビット',
  student: 'Token Desk 学生カード',
} as const;

export const PERSONAL_PRODUCTS: readonly string[] = [PRODUCTS.classic, PRODUCTS.classic, PRODUCTS.gold, PRODUCTS.platinum, PRODUCTS.debit, PRODUCTS.student];

export const WALLETS = {
  applePay: { tokenRequestorId: '50110030273', name: 'Apple Pay', walletProviderId: 'APPLE_PAY' },
  googlePay: { tokenRequestorId: '50120834693', name: 'Google Pay', walletProviderId: 'GOOGLE_PAY' },
  samsungPay: { tokenRequestorId: '50139059239', name: 'Samsung Pay', walletProviderId: 'SAMSUNG_PAY' },
} as const satisfies Record<string, TokenRequestor>;

/** Card-on-file token requestors (merchants keeping a token instead of the card). */
export const MERCHANTS: readonly TokenRequestor[] = [
  { tokenRequestorId: '40010075001', name: 'さくらマーケット オンライン', walletProviderId: 'MERCHANT' },
  { tokenRequestorId: '40010075002', name: 'Kumo Video', walletProviderId: 'MERCHANT' },
  { tokenRequestorId: '40010075003', name: 'みなとタクシー', walletProviderId: 'MERCHANT' },
  { tokenRequestorId: '40010075004', name: 'Hikari Music', walletProviderId: 'MERCHANT' },
  { tokenRequestorId: '40010075005', name: 'にしき旅行', walletProviderId: 'MERCHANT' },
  { tokenRequestorId: '40010075006', name: 'Aozora Mobile 料金払い', walletProviderId: 'MERCHANT' },
];

export interface DeviceModel {
  readonly name: string;
  readonly type: DeviceType;
}

type DeviceWallet = 'APPLE_PAY' | 'GOOGLE_PAY' | 'SAMSUNG_PAY';

/** The models generated tokens are drawn from, each with its type. */
export const DEVICES: Record<DeviceWallet, readonly DeviceModel[]> = {
  APPLE_PAY: [
    { name: 'iPhone 15 Pro', type: 'PHONE' },
    { name: 'iPhone 14', type: 'PHONE' },
    { name: 'iPhone SE', type: 'PHONE' },
    { name: 'iPhone 16', type: 'PHONE' },
    { name: 'Apple Watch Series 9', type: 'WATCH' },
    { name: 'Apple Watch SE', type: 'WATCH' },
    { name: 'iPad Air', type: 'TABLET' },
    { name: 'MacBook Air', type: 'LAPTOP' },
  ],
  GOOGLE_PAY: [
    { name: 'Pixel 8', type: 'PHONE' },
    { name: 'Pixel 8a', type: 'PHONE' },
    { name: 'Xperia 10 V', type: 'PHONE' },
    { name: 'AQUOS sense8', type: 'PHONE' },
    { name: 'Pixel Watch 2', type: 'WATCH' },
    { name: 'Fitbit Charge 6', type: 'WEARABLE' },
  ],
  SAMSUNG_PAY: [
    { name: 'Galaxy S24', type: 'PHONE' },
    { name: 'Galaxy A54', type: 'PHONE' },
    { name: 'Galaxy Z Flip5', type: 'PHONE' },
    { name: 'Galaxy Watch6', type: 'WATCH' },
  ],
};

/**
 * Models only the fixtures name. Kept apart from DEVICES because adding them to the draw would
 * change every later draw, and with it every generated id.
 */
const FIXTURE_DEVICES: Record<DeviceWallet, readonly DeviceModel[]> = {
  APPLE_PAY: [
    { name: 'iPhone 16 Pro', type: 'PHONE' },
    { name: 'Apple Watch Series 10', type: 'WATCH' },
  ],
  GOOGLE_PAY: [
    { name: 'Pixel 9', type: 'PHONE' },
    { name: 'Pixel 7', type: 'PHONE' },
  ],
  SAMSUNG_PAY: [{ name: 'Galaxy S23', type: 'PHONE' }],
};

/** A named model with its type; a name the catalogue does not know is a mistake in the seed, not a guess. */
export const deviceModel = (walletProviderId: DeviceWallet, name: string): DeviceModel => {
  const model = [...DEVICES[walletProviderId], ...FIXTURE_DEVICES[walletProviderId]].find((candidate) => candidate.name === name);
  if (model === undefined) throw new Error(`no ${walletProviderId} device model named "${name}" in the seed catalogue`);
  return model;
};

/** Agents who acted on tokens in the seeded history (two of them are training accounts). */
export const HISTORY_AGENTS = [
  { agentId: 'agent.sato', agentName: '佐藤 美咲' },
  { agentId: 'supervisor.suzuki', agentName: '鈴木 健一' },
  { agentId: 'agent.yamada', agentName: '山田 太郎' },
] as const;

export const YELLOW_REASONS: readonly string[] = ['NEW_DEVICE', 'ACCOUNT_TENURE_SHORT', 'DEVICE_SCORE_MEDIUM', 'HIGH_VELOCITY', 'NAME_MISMATCH', 'RECENT_ADDRESS_CHANGE'];
export const GREEN_REASONS: readonly string[] = ['KNOWN_DEVICE', 'LOW_RISK_SCORE', 'LONG_ACCOUNT_TENURE'];
export const RED_REASONS: readonly string[] = ['DEVICE_SCORE_LOW', 'FRAUD_SUSPECTED', 'TOO_MANY_ATTEMPTS'];

export const ISSUER_COMMENTS: readonly string[] = [
  'お客様より端末紛失の連絡あり。本人確認済み。',
  '不正利用の疑いのため一時停止。お客様へ折り返し連絡予定。',
  'カード再発行に伴う対応。',
  'お客様のご依頼により停止。',
];
