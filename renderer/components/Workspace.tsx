import { useRef } from 'react';
import { cardholderSelectors } from '../store/cardholder/selectors';
import { searchSelectors } from '../store/search/selectors';
import { useDeskStore } from '../store/store-context';
import { ActionDialogHost } from './actions/ActionDialogHost';
import { ActionsTray } from './actions/ActionsTray';
import { CallNotes } from './CallNotes';
import { CardholderView } from './cardholder/CardholderView';
import { TokenHistorySlot } from './cardholder/TokenHistorySlot';
import { EmptyState } from './EmptyState';
import { PhoneCallBar } from './phone-call/PhoneCallBar';
import { PhoneCallDialogs } from './phone-call/PhoneCallDialogs';
import { KeyboardLayer } from './palette/KeyboardLayer';
import { SearchRegion } from './SearchRegion';

/**
 * The agent's working area once signed in: the phone call on top, then search and the open
 * cardholder (or the search results in their place); beside them the selected token's history above
 * the call notes. `hidden` rather than unmounted while an
 * administrator has connection settings open, so nothing on it is lost by looking at them.
 */
export const Workspace = ({ hidden = false }: { hidden?: boolean }) => {
  const searchRef = useRef<HTMLInputElement>(null);
  const openId = useDeskStore(cardholderSelectors.openId);
  // Search results take the cardholder's place rather than stacking above them: no list of other
  // people (or "no match") ever sits over someone's tokens, where the agent could act on the wrong one.
  const resultsShown = useDeskStore(searchSelectors.showList);
  const historyOpen = useDeskStore((s) => cardholderSelectors.selectedVirtualCardId(s) !== null) && !resultsShown;
  return (
    <div className="workspace" hidden={hidden} data-testid="workspace" data-history-open={historyOpen || undefined}>
      <div className="workspace-main">
        <PhoneCallBar />
        <SearchRegion ref={searchRef} />
        {resultsShown ? null : openId === null ? <EmptyState /> : <CardholderView />}
      </div>
      <aside className="workspace-side">
        {resultsShown ? null : <TokenHistorySlot />}
        <ActionsTray />
        <CallNotes />
      </aside>
      <ActionDialogHost />
      <PhoneCallDialogs />
      <KeyboardLayer searchRef={searchRef} enabled={!hidden} />
    </div>
  );
};
