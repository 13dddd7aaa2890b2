import type { ApprovalChanged, LiveStatus } from '../../../shared/contract';
import type { SessionSliceState } from '../session/initialState';
import type { SliceCreator } from '../slice';
import { supervisionSelectors } from '../supervision/selectors';
import type { ApprovalQueueCommands } from './commands';
import type { ApprovalQueueFilter, ApprovalQueueState } from './initialState';

export interface ApprovalQueueLiveCommands {
  setApprovalQueueFilter(filter: ApprovalQueueFilter): void;
  selectApproval(requestId: string | null): void;
  /** The backend's `approval.changed`, as the live stream brought it: the queue follows without asking again. */
  internal_applyApprovalChanged(changed: ApprovalChanged): void;
  /** The stream reconnected or lost its place: what changed meanwhile is read again, once. */
  internal_onApprovalStreamResumed(status: LiveStatus | null): void;
}

type Needs = ApprovalQueueState & ApprovalQueueLiveCommands & Pick<ApprovalQueueCommands, 'loadApprovalQueue'> & Pick<SessionSliceState, 'session'>;

/** A request only moves forward, so the later of two views wins: an event may pass the list's answer on the way. */
export const approvalIsNewer = (next: { state: string; decidedAt?: string | undefined; execution?: unknown }, known: { state: string; decidedAt?: string | undefined; execution?: unknown } | undefined): boolean => {
  if (known === undefined) return true;
  if (known.state === next.state) return true;
  // PENDING → APPROVED/REJECTED/EXPIRED → EXECUTED/EXECUTION_FAILED: never back.
  const rank = (state: string): number => (state === 'PENDING' ? 0 : state === 'APPROVED' ? 1 : 2);
  return rank(next.state) >= rank(known.state);
};

/** Synchronous and small: the first screen's share of the queue, so events are kept whichever screen is open. */
export const createApprovalQueueLiveCommands: SliceCreator<Needs, ApprovalQueueLiveCommands> = () => (set, get) => ({
  // Another filter: the list starts again at its top (the request kept in view while selected goes).
  setApprovalQueueFilter: (filter) => set({ approvalQueueFilter: filter, selectedApprovalId: null }),
  selectApproval: (requestId) => set({ selectedApprovalId: requestId }),
  internal_applyApprovalChanged: ({ request }) => {
    // Only the supervisors have a queue; an agent's own requests come as approvalRequest.changed.
    if (!supervisionSelectors.canSupervise(get())) return;
    const known = get().approvalRequests[request.requestId];
    if (!approvalIsNewer(request, known)) return;
    set((s) => ({ approvalRequests: { ...s.approvalRequests, [request.requestId]: request } }));
  },
  internal_onApprovalStreamResumed: (status) => {
    if (!supervisionSelectors.canSupervise(get()) || !get().approvalQueueLoaded) return;
    if (status === null || status.state === 'connected') void get().loadApprovalQueue();
  },
});
