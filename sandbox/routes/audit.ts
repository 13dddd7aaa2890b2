import type { AuditFilter } from '../../shared/api/audit';
import { ApiFailure } from '../http/errors';
import { agentActor } from '../audit/parts';
import type { AuditTrail } from '../audit/trail';
import type { HandlersFor } from './context';

const AUDIT_PAGE_SIZE = 50;

/**
 * The backend's audit trail, for supervisors and administrators: listed newest first, filtered
 * through the trail's indexes, and verified against its chain and head. Nothing here writes a
 * record a caller describes: the trail is written by the calls themselves.
 */
export const auditHandlers = (audit: AuditTrail): HandlersFor<'listAuditRecords' | 'verifyAuditTrail'> => ({
  /** The cursor is the sequence of the next record to read, so records written meanwhile do not shift the pages still to come. */
  listAuditRecords: async ({ query, session, client, correlationId }) => {
    const { purpose, cursor, limit, ...filter } = query;
    const before = cursor === undefined ? null : Number(cursor);
    if (before !== null && before > audit.count) throw new ApiFailure('BAD_FORMAT', 'cursor: no record has this sequence yet.', 'cursor');
    if (purpose === 'export' && cursor === undefined) {
      // Who exported what: the filter as asked, on the first page, before anything is served.
      await audit.append({
        kind: 'EXPORT',
        actor: agentActor(session),
        workstationId: client.clientId,
        correlationId,
        outcome: 'SUCCEEDED',
        cardholder: null,
        token: null,
        detail: { filter: filter satisfies AuditFilter },
      });
    }
    const page = audit.list(filter, before, limit ?? AUDIT_PAGE_SIZE);
    return { items: [...page.items], nextCursor: page.next === null ? null : String(page.next) };
  },
  verifyAuditTrail: () => audit.verify(),
});
