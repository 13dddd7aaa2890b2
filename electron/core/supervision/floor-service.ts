import type { AuditRecord } from '../../../shared/api/audit';
import { DEFAULT_FLOOR_ALERT_SETTINGS } from '../../../shared/domain/floor-alerts';
import type { BackendClient } from '../backend/backend-client';
import { CallError, type Services } from '../ipc/dispatch';
import type { AgentSessionManager } from '../session/agent-session';
import { mapBackendErrors } from '../services/backend-call-error';
import { requestContextFor } from '../services/request-context';
import { floorOverviewOf } from './floor-figures';
import { requireSupervisor } from './supervisor-role';

type FloorCalls = Pick<Services, 'floor.overview'>;

export interface FloorServiceOptions {
  readonly session: AgentSessionManager;
  readonly backend: () => BackendClient;
  /** The most records one overview reads (newest first); past it the figures cover the newest and say so. */
  readonly maxRecords?: number;
}

const PAGE_SIZE = 200;
const MAX_PERIOD_MS = 48 * 60 * 60 * 1000;

/**
 * The floor for supervisors: the period's audit trail read from the backend a page at a time (up to
 * a bound, so a busy day cannot hold main), then the shared floor rules and the figures over it.
 */
export const floorService = ({ session, backend, maxRecords = 20_000 }: FloorServiceOptions): FloorCalls => ({
  'floor.overview': async (input, context) => {
    requireSupervisor(session);
    const span = Date.parse(input.to) - Date.parse(input.from);
    if (!(span > 0 && span <= MAX_PERIOD_MS)) throw new CallError('INVALID_INPUT', 'the period must end after it starts, within 48 hours', ['to']);
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
        return floorOverviewOf(records, input, DEFAULT_FLOOR_ALERT_SETTINGS, cursor !== undefined);
      }),
    );
  },
});
