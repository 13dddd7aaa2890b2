import type { EventKind, TokenEvent } from '../../../shared/api/model';
import type { TypedError } from '../../../shared/contract';

/** Who acted, as the agent filters it: an issuer event with an agent on it is the agent's. */
export type HistorySource = 'WALLET' | 'TSP' | 'ISSUER' | 'AGENT';

/** Which load a failure belongs to, so the notice can say what is missing and retry just that. */
export type HistoryLoad = 'first' | 'more' | 'newest';

/** The loads that page through the history; a check for the newest events runs beside them. */
export type HistoryPaging = 'first' | 'more';

export interface HistoryFilter {
  /** null: every kind. */
  readonly kind: EventKind | null;
  /** null: every source. */
  readonly source: HistorySource | null;
}

export interface HistoryView {
  /** The token whose history is open; null when none is. */
  readonly virtualCardId: string | null;
  /** Every event loaded so far, newest first, each eventId once. */
  readonly items: readonly TokenEvent[];
  /** Where the next (older) page starts; null once the oldest event is loaded, or before the first page. */
  readonly nextCursor: string | null;
  /** True once the first page has arrived: from then on a null nextCursor means "all loaded". */
  readonly loaded: boolean;
  readonly loading: HistoryPaging | null;
  /** The newest page is being fetched because the token changed (or to check, on reopening). */
  readonly refreshing: boolean;
  /** The last failed load; rows already on screen stay. */
  readonly error: { readonly load: HistoryLoad; readonly error: TypedError } | null;
  /** The newest events could not be checked: what is shown may be out of date. */
  readonly stale: boolean;
  /** Events that arrived live a moment ago, highlighted briefly. */
  readonly freshIds: readonly string[];
  readonly filter: HistoryFilter;
}

export interface HistorySliceState {
  readonly history: HistoryView;
}

export const initialHistoryView: HistoryView = {
  virtualCardId: null,
  items: [],
  nextCursor: null,
  loaded: false,
  loading: null,
  refreshing: false,
  error: null,
  stale: false,
  freshIds: [],
  filter: { kind: null, source: null },
};

export const initialHistoryState: HistorySliceState = {
  history: initialHistoryView,
};
