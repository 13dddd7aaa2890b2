import { initialActionsState, type ActionsSliceState } from './actions/initialState';
import { initialAdminState, type AdminSliceState } from './admin/initialState';
import { initialCardholderState, type CardholderSliceState } from './cardholder/initialState';
import { initialConfigState, type ConfigSliceState } from './config/initialState';
import { initialCredentialsState, type CredentialsSliceState } from './credentials/initialState';
import { initialHistoryState, type HistorySliceState } from './history/initialState';
import { initialLiveState, type LiveSliceState } from './live/initialState';
import { initialSearchState, type SearchSliceState } from './search/initialState';
import { initialSessionState, type SessionSliceState } from './session/initialState';
import type { StatusState } from './status/initialState';
import { initialWorkspaceState, type WorkspaceSliceState } from './workspace/initialState';

/**
 * Everything an agent's session may have put in the store, back to its initial value: call notes,
 * what was loaded, errors, open screens. Kept: the language and the boot information (product,
 * version, mode), which belong to the workstation, not to the agent, and the link state, which the
 * next call sets anyway. The sign-in screen's data is loaded again after this.
 */
export const signedOutReset = (): SessionSliceState &
  ConfigSliceState &
  CredentialsSliceState &
  WorkspaceSliceState &
  SearchSliceState &
  CardholderSliceState &
  LiveSliceState &
  HistorySliceState &
  ActionsSliceState &
  AdminSliceState &
  Pick<StatusState, 'lastFailure'> & { settingsOpen: false } => ({
  ...initialSessionState,
  ...initialConfigState,
  ...initialCredentialsState,
  ...initialWorkspaceState,
  ...initialSearchState,
  ...initialCardholderState,
  ...initialLiveState,
  ...initialHistoryState,
  ...initialActionsState,
  ...initialAdminState,
  lastFailure: null,
  settingsOpen: false,
});
