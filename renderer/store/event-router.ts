import type { EventEnvelope, EventName, EventPayload } from '../../shared/contract';
import type { Client } from '../services/client';
import type { DeskStore, DeskStoreApi } from './desk-store';
import { sessionSelectors } from './session/selectors';

type Route<E extends EventName> = (store: DeskStore, payload: EventPayload<E>) => void;

/**
 * Where each event from main goes: one entry per kind, naming the slices that care. A new kind in
 * the contract does not compile until it has its entry here. Payloads are passed on as they came;
 * what is in them is the receiving slice's business.
 */
const routes: { readonly [E in EventName]: Route<E> } = {
  'settings.changed': (store, settings) => void store.internal_applySettings(settings),
  'session.changed': (store, status) => {
    // Before boot has read the session there is nothing to change; boot reads it fresh.
    if (store.session !== null) store.internal_applySession(status);
  },
  'config.changed': (store, config) => store.internal_applyConfig(config),
  'live.status': (store, status) => {
    const wasConnected = store.liveStatus?.state === 'connected';
    store.internal_applyLiveStatus(status);
    // Reconnected: the supervisors' queue reads again what was decided while the stream was down.
    if (!wasConnected && status.state === 'connected') store.internal_onApprovalStreamResumed(status);
  },
  'token.changed': (store, change) => {
    store.internal_applyTokenChanged(change);
    store.internal_onTokenChanged(change);
    // A history whose panel is closed is checked for newer events when it opens again.
    if (store.selectedVirtualCardId !== null) store.internal_refreshHistoryFor(change);
  },
  'live.reset': (store) => {
    store.internal_applyLiveReset();
    store.internal_onApprovalStreamResumed(null);
    store.internal_onLiveReset();
    if (store.selectedVirtualCardId !== null) void store.refreshHistory();
  },
  'update.ready': (store, ready) => store.internal_applyUpdateReady(ready),
  // Shown on every screen, the sign-in screen too: the workstation's files, not the agent's.
  'integrity.changed': (store, notices) => store.internal_applyIntegrityNotices(notices),
  'phoneCall.changed': (store, state) => {
    // The phone call is the signed-in agent's: nothing of it reaches the sign-in screen.
    if (sessionSelectors.hasAgent(store)) store.internal_applyPhoneCallState(state);
  },
  'export.changed': (store, progress) => {
    // An export is the signed-in supervisor's: nothing of it reaches the sign-in screen.
    if (sessionSelectors.hasAgent(store)) store.internal_applyExport(progress);
  },
  'approvalRequest.changed': (store, view) => {
    // The agent's own requests, for the tray and the dialog that asked.
    if (sessionSelectors.hasAgent(store)) store.internal_applyOwnApproval(view);
  },
  // Every request a console may see; the agent's own arrive as approvalRequest.changed (main keeps
  // them), so only the supervisors' queue has a use for these (it ignores them for an agent).
  'approval.changed': (store, changed) => store.internal_applyApprovalChanged(changed),
  // Core folds each new audit record into the floor and sends the floor itself (floor.changed): nothing here reads records one by one.
  'audit.appended': () => undefined,
  'floor.changed': (store, overview) => {
    // A supervisor's floor: nothing of it reaches the sign-in screen.
    if (sessionSelectors.hasAgent(store)) void store.internal_applyFloor(overview);
  },
  'action.changed': (store, action) => {
    // Only the signed-in agent's console follows actions: nothing of them reaches the sign-in screen.
    if (sessionSelectors.hasAgent(store)) store.internal_applyActions([action]);
  },
};

const route = <E extends EventName>(event: { readonly name: E; readonly payload: EventPayload<E> }, store: DeskStore): void =>
  routes[event.name](store, event.payload);

/**
 * Subscribes once to main's events and hands each to the slices that care (the table above).
 * Returns the unsubscribe.
 */
export const routeEvents = (client: Pick<Client, 'onEvent'>, store: DeskStoreApi): (() => void) =>
  client.onEvent((event: EventEnvelope) => route(event, store.getState()));
