import type { MessageKey } from '../../../shared/i18n';
import type { TokenSortKey } from '../../tokens/token-view';

export type TokenColumnId = 'wallet' | 'device' | 'token' | 'state' | 'since' | 'changedBy' | 'trust' | 'primary';

/** One column of the token table: its header, its width in the row's CSS grid, and what it sorts by. */
export interface TokenColumn {
  readonly id: TokenColumnId;
  readonly label: MessageKey;
  readonly track: string;
  readonly sortKey: TokenSortKey;
}

/**
 * The columns in reading order: which wallet, on which device, which token, then its state and
 * since when, who changed it, how it was trusted at digitization, and whether it is the primary.
 * The one-sentence explanation runs under each row, across all of them.
 */
export const TOKEN_COLUMNS: readonly TokenColumn[] = [
  { id: 'wallet', label: 'tokens.columns.wallet', track: 'minmax(104px, 1.1fr)', sortKey: 'wallet' },
  { id: 'device', label: 'tokens.columns.device', track: 'minmax(112px, 1.2fr)', sortKey: 'device' },
  { id: 'token', label: 'tokens.columns.token', track: '68px', sortKey: 'tokenLastFour' },
  { id: 'state', label: 'tokens.columns.state', track: '112px', sortKey: 'state' },
  { id: 'since', label: 'tokens.columns.since', track: '112px', sortKey: 'since' },
  { id: 'changedBy', label: 'tokens.columns.changedBy', track: 'minmax(92px, 1fr)', sortKey: 'changedBy' },
  { id: 'trust', label: 'tokens.columns.trust', track: '96px', sortKey: 'trust' },
  { id: 'primary', label: 'tokens.columns.primary', track: '68px', sortKey: 'primary' },
];

/** The row grid, set once on the table so header and body cells line up. */
export const TOKEN_GRID_TEMPLATE = TOKEN_COLUMNS.map((column) => column.track).join(' ');

/** The columns plus the explanation, for aria-colcount. */
export const TOKEN_COLUMN_COUNT = TOKEN_COLUMNS.length + 1;
