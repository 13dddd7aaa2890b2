import { createHash } from 'node:crypto';
import type { AuditRecord } from '../../shared/api/audit';
import { canonicalJson } from '../http/idempotency';
import { ApiFailure } from '../http/errors';
import { decodeCursor, encodeCursor } from '../store/cursor';
import type { StoredAuditRecord } from '../store/state';
import type { SandboxStore } from '../store/store';
import type { HandlersFor } from './context';

const AUDIT_PAGE_SIZE = 50;

const fingerprintOf = (record: AuditRecord): string => createHash('sha256').update(canonicalJson(record)).digest('base64url');

/** Newest action first (by when it completed), then by auditId so equal times page stably. */
const newestFirst = (a: StoredAuditRecord, b: StoredAuditRecord): number =>
  b.record.completedAt.localeCompare(a.record.completedAt) || b.record.auditId.localeCompare(a.record.auditId);

/**
 * The agents' audit records. Storing is idempotent twice over: the route layer replays a retry
 * with the same Idempotency-Key, and a record whose auditId is already stored is answered with
 * the first receipt (the same record) or refused as a conflict (another record under that id).
 */
export const auditHandlers = (store: SandboxStore): HandlersFor<'createAuditRecord' | 'listAuditRecords'> => ({
  createAuditRecord: ({ body, session, now }) => {
    if (body.agent.agentId !== session.agent.agentId) {
      throw new ApiFailure('BAD_FORMAT', "agent.agentId: must be the signed-in agent's id; an agent records only their own actions.", 'agent.agentId');
    }
    if (body.agent.role !== session.agent.role) {
      throw new ApiFailure('BAD_FORMAT', "agent.role: must be the signed-in agent's role.", 'agent.role');
    }
    const fingerprint = fingerprintOf(body);
    const stored = store.auditRecords.get(body.auditId);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new ApiFailure('IDEMPOTENCY_CONFLICT', 'auditId: a different record is already stored under this id.', 'auditId');
      }
      return { auditId: stored.record.auditId, receivedAt: stored.receivedAt };
    }
    const receivedAt = now.toISOString();
    store.auditRecords.set(body.auditId, { record: body, receivedAt, fingerprint });
    store.changed();
    return { auditId: body.auditId, receivedAt };
  },

  /** The cursor names the next record by its auditId, so records added meanwhile do not shift the pages still to be read. */
  listAuditRecords: ({ query }) => {
    const owner = `${query.virtualCardId ?? ''}|${query.cardholderId ?? ''}|${query.agentId ?? ''}`;
    const matching = [...store.auditRecords.values()]
      .filter(({ record }) => query.virtualCardId === undefined || record.virtualCardId === query.virtualCardId)
      .filter(({ record }) => query.cardholderId === undefined || record.cardholderId === query.cardholderId)
      .filter(({ record }) => query.agentId === undefined || record.agent.agentId === query.agentId)
      .sort(newestFirst);
    let start = 0;
    if (query.cursor !== undefined) {
      const next = decodeCursor(query.cursor, 'audit', owner);
      start = matching.findIndex(({ record }) => record.auditId === next);
      if (start < 0) throw new ApiFailure('BAD_FORMAT', 'cursor: the record it points to is not in this list.', 'cursor');
    }
    const limit = query.limit ?? AUDIT_PAGE_SIZE;
    const page = matching.slice(start, start + limit);
    const after = matching[start + limit];
    return { items: page.map(({ record }) => record), nextCursor: after ? encodeCursor('audit', owner, after.record.auditId) : null };
  },
});
