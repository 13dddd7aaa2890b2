import { createHash } from 'node:crypto';
import { TRAIL_GENESIS, WrittenAuditRecord, type AuditRecord, type AuditTrailVerification, type IntegrityProblem } from '../../shared/api/audit';
import { canonicalJson } from '../http/idempotency';

/**
 * The trail's chain: each record's hash is SHA-256 over the previous record's hash and the
 * canonical JSON (keys sorted) of the record without its own hash. The record holds
 * `previousHash` too, so a record moved elsewhere no longer fits, and `sequence`, so one taken
 * out leaves a gap even where the hashes were recomputed from there on.
 */
export const hashOf = (record: Omit<AuditRecord, 'hash'> & { readonly hash?: string }): string => {
  const { hash: _hash, ...rest } = record;
  return createHash('sha256').update(`${record.previousHash}\n${canonicalJson(rest)}`, 'utf8').digest('base64url');
};

/** What the head file keeps apart from the trail: how many records, and the last one's hash. */
export interface TrailHead {
  readonly count: number;
  readonly hash: string;
}

export const EMPTY_HEAD: TrailHead = { count: 0, hash: TRAIL_GENESIS };

/** One stored line as read back: the record, or why it could not be read. */
export type ReadLine = { readonly record: AuditRecord } | { readonly unparseable: true };

interface Break {
  readonly sequence: number;
  readonly recordId: string | null;
  readonly reason: IntegrityProblem;
}

/**
 * Checks the records in the order they are stored: parse, sequence without gap, link to the one
 * before, own hash; then the trail against its head, so a cut-off tail (records removed from the
 * end, where no later record's link would show it) is found too. The first break is reported.
 */
export const verifyChain = (lines: readonly ReadLine[], head: TrailHead | null): AuditTrailVerification => {
  let previous = TRAIL_GENESIS;
  let breakAt: Break | null = null;
  for (const [index, line] of lines.entries()) {
    const expectedSequence = index + 1;
    if (!('record' in line)) {
      breakAt = { sequence: expectedSequence, recordId: null, reason: 'UNPARSEABLE' };
      break;
    }
    const { record } = line;
    if (record.sequence !== expectedSequence) {
      breakAt = { sequence: expectedSequence, recordId: record.recordId, reason: 'SEQUENCE_GAP' };
      break;
    }
    if (record.previousHash !== previous) {
      breakAt = { sequence: expectedSequence, recordId: record.recordId, reason: 'PREVIOUS_MISMATCH' };
      break;
    }
    if (hashOf(record) !== record.hash) {
      breakAt = { sequence: expectedSequence, recordId: record.recordId, reason: 'HASH_MISMATCH' };
      break;
    }
    previous = record.hash;
  }
  if (!breakAt && head && head.count > 0) {
    const atHead = lines[head.count - 1];
    if (lines.length < head.count) breakAt = { sequence: lines.length + 1, recordId: null, reason: 'TRUNCATED' };
    else if (atHead && 'record' in atHead && atHead.record.hash !== head.hash) {
      breakAt = { sequence: head.count, recordId: atHead.record.recordId, reason: 'HASH_MISMATCH' };
    }
  }
  const count = lines.length;
  if (!breakAt) return { intact: true, count, headHash: previous };
  return { intact: false, count, headHash: previous, brokenAt: breakAt };
};

/** A stored line back to a record: strictly, as it was written; anything else is unparseable. */
export const readLine = (text: string): ReadLine => {
  try {
    const parsed = WrittenAuditRecord.safeParse(JSON.parse(text));
    return parsed.success ? { record: parsed.data } : { unparseable: true };
  } catch {
    return { unparseable: true };
  }
};
