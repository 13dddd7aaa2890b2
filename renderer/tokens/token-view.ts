import type { Decision, Token, TokenState, WalletProviderId } from '../../shared/api/model';
import { enrolmentEnded } from './display-state';

/** What the token tables can be sorted by; each column that sorts names one of these. */
export type TokenSortKey = 'wallet' | 'device' | 'tokenLastFour' | 'state' | 'since' | 'changedBy' | 'trust' | 'primary';
export type SortDirection = 'ascending' | 'descending';

export interface TokenSort {
  readonly key: TokenSortKey;
  readonly direction: SortDirection;
}

/**
 * How the agent looks at a cardholder's tokens. One view for all their cards, so a filter set
 * while looking for "the suspended Apple Pay token" applies to every card at once.
 */
export interface TokenViewOptions {
  readonly sort: TokenSort;
  /** null: every state (deleted ones still hidden unless shown). */
  readonly state: TokenState | null;
  /** null: every wallet. */
  readonly wallet: WalletProviderId | null;
  /**
   * Deleted tokens are history; off by default so they do not crowd out the live ones. A canceled
   * or declined enrolment that is still the newest attempt on its wallet and device shows anyway:
   * it is the answer to "why doesn't my Apple Pay work?".
   */
  readonly showDeleted: boolean;
}

/** Most recent change first: what the caller is phoning about is usually what changed last. */
export const DEFAULT_TOKEN_VIEW: TokenViewOptions = {
  sort: { key: 'since', direction: 'descending' },
  state: null,
  wallet: null,
  showDeleted: false,
};

/** Usable first, then what needs the agent, then the past. */
const STATE_ORDER: Readonly<Record<TokenState, number>> = {
  ACTIVE: 0,
  INACTIVE: 1,
  DEPLOYMENT_ONGOING: 2,
  SUSPENDED: 3,
  DELETED: 4,
};

const TRUST_ORDER: Readonly<Record<Decision, number>> = { GREEN: 0, YELLOW: 1, RED: 2 };

const collator = new Intl.Collator('ja', { numeric: true, sensitivity: 'base' });

type Compare = (a: Token, b: Token) => number;

const byText =
  (value: (token: Token) => string): Compare =>
  (a, b) =>
    collator.compare(value(a), value(b));

const byNumber =
  (value: (token: Token) => number): Compare =>
  (a, b) =>
    value(a) - value(b);

const COMPARE: Readonly<Record<TokenSortKey, Compare>> = {
  wallet: byText((t) => t.tokenRequestor.name),
  device: byText((t) => `${t.device.name ?? ''}\u0000${t.device.type}`),
  tokenLastFour: byText((t) => t.tokenLastFour),
  state: byNumber((t) => STATE_ORDER[t.state]),
  since: byNumber((t) => Date.parse(t.stateSince)),
  changedBy: byText((t) => `${t.lastChangedBy.source}\u0000${t.lastChangedBy.agentName ?? ''}`),
  trust: byNumber((t) => TRUST_ORDER[t.levelOfTrust.decision]),
  primary: byNumber((t) => (t.isPrimary ? 0 : 1)),
};

/** Sorted by the chosen column; ties keep one fixed order (the token id), so rows never jump between renders. */
export const sortTokens = (tokens: readonly Token[], sort: TokenSort): Token[] => {
  const compare = COMPARE[sort.key];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...tokens].sort((a, b) => sign * compare(a, b) || a.virtualCardId.localeCompare(b.virtualCardId));
};

/** One card on one wallet on one device: where a new enrolment replaces the one before it. */
const placeOf = (token: Token): string => `${token.issuerCardRefId}\u0000${token.tokenRequestor.walletProviderId}\u0000${token.device.tokenStorageId}`;

/**
 * The canceled or declined enrolments that are the newest token of their card on their wallet and
 * device: nothing has replaced them, so they still explain what the cardholder sees in the wallet
 * (docs/domain.md, "Canceled and declined enrolments"). An older one, re-enrolled since, is history.
 */
const standingEnrolmentEnds = (tokens: readonly Token[]): ReadonlySet<string> => {
  const newest = new Map<string, Token>();
  for (const token of tokens) {
    const held = newest.get(placeOf(token));
    if (held === undefined || Date.parse(token.digitizedAt) > Date.parse(held.digitizedAt)) newest.set(placeOf(token), token);
  }
  return new Set([...newest.values()].filter(enrolmentEnded).map((token) => token.virtualCardId));
};

const deletedHidden = (token: Token, view: TokenViewOptions, standing: ReadonlySet<string>): boolean =>
  token.state === 'DELETED' && !view.showDeleted && view.state !== 'DELETED' && !standing.has(token.virtualCardId);

const matchesFilters = (token: Token, view: TokenViewOptions): boolean =>
  (view.state === null || token.state === view.state) && (view.wallet === null || token.tokenRequestor.walletProviderId === view.wallet);

/** The rows a table shows: filtered, deleted ones only when asked for (or still standing as the last enrolment), sorted. */
export const visibleTokens = (tokens: readonly Token[], view: TokenViewOptions): Token[] => {
  const standing = standingEnrolmentEnds(tokens);
  return sortTokens(
    tokens.filter((token) => matchesFilters(token, view) && !deletedHidden(token, view, standing)),
    view.sort,
  );
};

/** What the "show deleted" switch would bring back: deleted tokens that match the other filters. */
export const hiddenDeletedCount = (tokens: readonly Token[], view: TokenViewOptions): number => {
  const standing = standingEnrolmentEnds(tokens);
  return tokens.filter((token) => matchesFilters(token, view) && deletedHidden(token, view, standing)).length;
};

/** The next sort when a column header is pressed: the same column flips, another starts at its natural direction. */
export const nextSort = (current: TokenSort, key: TokenSortKey): TokenSort => {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  // Newest first is what "since" is for; every other column reads top-down.
  return { key, direction: key === 'since' ? 'descending' : 'ascending' };
};

/** The wallets present, for the wallet filter: only choices that can match something. */
export const walletsPresent = (tokens: readonly Token[]): WalletProviderId[] => {
  const order: readonly WalletProviderId[] = ['APPLE_PAY', 'GOOGLE_PAY', 'SAMSUNG_PAY', 'MERCHANT'];
  const present = new Set(tokens.map((token) => token.tokenRequestor.walletProviderId));
  return order.filter((wallet) => present.has(wallet));
};
