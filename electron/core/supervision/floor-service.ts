import type { ApprovalRequest } from '../../../shared/api/approvals';
import type { AuditRecord } from '../../../shared/api/audit';
import type { FloorOverview } from '../../../shared/contract';
import type { FloorAlertSettings } from '../../../shared/domain/floor-alerts';
import type { BackendClient } from '../backend/backend-client';
import type { EventBus } from '../events/event-bus';
import { CallError, type Services } from '../ipc/dispatch';
import type { AgentSessionManager } from '../session/agent-session';
import { mapBackendErrors } from '../services/backend-call-error';
import { requestContextFor } from '../services/request-context';
import { floorOverviewOf } from './floor-figures';
import { requireSupervisor } from './supervisor-role';

type FloorCalls = Pick<Services, 'floor.overview' | 'floor.alertRules' | 'floor.saveAlertRules'>;

export interface FloorServiceOptions {
  readonly session: AgentSessionManager;
  readonly backend: () => BackendClient;
  /** The most records one overview reads (newest first); past it the figures cover the newest and say so. */
  readonly maxRecords?: number;
  /**
   * Core's events: the live stream's `audit.appended` and `approval.changed` come in, and the
   * floor goes out as `floor.changed` once a supervisor has read it.
   */
  readonly events?: Pick<EventBus, 'subscribe' | 'emit'>;
}

const PAGE_SIZE = 200;
const MAX_PERIOD_MS = 48 * 60 * 60 * 1000;
/** Enough pages of the queue to count it; a longer queue is counted up to here. */
const MAX_PENDING = 1_000;

/** The floor a supervisor last read: its period's records and the requests waiting, kept up to date from the stream. */
interface Followed {
  readonly agentId: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly records: AuditRecord[];
  readonly seen: Set<string>;
  truncated: boolean;
  readonly pending: Map<string, ApprovalRequest>;
  /** The backend's alert rules, read with the floor and replaced when an administrator saves new ones here. */
  settings: FloorAlertSettings;
}

const withApprovals = (followed: Followed): FloorOverview => {
  const oldest = [...followed.pending.values()].sort((a, b) => a.requestedAt.localeCompare(b.requestedAt))[0];
  return {
    ...floorOverviewOf(followed.records, followed.period, followed.settings, followed.truncated),
    approvals: {
      pending: followed.pending.size,
      oldest: oldest === undefined ? null : { requestId: oldest.requestId, requestedAt: oldest.requestedAt, agentName: oldest.requestedBy.name },
    },
  };
};

/**
 * The floor for supervisors: the period's audit trail read from the backend a page at a time (up to
 * a bound, so a busy day cannot hold main) with the approval requests waiting, then the shared floor
 * rules and the figures over it. From then on the floor follows the live stream instead of being
 * read again: each new audit record and each approval's change is folded in and the floor, figures
 * and alerts computed here as on the first read (the one place), goes out as `floor.changed`.
 * Changes arriving together are folded into one `floor.changed`.
 */
export const floorService = ({ session, backend, maxRecords = 20_000, events }: FloorServiceOptions): FloorCalls => {
  let followed: Followed | null = null;
  let scheduled = false;

  /** The floor is the signed-in supervisor's: another session (or none) drops it. */
  const current = (): Followed | null => {
    const agent = session.identity()?.agent;
    if (followed !== null && (agent === undefined || agent.agentId !== followed.agentId)) followed = null;
    return followed;
  };

  const publish = (): void => {
    if (scheduled || events === undefined) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      const now = current();
      if (now !== null) events.emit('floor.changed', withApprovals(now));
    });
  };

  const take = (followedNow: Followed, record: AuditRecord): boolean => {
    if (followedNow.seen.has(record.recordId) || record.at < followedNow.period.from || record.at >= followedNow.period.to) return false;
    followedNow.seen.add(record.recordId);
    followedNow.records.push(record);
    if (followedNow.records.length > maxRecords) {
      const dropped = followedNow.records.shift();
      if (dropped !== undefined) followedNow.seen.delete(dropped.recordId);
      followedNow.truncated = true;
    }
    return true;
  };

  events?.subscribe((envelope) => {
    const now = current();
    if (now === null) return;
    if (envelope.name === 'audit.appended') {
      if (take(now, envelope.payload.record)) publish();
    } else if (envelope.name === 'approval.changed') {
      const { request } = envelope.payload;
      if (request.state === 'PENDING') now.pending.set(request.requestId, request);
      else now.pending.delete(request.requestId);
      publish();
    }
  });

  return {
    'floor.overview': async (input, context) => {
      requireSupervisor(session);
      const span = Date.parse(input.to) - Date.parse(input.from);
      if (!(span > 0 && span <= MAX_PERIOD_MS)) throw new CallError('INVALID_INPUT', 'the period must end after it starts, within 48 hours', ['to']);
      const agentId = session.requireAgent().agent.agentId;
      return mapBackendErrors(() =>
        session.withAgent(async () => {
          const records: AuditRecord[] = [];
          let cursor: string | undefined;
          do {
            const page = await backend().request('listAuditRecords', {
              query: { from: input.from, to: input.to, limit: PAGE_SIZE, ...(cursor !== undefined ? { cursor } : {}) },
              context: requestContextFor(context),
            });
            records.push(...page.items);
            cursor = page.nextCursor ?? undefined;
          } while (cursor !== undefined && records.length < maxRecords);
          const pending = new Map<string, ApprovalRequest>();
          let next: string | undefined;
          do {
            const page = await backend().request('listApprovalRequests', {
              query: { state: 'PENDING', limit: PAGE_SIZE, ...(next !== undefined ? { cursor: next } : {}) },
              context: requestContextFor(context),
            });
            for (const request of page.items) pending.set(request.requestId, request);
            next = page.nextCursor ?? undefined;
          } while (next !== undefined && pending.size < MAX_PENDING);
          // The rules once per read, not per record: the stream's records are then judged by the same ones.
          const { settings } = await backend().request('getFloorAlertSettings', { context: requestContextFor(context) });
          const read: Followed = { agentId, period: { from: input.from, to: input.to }, records: [], seen: new Set(), truncated: cursor !== undefined, pending, settings };
          // Oldest first, as the stream then appends: past the bound the oldest go first.
          for (const record of records.sort((a, b) => a.sequence - b.sequence)) take(read, record);
          followed = read;
          return withApprovals(read);
        }),
      );
    },
    'floor.alertRules': async (_input, context) => {
      requireSupervisor(session);
      return mapBackendErrors(() => session.withAgent(() => backend().request('getFloorAlertSettings', { context: requestContextFor(context) })));
    },
    'floor.saveAlertRules': async (input, context) => {
      if (session.requireAgent().agent.role !== 'admin') throw new CallError('FORBIDDEN_ROLE', "only an administrator may change the floor's alert rules");
      const saved = await mapBackendErrors(() =>
        session.withAgent(() =>
          backend().request('saveFloorAlertSettings', { body: input.settings, ifMatch: `"${input.version}"`, context: requestContextFor(context) }),
        ),
      );
      // The floor already read is judged again by the new rules, and goes out at once.
      const now = current();
      if (now !== null) {
        now.settings = saved.settings;
        publish();
      }
      return saved;
    },
  };
};
