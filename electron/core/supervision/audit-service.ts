import type { BackendClient } from '../backend/backend-client';
import type { Services } from '../ipc/dispatch';
import type { AgentSessionManager } from '../session/agent-session';
import { mapBackendErrors } from '../services/backend-call-error';
import { requestContextFor } from '../services/request-context';
import type { AuditExports } from './audit-exports';
import { requireSupervisor } from './supervisor-role';

type AuditCalls = Pick<Services, 'audit.list' | 'audit.verify' | 'audit.export' | 'audit.cancelExport'>;

export interface AuditServiceOptions {
  readonly session: AgentSessionManager;
  /** The backend client; throws a CallError (NOT_CONFIGURED…) when the console has none. */
  readonly backend: () => BackendClient;
  readonly exports: AuditExports;
}

/** The export reads the trail in the backend's largest pages: fewer round trips, the same memory. */
const EXPORT_PAGE_SIZE = 200;

/**
 * The backend's audit trail for supervisors and administrators: a filtered page, the chain's check,
 * and the export of the whole filtered set to a file. Each is refused to an agent here first.
 */
export const auditService = ({ session, backend, exports }: AuditServiceOptions): AuditCalls => {
  const forSupervisor = <T>(work: (client: BackendClient) => Promise<T>): Promise<T> => {
    requireSupervisor(session);
    return mapBackendErrors(() => session.withAgent(() => work(backend())));
  };

  return {
    'audit.list': (input, context) =>
      forSupervisor((client) =>
        client.request('listAuditRecords', {
          query: { ...input.filter, ...(input.cursor !== undefined ? { cursor: input.cursor } : {}), ...(input.limit !== undefined ? { limit: input.limit } : {}) },
          context: requestContextFor(context),
        }),
      ),

    'audit.verify': (_input, context) => forSupervisor((client) => client.request('verifyAuditTrail', { context: requestContextFor(context) })),

    'audit.export': async (input, context) => {
      requireSupervisor(session);
      const started = await exports.start({
        caller: context.caller,
        correlationId: context.correlationId,
        filter: input.filter,
        format: input.format,
        // Every page as the supervisor who started it: signing out ends the export, and leaves no file.
        // The first page says it is an export, so the backend records who exported what.
        readPage: (cursor) =>
          forSupervisor((client) =>
            client.request('listAuditRecords', {
              query: { ...input.filter, limit: EXPORT_PAGE_SIZE, ...(cursor === undefined ? { purpose: 'export' as const } : { cursor }) },
              context: requestContextFor(context),
            }),
          ),
      });
      return { export: started };
    },

    'audit.cancelExport': (input) => {
      requireSupervisor(session);
      return { cancelled: exports.cancel(input.exportId) };
    },
  };
};
