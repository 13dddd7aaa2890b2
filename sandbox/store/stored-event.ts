import { z } from 'zod';
import { TokenEvent } from '../../shared/api/token-event';
import { operationOfAction } from '../../shared/domain/operation-events';

/**
 * A token event as a data file holds it. Files written before the events were typed kept lists as
 * joined strings, the error code as a number, an agent's operation in capitals and a D1 DIGITIZE
 * notice as `operation`; seeded agent actions had no operation id and seeded notifications no
 * status. Those records are read into today's shape here, so a trainer's saved sandbox still
 * starts; anything else still has to match the union, or the file is refused with the field named.
 */

type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `"SMS_OTP CUSTOMER_SERVICE"` or `"A,B"` → the list; anything else is left for the schema to judge. */
const listOf = (value: unknown): unknown => (typeof value === 'string' ? value.split(/[\s,]+/).filter((word) => word !== '') : value);

const upgradeDetail = (kind: unknown, eventId: unknown, detail: Fields): Fields => {
  const next: Fields = { ...detail };
  // A D1 DIGITIZE notice named its card operation `operation`, a word now kept for an agent's operations.
  if (next.operation === 'DIGITIZE') {
    delete next.operation;
    next.cardOperation ??= 'DIGITIZE';
  }
  if (typeof next.errorCode === 'number') next.errorCode = String(next.errorCode);
  if ('idvMethods' in next) next.idvMethods = listOf(next.idvMethods);
  if ('reasons' in next) next.reasons = listOf(next.reasons);
  switch (kind) {
    case 'AGENT_ACTION': {
      if (typeof next.operation === 'string') next.operation = operationOfAction(next.operation) ?? next.operation;
      // The seed's agent actions had no id; today's seed gives each the one its event id implies.
      if (next.operationId === undefined && typeof eventId === 'string') next.operationId = `OP${eventId.slice(2)}`;
      next.status ??= 'ACCEPTED';
      if (next.verifiers === null) delete next.verifiers;
      else if (next.verifiers !== undefined) next.verifiers = listOf(next.verifiers);
      break;
    }
    case 'NOTIFICATION_SENT':
      next.status ??= 'QUEUED';
      break;
    default:
      break;
  }
  return next;
};

const upgradeStoredEvent = (raw: unknown): unknown => {
  if (!isRecord(raw) || !isRecord(raw.detail)) return raw;
  return { ...raw, detail: upgradeDetail(raw.kind, raw.eventId, raw.detail) };
};

/** What the data file's `events` hold: today's union, after reading an older file's records into it. */
export const StoredTokenEvent = z.preprocess(upgradeStoredEvent, TokenEvent);
