import { memo, useMemo, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Token, TokenEvent } from '../../../shared/api/model';
import { useLanguage } from '../../hooks/use-language';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { useDeskStore } from '../../store/store-context';
import { explainToken } from '../../tokens/explain';
import { explanationText } from '../../tokens/explanation-text';
import { TokenActionsPanel } from '../actions/TokenActionsPanel';
import { TokenRowActions } from '../actions/TokenRowActions';
import { TOKEN_COLUMNS } from './columns';
import { TokenCell } from './TokenCell';

interface TokenRowProps {
  readonly token: Token;
  readonly index: number;
  /** Offset from the top of the body, from the virtualizer. */
  readonly start: number;
  /** The one row of the table in the Tab order (roving focus). */
  readonly tabbable: boolean;
  readonly selected: boolean;
  /** The newest events, for the selected token only; they sharpen its explanation. */
  readonly events: readonly TokenEvent[] | undefined;
  readonly measureRef: Ref<HTMLDivElement>;
  readonly onSelect: (virtualCardId: string) => void;
}

const NO_EVENTS: readonly TokenEvent[] = [];

/** One token: its cells on the first line, the sentence that explains its state under them. */
export const TokenRow = memo(function TokenRow({ token, index, start, tabbable, selected, events, measureRef, onSelect }: TokenRowProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const flash = useDeskStore(cardholderSelectors.flashMark(token.virtualCardId));
  const explanation = useMemo(() => explanationText(explainToken(token, events ?? NO_EVENTS), t, language), [token, events, t, language]);
  return (
    <div
      role="row"
      ref={measureRef}
      className="token-row"
      data-index={index}
      data-token-id={token.virtualCardId}
      data-testid="token-row"
      // Two marks alternate so that a second change to the same row restarts the animation.
      data-flash={flash === undefined ? undefined : flash % 2 === 0 ? 'even' : 'odd'}
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={tabbable ? 0 : -1}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onSelect(token.virtualCardId)}
    >
      {TOKEN_COLUMNS.map((column) => (
        <div key={column.id} role="gridcell" className={`token-cell token-cell-${column.id}`}>
          <TokenCell column={column.id} token={token} />
        </div>
      ))}
      <div role="gridcell" className="token-cell token-explanation" data-testid="token-explanation">
        {explanation}
        <TokenRowActions token={token} tabbable={tabbable} />
        {selected ? <TokenActionsPanel token={token} /> : null}
      </div>
    </div>
  );
});
