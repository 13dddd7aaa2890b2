import type { ApprovalRequest } from '../../../shared/api/approvals';
import type { ApprovalQueueFilter } from './initialState';

/**
 * The queue's order: pending requests first, the one waiting longest at the top; then the
 * decided (and expired) ones, the latest decision first.
 */
export const queueOrder = (requests: readonly ApprovalRequest[]): ApprovalRequest[] => {
  const pending = requests.filter((request) => request.state === 'PENDING').sort((a, b) => Date.parse(a.requestedAt) - Date.parse(b.requestedAt));
  const settledAt = (request: ApprovalRequest): number => Date.parse(request.execution?.at ?? request.decidedAt ?? request.expiresAt);
  const decided = requests.filter((request) => request.state !== 'PENDING').sort((a, b) => settledAt(b) - settledAt(a));
  return [...pending, ...decided];
};

const inFilter = (request: ApprovalRequest, filter: ApprovalQueueFilter): boolean =>
  filter === 'all' || (filter === 'pending') === (request.state === 'PENDING');

/**
 * The requests the queue shows for this filter, in the queue's order. The one the supervisor has
 * selected stays, whatever the filter: decided (by them or by another meanwhile) it shows its
 * outcome where they are looking instead of vanishing from the pending list.
 */
export const shownRequests = (requests: Readonly<Record<string, ApprovalRequest>>, filter: ApprovalQueueFilter, selectedId: string | null = null): ApprovalRequest[] =>
  queueOrder(Object.values(requests).filter((request) => request.requestId === selectedId || inFilter(request, filter)));

export const pendingCount = (requests: Readonly<Record<string, ApprovalRequest>>): number =>
  Object.values(requests).filter((request) => request.state === 'PENDING').length;

/** Only another supervisor may decide, and only while it waits (the backend refuses the rest: 403, 409). */
export const canDecide = (request: ApprovalRequest, viewerAgentId: string | null): boolean =>
  request.state === 'PENDING' && viewerAgentId !== null && request.requestedBy.agentId !== viewerAgentId;

/** A span of time as a person reads it: whole minutes under an hour, then hours and minutes, then days and hours. */
interface Span {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
}

export const spanBetween = (fromMs: number, toMs: number): Span => {
  const minutes = Math.max(0, Math.floor((toMs - fromMs) / 60_000));
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
};

/** The message key and values for a span, under `approvalQueue.span`. */
export const spanLabel = (span: Span): { key: 'lessThanMinute' | 'minutes' | 'hours' | 'days'; values: Span } => ({
  key: span.days > 0 ? 'days' : span.hours > 0 ? 'hours' : span.minutes > 0 ? 'minutes' : 'lessThanMinute',
  values: span,
});
