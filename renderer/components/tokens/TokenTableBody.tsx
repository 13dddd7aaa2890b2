import type { Token, TokenEvent } from '../../../shared/api/model';
import { useRovingVirtualList } from '../../hooks/use-roving-virtual-list';
import { TokenRow } from './TokenRow';

interface TokenTableBodyProps {
  readonly tokens: readonly Token[];
  readonly selectedVirtualCardId: string | null;
  readonly selectedEvents: readonly TokenEvent[];
  readonly onSelect: (virtualCardId: string) => void;
  /** ArrowUp on the first row: the table's header takes the keyboard. */
  readonly onUpFromFirst: () => void;
}

/** A row with its explanation line; rows are measured, this only places them before they are. */
const ESTIMATED_ROW_PX = 54;
const OVERSCAN = 6;

const keyOf = (token: Token): string => token.virtualCardId;

/**
 * The rows, virtualized: only those in view (and a few around) are in the DOM, so a card with 120
 * tokens renders as fast as one with five. The virtualizer lives here, the lowest component, so a
 * scroll re-renders the body and nothing above it. The keyboard moves a roving focus over the rows;
 * Enter or Space opens the token's history.
 */
export const TokenTableBody = ({ tokens, selectedVirtualCardId, selectedEvents, onSelect, onUpFromFirst }: TokenTableBodyProps) => {
  const { scrollRef, virtualizer, activeIndex, onKeyDown, onFocus } = useRovingVirtualList({
    items: tokens,
    keyOf,
    estimateSize: ESTIMATED_ROW_PX,
    overscan: OVERSCAN,
    onActivate: (token) => onSelect(token.virtualCardId),
    // The table may be lower down the page than the agent has scrolled: the page follows the row.
    focusScrollsPage: true,
  });

  return (
    <div
      ref={scrollRef}
      className="token-grid-body"
      onKeyDown={(event) => {
        const onFirstRow = event.target instanceof HTMLElement && event.target.dataset.index === '0' && event.target.dataset.testid === 'token-row';
        if (event.key === 'ArrowUp' && onFirstRow) {
          event.preventDefault();
          onUpFromFirst();
          return;
        }
        onKeyDown(event);
      }}
      onFocus={onFocus}
    >
      <div role="rowgroup" className="token-grid-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const token = tokens[item.index];
          if (token === undefined) return null;
          const selected = token.virtualCardId === selectedVirtualCardId;
          return (
            <TokenRow
              key={item.key}
              token={token}
              index={item.index}
              start={item.start}
              tabbable={item.index === activeIndex}
              selected={selected}
              events={selected ? selectedEvents : undefined}
              measureRef={virtualizer.measureElement}
              onSelect={onSelect}
            />
          );
        })}
      </div>
    </div>
  );
};
