import { describe, expect, it } from 'vitest';
import { DEFAULT_TOKEN_VIEW, hiddenDeletedCount, nextSort, sortTokens, visibleTokens, walletsPresent } from '../../../../renderer/tokens/token-view';
import { buildToken } from './builders';

const apple = { tokenRequestorId: '40010030273', name: 'Apple Pay', walletProviderId: 'APPLE_PAY' } as const;
const google = { tokenRequestorId: '40010075001', name: 'Google Pay', walletProviderId: 'GOOGLE_PAY' } as const;

const tokens = [
  buildToken({ virtualCardId: 'VC0001', tokenRequestor: apple, state: 'ACTIVE', stateSince: '2026-11-01T00:00:00Z', tokenLastFour: '1111' }),
  buildToken({ virtualCardId: 'VC0002', tokenRequestor: google, state: 'SUSPENDED', stateSince: '2026-11-20T00:00:00Z', tokenLastFour: '2222' }),
  buildToken({ virtualCardId: 'VC0003', tokenRequestor: apple, state: 'DELETED', stateSince: '2026-11-10T00:00:00Z', tokenLastFour: '3333' }),
  buildToken({ virtualCardId: 'VC0004', tokenRequestor: google, state: 'DELETED', stateSince: '2026-11-05T00:00:00Z', tokenLastFour: '4444' }),
  buildToken({ virtualCardId: 'VC0005', tokenRequestor: apple, state: 'INACTIVE', stateSince: '2026-11-15T00:00:00Z', tokenLastFour: '5555' }),
];
const ids = (list: readonly { virtualCardId: string }[]) => list.map((token) => token.virtualCardId);

describe('the token view', () => {
  it('hides deleted tokens by default, newest change first, and counts what it hides', () => {
    expect(ids(visibleTokens(tokens, DEFAULT_TOKEN_VIEW))).toEqual(['VC0002', 'VC0005', 'VC0001']);
    expect(hiddenDeletedCount(tokens, DEFAULT_TOKEN_VIEW)).toBe(2);
  });

  it('shows a canceled or declined enrolment while it is the newest token of its card on its wallet and device, with the deleted ones it leaves hidden counted', () => {
    const phone = { name: 'iPhone 15', type: 'PHONE', tokenStorageId: 'SE-PHONE' } as const;
    const watch = { name: 'Apple Watch', type: 'WATCH', tokenStorageId: 'SE-WATCH' } as const;
    const ended = (virtualCardId: string, outcome: 'CANCELED' | 'DECLINED', digitizedAt: string, device: typeof phone | typeof watch) =>
      buildToken({ virtualCardId, tokenRequestor: apple, device, state: 'DELETED', digitizationOutcome: outcome, digitizedAt, stateSince: digitizedAt });
    const canceled = ended('VCCANCEL', 'CANCELED', '2026-11-18T00:00:00Z', phone);
    const declined = ended('VCDECLINE', 'DECLINED', '2026-11-17T00:00:00Z', watch);
    // Re-enrolled since on the same phone: the earlier cancellation is history.
    const olderCanceled = ended('VCOLDCANCEL', 'CANCELED', '2026-10-01T00:00:00Z', phone);
    const reEnrolled = buildToken({ virtualCardId: 'VCRETRY', tokenRequestor: apple, device: watch, state: 'ACTIVE', digitizedAt: '2026-11-19T00:00:00Z' });
    const oldOnWatch = ended('VCOLDWATCH', 'CANCELED', '2026-11-01T00:00:00Z', watch);
    // The same phone and wallet for another card: not a replacement of this card's enrolment.
    const otherCard = buildToken({ virtualCardId: 'VCOTHERCARD', issuerCardRefId: 'CROTHER', tokenRequestor: apple, device: phone, state: 'ACTIVE', digitizedAt: '2026-11-19T12:00:00Z' });
    const all = [...tokens, canceled, declined, olderCanceled, reEnrolled, oldOnWatch, otherCard];
    const shown = ids(visibleTokens(all, DEFAULT_TOKEN_VIEW));
    expect(shown).toContain('VCCANCEL');
    expect(shown).not.toContain('VCOLDCANCEL');
    // The watch's newest is the active re-enrolment: both ended attempts there stay behind the switch.
    expect(shown).not.toContain('VCDECLINE');
    expect(shown).not.toContain('VCOLDWATCH');
    expect(hiddenDeletedCount(all, DEFAULT_TOKEN_VIEW)).toBe(2 + 3);
    // Filtering by another state still leaves it out; "deleted" lists every deleted one.
    expect(ids(visibleTokens(all, { ...DEFAULT_TOKEN_VIEW, state: 'ACTIVE' }))).not.toContain('VCCANCEL');
    expect(visibleTokens(all, { ...DEFAULT_TOKEN_VIEW, state: 'DELETED' })).toHaveLength(2 + 4);
  });

  it('shows deleted tokens when asked, and then hides none', () => {
    const view = { ...DEFAULT_TOKEN_VIEW, showDeleted: true };
    expect(visibleTokens(tokens, view)).toHaveLength(5);
    expect(hiddenDeletedCount(tokens, view)).toBe(0);
  });

  it('filters by state and wallet together; the hidden count follows the wallet filter', () => {
    expect(ids(visibleTokens(tokens, { ...DEFAULT_TOKEN_VIEW, wallet: 'APPLE_PAY' }))).toEqual(['VC0005', 'VC0001']);
    expect(hiddenDeletedCount(tokens, { ...DEFAULT_TOKEN_VIEW, wallet: 'APPLE_PAY' })).toBe(1);
    expect(ids(visibleTokens(tokens, { ...DEFAULT_TOKEN_VIEW, state: 'SUSPENDED' }))).toEqual(['VC0002']);
  });

  it('choosing the deleted state shows deleted tokens without the switch', () => {
    expect(ids(visibleTokens(tokens, { ...DEFAULT_TOKEN_VIEW, state: 'DELETED' }))).toEqual(['VC0003', 'VC0004']);
  });

  it('sorts by each column both ways, ties in one fixed order', () => {
    expect(ids(sortTokens(tokens, { key: 'tokenLastFour', direction: 'descending' }))).toEqual(['VC0005', 'VC0004', 'VC0003', 'VC0002', 'VC0001']);
    expect(ids(sortTokens(tokens, { key: 'state', direction: 'ascending' }))).toEqual(['VC0001', 'VC0005', 'VC0002', 'VC0003', 'VC0004']);
    expect(ids(sortTokens(tokens, { key: 'wallet', direction: 'ascending' }))).toEqual(['VC0001', 'VC0003', 'VC0005', 'VC0002', 'VC0004']);
    const trust = [
      buildToken({ virtualCardId: 'VCR', levelOfTrust: { decision: 'RED', idvMethods: [], reasons: [], decidedAt: '2026-11-01T00:00:00Z' } }),
      buildToken({ virtualCardId: 'VCG' }),
    ];
    expect(ids(sortTokens(trust, { key: 'trust', direction: 'ascending' }))).toEqual(['VCG', 'VCR']);
    expect(sortTokens(tokens, DEFAULT_TOKEN_VIEW.sort)).not.toBe(tokens);
  });

  it('a header pressed again flips; another starts at its natural direction', () => {
    expect(nextSort({ key: 'since', direction: 'descending' }, 'since')).toEqual({ key: 'since', direction: 'ascending' });
    expect(nextSort({ key: 'since', direction: 'descending' }, 'wallet')).toEqual({ key: 'wallet', direction: 'ascending' });
    expect(nextSort({ key: 'wallet', direction: 'ascending' }, 'since')).toEqual({ key: 'since', direction: 'descending' });
  });

  it('offers only the wallets present, in a fixed order', () => {
    expect(walletsPresent(tokens)).toEqual(['APPLE_PAY', 'GOOGLE_PAY']);
    expect(walletsPresent([])).toEqual([]);
  });
});
