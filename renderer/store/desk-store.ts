import { createStore, type StoreApi } from 'zustand/vanilla';
import { createActionsActions, type ActionsActions } from './actions/actions';
import { initialActionsState, type ActionsSliceState } from './actions/initialState';
import { createAdminActions, type AdminActions } from './admin/actions';
import { initialAdminState, type AdminSliceState } from './admin/initialState';
import { createAppActions, type AppActions } from './app/actions';
import { initialAppState, type AppState } from './app/initialState';
import { createCardholderActions, type CardholderActions } from './cardholder/actions';
import { initialCardholderState, type CardholderSliceState } from './cardholder/initialState';
import { createConfigActions, type ConfigActions } from './config/actions';
import { initialConfigState, type ConfigSliceState } from './config/initialState';
import { createCredentialsActions, type CredentialsActions } from './credentials/actions';
import { initialCredentialsState, type CredentialsSliceState } from './credentials/initialState';
import type { StoreDeps } from './deps';
import { createLiveActions, type LiveActions } from './live/actions';
import { initialLiveState, type LiveSliceState } from './live/initialState';
import { createSearchActions, type SearchActions } from './search/actions';
import { initialSearchState, type SearchSliceState } from './search/initialState';
import { createHistoryActions, type HistoryActions } from './history/actions';
import { initialHistoryState, type HistorySliceState } from './history/initialState';
import { createSessionActions, type SessionActions } from './session/actions';
import { initialSessionState, type SessionSliceState } from './session/initialState';
import { createSettingsActions, type SettingsActions } from './settings/actions';
import { initialSettingsState, type SettingsState } from './settings/initialState';
import { createStatusActions, type StatusActions } from './status/actions';
import { initialStatusState, type StatusState } from './status/initialState';
import { createWorkspaceActions, type WorkspaceActions } from './workspace/actions';
import { initialWorkspaceState, type WorkspaceSliceState } from './workspace/initialState';

export type DeskStore = AppState &
  AppActions &
  SettingsState &
  SettingsActions &
  StatusState &
  StatusActions &
  SessionSliceState &
  SessionActions &
  ConfigSliceState &
  ConfigActions &
  CredentialsSliceState &
  CredentialsActions &
  WorkspaceSliceState &
  WorkspaceActions &
  SearchSliceState &
  SearchActions &
  CardholderSliceState &
  CardholderActions &
  LiveSliceState &
  LiveActions &
  HistorySliceState &
  HistoryActions &
  ActionsSliceState &
  ActionsActions &
  AdminSliceState &
  AdminActions;
export type DeskStoreApi = StoreApi<DeskStore>;

/**
 * One store of slices with the same anatomy (initialState, actions, selectors). Created per app
 * with its dependencies rather than as a module singleton, so tests build their own.
 */
export const createDeskStore = (deps: StoreDeps): DeskStoreApi =>
  createStore<DeskStore>()((...args) => ({
    ...initialAppState,
    ...initialSettingsState,
    ...initialStatusState,
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
    ...createAppActions(deps)(...args),
    ...createSettingsActions(deps)(...args),
    ...createStatusActions(deps)(...args),
    ...createSessionActions(deps)(...args),
    ...createConfigActions(deps)(...args),
    ...createCredentialsActions(deps)(...args),
    ...createWorkspaceActions()(...args),
    ...createSearchActions(deps)(...args),
    ...createCardholderActions(deps)(...args),
    ...createLiveActions()(...args),
    ...createHistoryActions(deps)(...args),
    ...createActionsActions(deps)(...args),
    ...createAdminActions(deps)(...args),
  }));
