import type { KeyboardEvent, MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Token } from '../../../shared/api/model';
import { actionsSelectors, offersOptionD } from '../../store/actions/selectors';
import { useDeskStore } from '../../store/store-context';
import { ActionStatusChip } from './ActionStatusChip';

/**
 * What a token's row says about actions: its latest action's state, and for a token waiting for
 * Option D the "verify and activate" button itself, where the agent is already looking.
 */
export const TokenRowActions = ({ token, tabbable }: { token: Token; tabbable: boolean }) => {
  const { t } = useTranslation();
  const { latest, busy, policy } = useDeskStore(
    useShallow((s) => ({
      latest: actionsSelectors.latestFor(token.virtualCardId)(s),
      busy: actionsSelectors.busy(token.virtualCardId)(s),
      policy: actionsSelectors.policyData(s),
    })),
  );
  const open = useDeskStore((s) => s.openTokenAction);
  const optionD = !busy && offersOptionD(token, policy);
  if (latest === undefined && !optionD) return null;
  const onClick = (event: MouseEvent<HTMLButtonElement>): void => {
    // The row opens the history on a click; the dialog is what the agent asked for.
    event.stopPropagation();
    open('activate', token);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>): void => {
    // The grid moves between rows on the arrows and opens the history on Enter; the button keeps its own keys.
    if (event.key === 'Enter' || event.key === ' ') event.stopPropagation();
  };
  return (
    <span className="token-row-actions">
      {latest !== undefined ? <ActionStatusChip action={latest} /> : null}
      {optionD ? (
        // In the Tab order only on the row that holds the keyboard: the table stays one Tab stop however many rows wait for Option D.
        <button type="button" className="button-primary token-row-activate" data-testid="row-activate" tabIndex={tabbable ? 0 : -1} onClick={onClick} onKeyDown={onKeyDown}>
          {t('actions.open.activate')}
        </button>
      ) : null}
    </span>
  );
};
