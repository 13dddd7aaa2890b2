import type { Token } from '../../../shared/api/model';
import { hiddenDeletedCount, visibleTokens } from '../../tokens/token-view';
import type { CardholderSliceState, CardTokensState } from './initialState';

type S = CardholderSliceState;

const NO_TOKENS: CardTokensState = { items: null, status: 'loading', error: null, loadedAt: null };

/** Every loaded token of the open cardholder, card by card. */
const allTokens = (s: Pick<S, 'cardTokens'>): Token[] => Object.values(s.cardTokens).flatMap((card) => card.items ?? []);

export const cardholderSelectors = {
  openId: (s: S) => s.openCardholderId,
  cardholder: (s: S) => s.cardholder,
  status: (s: S) => s.cardholderStatus,
  error: (s: S) => s.cardholderError,
  loadedAt: (s: S) => s.cardholderLoadedAt,
  /** A reload failed while the last answer is still on screen: that answer is stale. */
  stale: (s: S) => s.cardholderError !== null && s.cardholder !== null,
  tokenView: (s: S) => s.tokenView,
  focusPending: (s: S) => s.cardholderFocusPending,
  deviceChooserOpen: (s: S) => s.deviceChooserOpen,
  /** The cardholder is shown and every card's tokens have had their first answer (rows, or a failure). */
  tokensSettled: (s: S): boolean =>
    s.cardholder !== null && s.cardholder.cards.every((card) => s.cardTokens[card.issuerCardRefId] !== undefined && s.cardTokens[card.issuerCardRefId]?.status !== 'loading'),
  selectedVirtualCardId: (s: S) => s.selectedVirtualCardId,
  selectedTokenEvents: (s: S) => s.selectedTokenEvents,
  cardTokens:
    (issuerCardRefId: string) =>
    (s: S): CardTokensState =>
      s.cardTokens[issuerCardRefId] ?? NO_TOKENS,
  /** The card's tokens failed to reload but the earlier ones are still shown. */
  cardTokensStale:
    (issuerCardRefId: string) =>
    (s: S): boolean => {
      const card = s.cardTokens[issuerCardRefId];
      return card !== undefined && card.error !== null && card.items !== null;
    },
  /** The token whose history is open, as last loaded (the same object while it is unchanged). */
  selectedToken: (s: S): Token | null => {
    if (s.selectedVirtualCardId === null) return null;
    for (const card of Object.values(s.cardTokens)) {
      const found = card.items?.find((token) => token.virtualCardId === s.selectedVirtualCardId);
      if (found) return found;
    }
    return null;
  },
  flashMark:
    (virtualCardId: string) =>
    (s: S): number | undefined =>
      s.flashedTokens[virtualCardId],
  /** Across all cards: how many tokens the view shows, how many exist, how many deleted ones it hides. */
  tokenCounts: (s: S): { shown: number; total: number; hiddenDeleted: number } => {
    const tokens = allTokens(s);
    return { shown: visibleTokens(tokens, s.tokenView).length, total: tokens.length, hiddenDeleted: hiddenDeletedCount(tokens, s.tokenView) };
  },
  allTokens,
};
