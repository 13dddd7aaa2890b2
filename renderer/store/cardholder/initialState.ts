import type { Cardholder, Token, TokenEvent } from '../../../shared/api/model';
import type { TypedError } from '../../../shared/contract';
import { DEFAULT_TOKEN_VIEW, type TokenViewOptions } from '../../tokens/token-view';

export type LoadStatus = 'loading' | 'ready' | 'failed';

/** One card's tokens. A failed reload keeps `items`, and the screen marks them stale. */
export interface CardTokensState {
  /** null until the first answer. */
  readonly items: readonly Token[] | null;
  readonly status: LoadStatus;
  readonly error: TypedError | null;
  /** When `items` were answered. */
  readonly loadedAt: string | null;
}

export interface CardholderSliceState {
  /** The cardholder on screen (or being opened); null when none. */
  readonly openCardholderId: string | null;
  /** Kept through a failed reload, so the agent still sees what was there (marked stale). */
  readonly cardholder: Cardholder | null;
  readonly cardholderStatus: LoadStatus | null;
  readonly cardholderError: TypedError | null;
  readonly cardholderLoadedAt: string | null;
  /** By issuerCardRefId. */
  readonly cardTokens: Readonly<Record<string, CardTokensState>>;
  readonly tokenView: TokenViewOptions;
  /** The token whose history is open beside the tables; null closes the panel. */
  readonly selectedVirtualCardId: string | null;
  /** The selected token's newest events, which sharpen its one-sentence explanation. */
  readonly selectedTokenEvents: readonly TokenEvent[];
  /** Tokens that just changed live, with a number that differs per change so the highlight replays. */
  readonly flashedTokens: Readonly<Record<string, number>>;
  /** The agent opened this cardholder by choice: the view takes the keyboard focus once it shows. */
  readonly cardholderFocusPending: boolean;
  /** "Lost or stolen device": the list of the cardholder's devices is open, to choose the one to act on. */
  readonly deviceChooserOpen: boolean;
}

export const initialCardholderState: CardholderSliceState = {
  openCardholderId: null,
  cardholder: null,
  cardholderStatus: null,
  cardholderError: null,
  cardholderLoadedAt: null,
  cardTokens: {},
  tokenView: DEFAULT_TOKEN_VIEW,
  selectedVirtualCardId: null,
  selectedTokenEvents: [],
  flashedTokens: {},
  cardholderFocusPending: false,
  deviceChooserOpen: false,
};
