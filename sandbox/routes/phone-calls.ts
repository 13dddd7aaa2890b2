import { createHash } from 'node:crypto';
import type { PhoneCallRecord, StoredPhoneCall } from '../../shared/api/phone-calls';
import { ApiFailure } from '../http/errors';
import { canonicalJson } from '../http/idempotency';
import { decodeCursor, encodeCursor } from '../store/cursor';
import type { StoredPhoneCallRecord } from '../store/state';
import type { SandboxStore } from '../store/store';
import type { HandlersFor } from './context';
import { servedPolicy } from './policy';

const PHONE_CALL_PAGE_SIZE = 50;

const fingerprintOf = (record: PhoneCallRecord): string => createHash('sha256').update(canonicalJson(record)).digest('base64url');

/** Newest phone call first (by when it started), then by phoneCallId so equal times page stably. */
const newestFirst = (a: StoredPhoneCallRecord, b: StoredPhoneCallRecord): number =>
  b.record.startedAt.localeCompare(a.record.startedAt) || b.record.phoneCallId.localeCompare(a.record.phoneCallId);

const listed = ({ record, receivedAt }: StoredPhoneCallRecord): StoredPhoneCall => ({ ...record, receivedAt });

/**
 * The agents' phone calls and the outcome list their wrap-ups choose from. Storing a record is
 * idempotent twice over, as the audit records are: the route layer replays a retry with the same
 * Idempotency-Key, and a phoneCallId already stored answers the first receipt (the same record)
 * or a conflict (another record under that id). The backend enforces what it serves: the outcome
 * must be on the list, and a phone call may close without a wrap-up only where the policy allows.
 */
export const phoneCallHandlers = (store: SandboxStore): HandlersFor<'listCallOutcomes' | 'saveCallOutcomes' | 'createPhoneCall' | 'listPhoneCalls'> => ({
  listCallOutcomes: () => ({ items: [...store.callOutcomes] }),

  saveCallOutcomes: ({ body }) => {
    store.setCallOutcomes(body.items);
    return { items: [...store.callOutcomes] };
  },

  createPhoneCall: ({ body, session, now }) => {
    if (body.agent.agentId !== session.agent.agentId) {
      throw new ApiFailure('BAD_FORMAT', "agent.agentId: must be the signed-in agent's id; an agent records only their own phone calls.", 'agent.agentId');
    }
    if (body.agent.role !== session.agent.role) throw new ApiFailure('BAD_FORMAT', "agent.role: must be the signed-in agent's role.", 'agent.role');
    const fingerprint = fingerprintOf(body);
    const stored = store.phoneCalls.get(body.phoneCallId);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new ApiFailure('IDEMPOTENCY_CONFLICT', 'phoneCallId: a different record is already stored under this id.', 'phoneCallId');
      }
      return { phoneCallId: stored.record.phoneCallId, receivedAt: stored.receivedAt };
    }
    if (body.outcomeCode !== null && !store.callOutcomes.some((outcome) => outcome.code === body.outcomeCode)) {
      throw new ApiFailure('BAD_FORMAT', "outcomeCode: not one of the issuer's outcome codes.", 'outcomeCode');
    }
    if (body.closing === 'SKIPPED' && (servedPolicy(store).phoneCalls?.wrapUpRequired ?? true)) {
      throw new ApiFailure('WRAP_UP_REQUIRED', "The issuer's policy requires a wrap-up before the next phone call.", 'closing');
    }
    if (body.cardholderId !== null && !store.cardholders.has(body.cardholderId)) {
      throw new ApiFailure('UNKNOWN_CARDHOLDER', 'cardholderId: no cardholder has this id.', 'cardholderId');
    }
    const receivedAt = now.toISOString();
    store.phoneCalls.set(body.phoneCallId, { record: body, receivedAt, fingerprint });
    store.changed();
    return { phoneCallId: body.phoneCallId, receivedAt };
  },

  /** The cursor names the next record by its phoneCallId, so records added meanwhile do not shift the pages still to be read. */
  listPhoneCalls: ({ query }) => {
    const owner = [query.agentId, query.cardholderId, query.outcomeCode, query.from, query.to].map((part) => part ?? '').join('|');
    const from = query.from === undefined ? null : Date.parse(query.from);
    const to = query.to === undefined ? null : Date.parse(query.to);
    const matching = [...store.phoneCalls.values()]
      .filter(({ record }) => query.agentId === undefined || record.agent.agentId === query.agentId)
      .filter(({ record }) => query.cardholderId === undefined || record.cardholderId === query.cardholderId)
      .filter(({ record }) => query.outcomeCode === undefined || record.outcomeCode === query.outcomeCode)
      .filter(({ record }) => from === null || Date.parse(record.startedAt) >= from)
      .filter(({ record }) => to === null || Date.parse(record.startedAt) < to)
      .sort(newestFirst);
    let start = 0;
    if (query.cursor !== undefined) {
      const next = decodeCursor(query.cursor, 'calls', owner);
      start = matching.findIndex(({ record }) => record.phoneCallId === next);
      if (start < 0) throw new ApiFailure('BAD_FORMAT', 'cursor: the phone call it points to is not in this list.', 'cursor');
    }
    const limit = query.limit ?? PHONE_CALL_PAGE_SIZE;
    const after = matching[start + limit];
    return { items: matching.slice(start, start + limit).map(listed), nextCursor: after ? encodeCursor('calls', owner, after.record.phoneCallId) : null };
  },
});
