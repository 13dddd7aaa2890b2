import { createActionsCommands } from './actions/commands';
import { initialActionsState } from './actions/initialState';
import { createAdminCommands } from './admin/commands';
import { initialAdminState } from './admin/initialState';
import { createAppCommands } from './app/commands';
import { APPROVAL_QUEUE_COMMAND_NAMES } from './approval-queue/command-names';
import { initialApprovalQueueState } from './approval-queue/initialState';
import { createApprovalQueueLiveCommands } from './approval-queue/live-commands';
import { createApprovalsCommands } from './approvals/commands';
import { initialApprovalsState } from './approvals/initialState';
import { initialAppState } from './app/initialState';
import { createCardholderCommands } from './cardholder/commands';
import { initialCardholderState } from './cardholder/initialState';
import { createConfigCommands } from './config/commands';
import { initialConfigState } from './config/initialState';
import { createCredentialsCommands } from './credentials/commands';
import { initialCredentialsState } from './credentials/initialState';
import { createHistoryCommands } from './history/commands';
import { createIntegrityCommands } from './integrity/commands';
import { initialIntegrityState } from './integrity/initialState';
import { initialHistoryState } from './history/initialState';
import { createLiveCommands } from './live/commands';
import { initialLiveState } from './live/initialState';
import { createPhoneCallCommands } from './phone-call/commands';
import { initialPhoneCallState } from './phone-call/initialState';
import { createSearchCommands } from './search/commands';
import { initialSearchState } from './search/initialState';
import { createSessionCommands } from './session/commands';
import { initialSessionState } from './session/initialState';
import { createSettingsCommands } from './settings/commands';
import { initialSettingsState } from './settings/initialState';
import { defineSlice } from './slice';
import { createStatusCommands } from './status/commands';
import { initialStatusState } from './status/initialState';
import { SUPERVISION_COMMAND_NAMES } from './supervision/command-names';
import { initialSupervisionNavState, initialSupervisionState } from './supervision/initialState';
import { lazyCommands } from './supervision/lazy-commands';
import { createSupervisionNavCommands } from './supervision/nav-commands';
import { createUpdatesCommands } from './updates/commands';
import { initialUpdatesState } from './updates/initialState';

/**
 * Every slice of the store, once: the store is built from this list (its type too), and so is the
 * sign-out reset. A slice added here is reset at sign-out unless it says what it keeps.
 */
export const slices = {
  app: defineSlice({
    initialState: initialAppState,
    create: createAppCommands,
    // The boot information (product, version, mode) belongs to the workstation; the console stays booted.
    resetOnSignOut: { keep: ['info', 'phase', 'bootError'] },
  }),
  settings: defineSlice({
    initialState: initialSettingsState,
    create: createSettingsCommands,
    // The language is the workstation's setting, saved in main, not the agent's.
    resetOnSignOut: { keep: ['language', 'pendingLanguage'] },
  }),
  status: defineSlice({
    initialState: initialStatusState,
    create: createStatusCommands,
    // The link to main is the workstation's, and the next call sets it anyway; the last failure was the agent's.
    resetOnSignOut: { keep: ['link'] },
  }),
  session: defineSlice({ initialState: initialSessionState, create: createSessionCommands, resetOnSignOut: 'all' }),
  config: defineSlice({ initialState: initialConfigState, create: createConfigCommands, resetOnSignOut: 'all' }),
  credentials: defineSlice({ initialState: initialCredentialsState, create: createCredentialsCommands, resetOnSignOut: 'all' }),
  // The search, the cardholder, their history and what was typed for an action are the caller's:
  // they go when the phone call ends or the next one starts.
  search: defineSlice({ initialState: initialSearchState, create: createSearchCommands, resetOnSignOut: 'all', resetOnNewPhoneCall: 'all' }),
  cardholder: defineSlice({ initialState: initialCardholderState, create: createCardholderCommands, resetOnSignOut: 'all', resetOnNewPhoneCall: 'all' }),
  live: defineSlice({ initialState: initialLiveState, create: createLiveCommands, resetOnSignOut: 'all' }),
  history: defineSlice({ initialState: initialHistoryState, create: createHistoryCommands, resetOnSignOut: 'all', resetOnNewPhoneCall: 'all' }),
  actions: defineSlice({
    initialState: initialActionsState,
    create: createActionsCommands,
    resetOnSignOut: 'all',
    // The workstation's actions and the issuer's policy stay: the actions go on, the tray follows them.
    resetOnNewPhoneCall: { keep: ['actionPolicy', 'actionsById', 'actionsList'] },
  }),
  // The open phone call is main's; the renderer reads it again after the next sign-in.
  phoneCall: defineSlice({ initialState: initialPhoneCallState, create: createPhoneCallCommands, resetOnSignOut: 'all' }),
  admin: defineSlice({ initialState: initialAdminState, create: createAdminCommands, resetOnSignOut: 'all' }),
  // The console's own update belongs to the workstation, not to the agent.
  // What main found wrong in its own files belongs to the workstation: it stays on screen whoever signs in or out.
  integrity: defineSlice({ initialState: initialIntegrityState, create: createIntegrityCommands, resetOnSignOut: { keep: ['integrityNotices'] } }),
  // Supervisors' and administrators' screens: the commands' code arrives the first time one runs,
  // so an agent's console never downloads it. All of it was the signed-in supervisor's.
  supervisionNav: defineSlice({ initialState: initialSupervisionNavState, create: createSupervisionNavCommands, resetOnSignOut: 'all' }),
  supervision: defineSlice({
    initialState: initialSupervisionState,
    create: lazyCommands(SUPERVISION_COMMAND_NAMES, () => import('./supervision/commands').then((module) => module.createSupervisionCommands)),
    resetOnSignOut: 'all',
  }),
  // The agent's approval requests: main keeps them; the tray follows them whichever caller is on the line.
  approvals: defineSlice({ initialState: initialApprovalsState, create: createApprovalsCommands, resetOnSignOut: 'all' }),
  // The supervisors' approvals queue: events are kept from the first screen (the tab's count follows
  // them); reading the list and deciding arrive with the supervisors' code, which an agent never loads.
  approvalQueueLive: defineSlice({ initialState: initialApprovalQueueState, create: createApprovalQueueLiveCommands, resetOnSignOut: 'all' }),
  approvalQueue: defineSlice({
    initialState: {},
    create: lazyCommands(APPROVAL_QUEUE_COMMAND_NAMES, () => import('./approval-queue/commands').then((module) => module.createApprovalQueueCommands)),
    resetOnSignOut: 'all',
  }),
  updates: defineSlice({ initialState: initialUpdatesState, create: createUpdatesCommands, resetOnSignOut: { keep: ['update', 'updateInstalling'] } }),
};
