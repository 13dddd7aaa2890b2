import { useRef } from 'react';
import { cardholderSelectors } from '../store/cardholder/selectors';
import { useDeskStore } from '../store/store-context';
import { ActionDialogHost } from './actions/ActionDialogHost';
import { ActionsTray } from './actions/ActionsTray';
import { CallNotes } from './CallNotes';
import { CardholderView } from './cardholder/CardholderView';
import { TokenHistorySlot } from './cardholder/TokenHistorySlot';
import { EmptyState } from './EmptyState';
import { KeyboardLayer } from './palette/KeyboardLayer';
import { SearchRegion } from './SearchRegion';

/**
 * The agent's working area once signed in: search and the open cardholder in the middle; beside
 * them the selected token's history above the call notes. `hidden` rather than unmounted while an
 * administrator has connection settings open, so nothing on it is lost by looking at them.
 */
export const Workspace = ({ hidden = false }: { hidden?: boolean }) => {
  const searchRef = useRef<HTMLInputElement>(null);
  const openId = useDeskStore(cardholderSelectors.openId);
  const historyOpen = useDeskStore((s) => cardholderSelectors.selectedVirtualCardId(s) !== null);
  return (
    <div className="workspace" hidden={hidden} data-testid="workspace" data-history-open={historyOpen || undefined}>
      <div className="workspace-main">
        <SearchRegion ref={searchRef} />
        {openId === null ? <EmptyState /> : <CardholderView />}
      </div>
      <aside className="workspace-side">
        <TokenHistorySlot />
        <ActionsTray />
        <CallNotes />
      </aside>
      <ActionDialogHost />
      <KeyboardLayer searchRef={searchRef} enabled={!hidden} />
    </div>
  );
};
