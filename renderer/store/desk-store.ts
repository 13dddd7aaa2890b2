import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAppActions, type AppActions } from './app/actions';
import { initialAppState, type AppState } from './app/initialState';
import type { StoreDeps } from './deps';
import { createSettingsActions, type SettingsActions } from './settings/actions';
import { initialSettingsState, type SettingsState } from './settings/initialState';
import { createStatusActions, type StatusActions } from './status/actions';
import { initialStatusState, type StatusState } from './status/initialState';

export type DeskStore = AppState & AppActions & SettingsState & SettingsActions & StatusState & StatusActions;
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
    ...createAppActions(deps)(...args),
    ...createSettingsActions(deps)(...args),
    ...createStatusActions(deps)(...args),
  }));
