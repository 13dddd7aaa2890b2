import type { ApprovalRequest } from '../../../shared/api/approvals';
import type { CardholderCommands } from '../cardholder/commands';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import type { SupervisionNavCommands } from '../supervision/nav-commands';
import type { ApprovalQueueState, ApprovalTokenContext } from './initialState';
import { approvalIsNewer, type ApprovalQueueLiveCommands } from './live-commands';

export interface ApprovalQueueCommands {
  /** Reads every request this console may see (the pending count needs them all; the filter is on screen). */
  loadApprovalQueue(): Promise<void>;
  /** Approves or rejects with the supervisor's comment; the backend's refusal stays beside the request. */
  decideApproval(requestId: string, decision: 'approve' | 'reject', comment: string): Promise<void>;
  /** Looks up the token and cardholder a request concerns (wallet, device, masked name), once per token. */
  loadApprovalContext(requestId: string): Promise<void>;
  /** Opens the request's token in the desk's own history view, as an audit record does. */
  openApprovalToken(requestId: string): Promise<void>;
}

type Needs = ApprovalQueueState &
  ApprovalQueueCommands &
  Pick<ApprovalQueueLiveCommands, 'internal_applyApprovalChanged'> &
  CallsMain &
  Pick<SupervisionNavCommands, 'setDeskView'> &
  Pick<CardholderCommands, 'openCardholder' | 'selectToken'>;

/** "山田 太郎" → "山● 太●": the first character of each part, as the audit trail masks names. */
export const maskName = (name: string): string =>
  name
    .split(/\s+/)
    .filter((part) => part !== '')
    .map((part) => {
      const [first = '', ...rest] = Array.from(part);
      return first + '●'.repeat(rest.length);
    })
    .join(' ');

export const createApprovalQueueCommands: SliceCreator<Needs, ApprovalQueueCommands> = () => (set, get) => ({
  loadApprovalQueue: async () => {
    if (get().approvalQueueLoading) return;
    set({ approvalQueueLoading: true, approvalQueueError: null });
    const result = await get().internal_call('approvals.list', {}, { showsOwnError: true });
    if (!result.ok) {
      set({ approvalQueueLoading: false, approvalQueueError: result.error });
      return;
    }
    set((s) => {
      const next: Record<string, ApprovalRequest> = {};
      for (const request of result.data.items) {
        const known = s.approvalRequests[request.requestId];
        // An event that came while the list was on its way may be newer than the list.
        next[request.requestId] = known !== undefined && !approvalIsNewer(request, known) ? known : request;
      }
      return { approvalRequests: next, approvalQueueLoaded: true, approvalQueueLoading: false };
    });
  },

  decideApproval: async (requestId, decision, comment) => {
    if (get().approvalDeciding !== null) return;
    set({ approvalDeciding: requestId, approvalDecisionOutcome: null });
    const result = await get().internal_call(decision === 'approve' ? 'approvals.approve' : 'approvals.reject', { requestId, comment }, { showsOwnError: true });
    set({ approvalDeciding: null, approvalDecisionOutcome: { requestId, decision, error: result.ok ? null : result.error } });
    if (result.ok) get().internal_applyApprovalChanged({ request: result.data, previousState: 'PENDING' });
    // Refused because it was decided meanwhile (or is unknown): read it as it is now, to say by whom.
    else if (result.error.backend?.code === 'APPROVAL_NOT_PENDING' || result.error.backend?.code === 'UNKNOWN_APPROVAL_REQUEST') await get().loadApprovalQueue();
  },

  loadApprovalContext: async (requestId) => {
    const request = get().approvalRequests[requestId];
    if (request === undefined || request.virtualCardId in get().approvalContexts) return;
    const { virtualCardId } = request;
    set((s) => ({ approvalContexts: { ...s.approvalContexts, [virtualCardId]: null } }));
    const [holder, tokens] = await Promise.all([
      get().internal_call('cardholders.get', { cardholderId: request.cardholderId }, { showsOwnError: true }),
      get().internal_call('cards.tokens', { issuerCardRefId: request.issuerCardRefId }, { showsOwnError: true }),
    ]);
    const token = tokens.ok ? tokens.data.items.find((item) => item.virtualCardId === virtualCardId) : undefined;
    if (!holder.ok || token === undefined) {
      // Not found or not reachable: the next opening asks again.
      set((s) => {
        const { [virtualCardId]: _dropped, ...rest } = s.approvalContexts;
        return { approvalContexts: rest };
      });
      return;
    }
    const card = holder.data.cards.find((item) => item.issuerCardRefId === request.issuerCardRefId);
    const name = holder.data.name.kanji ?? holder.data.name.latin;
    const context: ApprovalTokenContext = {
      maskedName: maskName(name),
      cardLastFour: token.fundingLastFour,
      productName: card?.productName ?? null,
      walletName: token.tokenRequestor.name,
      walletProviderId: token.tokenRequestor.walletProviderId,
      deviceType: token.device.type,
      deviceName: token.device.name,
    };
    set((s) => ({ approvalContexts: { ...s.approvalContexts, [virtualCardId]: context } }));
  },

  openApprovalToken: async (requestId) => {
    const request = get().approvalRequests[requestId];
    if (request === undefined) return;
    get().setDeskView('desk');
    await get().openCardholder(request.cardholderId);
    get().selectToken(request.virtualCardId);
  },
});
