import { useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Token, TokenEvent } from '../../../shared/api/model';
import type { TokenSort, TokenSortKey } from '../../tokens/token-view';
import { TOKEN_COLUMNS, TOKEN_COLUMN_COUNT, TOKEN_GRID_TEMPLATE } from './columns';
import { TokenTableBody } from './TokenTableBody';

interface TokenTableProps {
  readonly label: string;
  readonly tokens: readonly Token[];
  readonly sort: TokenSort;
  readonly onSort: (key: TokenSortKey) => void;
  readonly selectedVirtualCardId: string | null;
  readonly selectedEvents: readonly TokenEvent[];
  readonly onSelect: (virtualCardId: string) => void;
  readonly describedBy?: string;
}

/**
 * A card's tokens as a grid: sortable column headers (aria-sort), a virtualized body. A grid
 * rather than a table because rows are chosen with the keyboard (Enter opens the history). One
 * Tab stop for all of it: the arrows reach the headers (up from the first row) and the rows.
 */
export const TokenTable = ({ label, tokens, sort, onSort, selectedVirtualCardId, selectedEvents, onSelect, describedBy }: TokenTableProps) => {
  const { t } = useTranslation();
  const head = useRef<HTMLDivElement>(null);
  const headButtons = (): HTMLButtonElement[] => [...(head.current?.querySelectorAll<HTMLButtonElement>('.sort-button') ?? [])];
  /** Up from the first row: onto the header, at the column the table is sorted by. */
  const toHeader = (): void => {
    const buttons = headButtons();
    const sorted = TOKEN_COLUMNS.findIndex((column) => column.sortKey === sort.key);
    (buttons[sorted] ?? buttons[0])?.focus();
  };
  // The headers are part of the grid's one Tab stop: left and right move along them, down goes back to the rows.
  const onHeadKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const buttons = headButtons();
    const at = buttons.findIndex((button) => button === event.target);
    if (at < 0) return;
    const move: Readonly<Record<string, number | undefined>> = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: buttons.length - 1 };
    const next = move[event.key];
    if (next !== undefined) {
      buttons[Math.max(0, Math.min(buttons.length - 1, next))]?.focus();
      event.preventDefault();
    } else if (event.key === 'ArrowDown') {
      event.currentTarget.closest('[role="grid"]')?.querySelector<HTMLElement>('[data-testid="token-row"][tabindex="0"]')?.focus();
      event.preventDefault();
    }
  };
  return (
    <div
      role="grid"
      className="token-grid"
      aria-label={label}
      aria-describedby={describedBy}
      aria-rowcount={tokens.length + 1}
      aria-colcount={TOKEN_COLUMN_COUNT}
      style={{ '--token-columns': TOKEN_GRID_TEMPLATE } as CSSProperties}
      data-testid="token-table"
    >
      <div role="rowgroup" className="token-grid-head" ref={head} onKeyDown={onHeadKeyDown}>
        <div role="row" className="token-row token-row-head" aria-rowindex={1}>
          {TOKEN_COLUMNS.map((column) => {
            const sorted = sort.key === column.sortKey;
            return (
              <div key={column.id} role="columnheader" className="token-cell token-head-cell" aria-sort={sorted ? sort.direction : 'none'}>
                <button type="button" className="sort-button" tabIndex={-1} onClick={() => onSort(column.sortKey)}>
                  {t(column.label)}
                  <span className="sort-mark" aria-hidden="true" data-direction={sorted ? sort.direction : 'none'} />
                </button>
              </div>
            );
          })}
          <div role="columnheader" className="visually-hidden">
            {t('tokens.columns.explanation')}
          </div>
        </div>
      </div>
      <TokenTableBody tokens={tokens} selectedVirtualCardId={selectedVirtualCardId} selectedEvents={selectedEvents} onSelect={onSelect} onUpFromFirst={toHeader} />
    </div>
  );
};
