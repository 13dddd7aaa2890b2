import type { CSSProperties } from 'react';
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
 * rather than a table because rows are chosen with the keyboard (Enter opens the history).
 */
export const TokenTable = ({ label, tokens, sort, onSort, selectedVirtualCardId, selectedEvents, onSelect, describedBy }: TokenTableProps) => {
  const { t } = useTranslation();
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
      <div role="rowgroup" className="token-grid-head">
        <div role="row" className="token-row token-row-head" aria-rowindex={1}>
          {TOKEN_COLUMNS.map((column) => {
            const sorted = sort.key === column.sortKey;
            return (
              <div key={column.id} role="columnheader" className="token-cell token-head-cell" aria-sort={sorted ? sort.direction : 'none'}>
                <button type="button" className="sort-button" onClick={() => onSort(column.sortKey)}>
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
      <TokenTableBody tokens={tokens} selectedVirtualCardId={selectedVirtualCardId} selectedEvents={selectedEvents} onSelect={onSelect} />
    </div>
  );
};
