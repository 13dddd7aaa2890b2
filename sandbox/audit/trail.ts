import { randomUUID } from 'node:crypto';
import { TRAIL_GENESIS, WrittenAuditRecord, type AuditFilter, type AuditReceipt, type AuditRecord, type AuditTrailVerification } from '../../shared/api/audit';
import { maskCardNumbers } from '../../shared/domain/card-number-runs';
import { hashOf, verifyChain, type ReadLine, type TrailHead } from './chain';
import { loadTrail, readTrailForCheck, TrailFileWriter, trailFilesOf } from './trail-file';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What a writer gives `append`: the record without what the trail adds (id, sequence, time, chain). */
export type AuditDraft = DistributiveOmit<AuditRecord, 'recordId' | 'sequence' | 'at' | 'previousHash' | 'hash'>;

/** Any decimal digit, of any script (the masking counts them all). */
const DIGITS = /\p{Nd}/gu;
/** The shortest card number: a string with fewer digits than this holds no run to mask. */
const FEWEST_DIGITS_OF_A_CARD_NUMBER = 13;

/**
 * A string that cannot hold a card-number run: fewer digits in all than the shortest card number.
 * Most of a record's strings (ids, kinds, names, times) are such, and counting digits is far
 * cheaper than looking for runs, which made seeding 100,000 records slow.
 */
const tooFewDigits = (text: string): boolean => (text.match(DIGITS)?.length ?? 0) < FEWEST_DIGITS_OF_A_CARD_NUMBER;

/** Every string in the draft with any card-number run masked to its last four: none reaches the trail, whatever slipped past a border. */
const masked = <T>(value: T): T => {
  if (typeof value === 'string') return (tooFewDigits(value) ? value : maskCardNumbers(value).text) as T;
  if (Array.isArray(value)) return value.map(masked) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, masked(item)])) as T;
  }
  return value;
};

const push = (index: Map<string, number[]>, key: string | null | undefined, sequence: number): void => {
  if (key === null || key === undefined) return;
  const list = index.get(key);
  if (list) list.push(sequence);
  else index.set(key, [sequence]);
};

/** The accounts a record concerns besides its actor's (an unlock, a lockout, an approval's requester). */
const concernedAgents = (record: AuditRecord): string[] => {
  const detail = record.detail as { agentId?: unknown; requestedBy?: unknown; decidedBy?: unknown };
  return [detail.agentId, detail.requestedBy, detail.decidedBy].filter((id): id is string => typeof id === 'string');
};

export interface AuditPage {
  readonly items: readonly AuditRecord[];
  /** The sequence of the next (older) record to read, or null at the end. */
  readonly next: number | null;
}

/**
 * The backend's audit trail. `append` is the one way a record is written: the trail gives it its
 * id, sequence, time and place in the chain at once (so records are chained in the order their
 * calls were handled), and resolves once it is on disk (with `--data`) or kept (in memory). The
 * caller answers its request only after that. Records stay in memory too, indexed by agent,
 * cardholder, token and correlation id, so lists stay fast on 100,000 records.
 */
export class AuditTrail {
  private readonly records: AuditRecord[] = [];
  /** Told of each record as it is appended (the event stream's `audit.appended`). */
  private readonly appendedListeners = new Set<(record: AuditRecord) => void>();
  private readonly byAgent = new Map<string, number[]>();
  private readonly byCardholder = new Map<string, number[]>();
  private readonly byToken = new Map<string, number[]>();
  private readonly byCorrelation = new Map<string, number[]>();
  private readonly byOperation = new Map<string, number>();
  private lastHash = TRAIL_GENESIS;
  /**
   * Whether every record's time is at or after the one before (as written, the clock running
   * forward): then a period is found by its times instead of record by record. A clock set back
   * clears it for good, and every list scans as before.
   */
  private inTimeOrder = true;
  /** A write that failed leaves the file behind memory: no record is chained after it until a restart. */
  private failed: unknown = null;

  private constructor(
    private readonly now: () => Date,
    private readonly files: { readonly trail: string; readonly head: string } | null,
    private readonly writer: TrailFileWriter | null,
  ) {}

  /** A trail in memory only (no `--data`): the same chain, gone when the sandbox stops. */
  static inMemory(now: () => Date): AuditTrail {
    return new AuditTrail(now, null, null);
  }

  /**
   * The trail beside a data file, read back at start: every readable record is indexed, and new
   * ones chain after the last line stored, so a break found stays where it is for verify to show.
   */
  static async open(dataFile: string, now: () => Date): Promise<{ trail: AuditTrail; verification: AuditTrailVerification; tornTailDropped: boolean }> {
    const files = trailFilesOf(dataFile);
    const loaded = await loadTrail(files);
    const trail = new AuditTrail(now, files, new TrailFileWriter(files));
    for (const line of loaded.lines) if ('record' in line) trail.index(line.record);
    const last = loaded.lines.at(-1);
    if (last && 'record' in last) trail.lastHash = last.record.hash;
    trail.storedCount = loaded.lines.length;
    if (loaded.head && loaded.head.count > loaded.lines.length) {
      // Records are missing from the end: new ones follow the head, not what is left, so the gap
      // stays for verify to find instead of a fresh head hiding it.
      trail.storedCount = loaded.head.count;
      trail.lastHash = loaded.head.hash;
    }
    const verification = verifyChain(loaded.lines, loaded.head);
    if (!verification.intact) {
      // The break found at start is itself on record, at the end of the trail.
      await trail.append({
        kind: 'INTEGRITY_REPORT',
        actor: { type: 'BACKEND' },
        workstationId: null,
        correlationId: null,
        outcome: 'SUCCEEDED',
        cardholder: null,
        token: null,
        detail: { source: 'BACKEND_TRAIL', intact: false, at: verification.brokenAt.sequence, problem: verification.brokenAt.reason },
      });
    }
    return { trail, verification, tornTailDropped: loaded.tornTailDropped };
  }

  /** Lines in the stored trail, readable or not: the next sequence follows them. */
  private storedCount = 0;

  get count(): number {
    return this.files ? this.storedCount : this.records.length;
  }

  get headHash(): string {
    return this.lastHash;
  }

  /**
   * Writes one record and resolves with its receipt once it is durable. The other helpers' routes
   * (approvals, phone calls, settings) call this too; see sandbox/audit/README.md.
   */
  append(draft: AuditDraft): Promise<AuditReceipt> {
    try {
      return this.write(draft, this.now().toISOString()).durable;
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Calls `listener` with each record appended from now on; answers the function that stops it. */
  onAppended(listener: (record: AuditRecord) => void): () => void {
    this.appendedListeners.add(listener);
    return () => this.appendedListeners.delete(listener);
  }

  /**
   * The training seed's way in (training-seed.ts): a record dated in the past, placed in the chain
   * at once; `durable` resolves when it is on disk. Only for a trail that is still empty when the
   * seed runs, so times keep running forward.
   */
  appendSeeded(draft: AuditDraft, at: string): { readonly receipt: AuditReceipt; readonly sequence: number; readonly durable: Promise<AuditReceipt> } {
    return this.write(draft, at);
  }

  private write(draft: AuditDraft, at: string): { readonly receipt: AuditReceipt; readonly sequence: number; readonly durable: Promise<AuditReceipt> } {
    if (this.failed !== null) throw new Error('The audit trail could not be written earlier; restart the training backend.');
    const sequence = this.count + 1;
    // Through JSON first: an undefined field would hash as null and then vanish from the stored line.
    const plain = JSON.parse(JSON.stringify(draft)) as AuditDraft;
    const unhashed = { ...masked(plain), recordId: randomUUID(), sequence, at, previousHash: this.lastHash } as Omit<AuditRecord, 'hash'>;
    const record = WrittenAuditRecord.parse({ ...unhashed, hash: hashOf(unhashed) });
    this.lastHash = record.hash;
    this.storedCount = sequence;
    this.index(record);
    for (const listener of this.appendedListeners) {
      // A listener (the event stream) never stops the record from being written.
      try {
        listener(record);
      } catch {
        // Its own failure is its own to report; the trail goes on.
      }
    }
    const receipt: AuditReceipt = { recordId: record.recordId, hash: record.hash };
    if (!this.writer) return { receipt, sequence, durable: Promise.resolve(receipt) };
    const head: TrailHead = { count: sequence, hash: record.hash };
    const durable = this.writer.append(JSON.stringify(record), head).then(
      () => receipt,
      (error: unknown) => {
        this.failed = error;
        throw error;
      },
    );
    return { receipt, sequence, durable };
  }

  private index(record: AuditRecord): void {
    const last = this.records.at(-1);
    if (last !== undefined && record.at < last.at) this.inTimeOrder = false;
    this.records.push(record);
    const { sequence } = record;
    if (record.actor.type === 'AGENT') push(this.byAgent, record.actor.agentId, sequence);
    for (const agentId of concernedAgents(record)) if (record.actor.type !== 'AGENT' || agentId !== record.actor.agentId) push(this.byAgent, agentId, sequence);
    push(this.byCardholder, record.cardholder?.cardholderId, sequence);
    push(this.byToken, record.token?.virtualCardId, sequence);
    push(this.byCorrelation, record.correlationId, sequence);
    if (record.kind === 'TOKEN_ACTION' && record.detail.operationId !== null) this.byOperation.set(record.detail.operationId, sequence);
  }

  private bySequence(sequence: number): AuditRecord | undefined {
    // Records are kept in sequence order; a stored trail with unreadable lines shifts the rest, so look nearby.
    const guess = this.records[sequence - 1];
    if (guess?.sequence === sequence) return guess;
    return this.records.find((record) => record.sequence === sequence);
  }

  /** The TOKEN_ACTION record of an accepted operation, for its outcome to refer to. */
  actionOf(operationId: string): AuditRecord | undefined {
    const sequence = this.byOperation.get(operationId);
    return sequence === undefined ? undefined : this.bySequence(sequence);
  }

  /**
   * Newest first, from `before` (a sequence, inclusive) down. The narrowest index the filter names
   * gives the candidates; the rest of the filter is checked record by record.
   */
  list(filter: AuditFilter, before: number | null, limit: number): AuditPage {
    const lists: (readonly number[])[] = [];
    const use = (index: Map<string, number[]>, key: string | undefined): void => {
      if (key !== undefined) lists.push(index.get(key) ?? []);
    };
    use(this.byAgent, filter.agentId);
    use(this.byCardholder, filter.cardholderId);
    use(this.byToken, filter.virtualCardId);
    use(this.byCorrelation, filter.correlationId);
    const narrowest = lists.sort((a, b) => a.length - b.length)[0];
    const matches = (record: AuditRecord): boolean =>
      (filter.kind === undefined || record.kind === filter.kind) &&
      (filter.outcome === undefined || record.outcome === filter.outcome) &&
      (filter.from === undefined || record.at >= filter.from) &&
      (filter.to === undefined || record.at < filter.to) &&
      (filter.agentId === undefined || (record.actor.type === 'AGENT' && record.actor.agentId === filter.agentId) || concernedAgents(record).includes(filter.agentId)) &&
      (filter.cardholderId === undefined || record.cardholder?.cardholderId === filter.cardholderId) &&
      (filter.virtualCardId === undefined || record.token?.virtualCardId === filter.virtualCardId) &&
      (filter.correlationId === undefined || record.correlationId === filter.correlationId);
    const items: AuditRecord[] = [];
    const take = (record: AuditRecord | undefined): boolean => {
      if (!record || !matches(record)) return false;
      if (items.length === limit) return true;
      items.push(record);
      return false;
    };
    const top = before ?? Number.MAX_SAFE_INTEGER;
    // In time order, nothing older than the period's start can match: the scan ends there.
    const { from, to } = filter;
    const beforePeriod = (record: AuditRecord | undefined): boolean => this.inTimeOrder && from !== undefined && record !== undefined && record.at < from;
    if (narrowest) {
      for (let i = upperIndex(narrowest, top); i >= 0; i -= 1) {
        const sequence = narrowest[i];
        const record = sequence === undefined ? undefined : this.bySequence(sequence);
        if (beforePeriod(record)) break;
        if (sequence !== undefined && take(record)) return { items, next: sequence };
      }
    } else {
      // …and nothing from the period's end on: the scan starts below it.
      const end = this.inTimeOrder && to !== undefined ? firstIndexAtOrAfter(this.records, to) : this.records.length;
      for (let i = Math.min(this.records.length, top, end) - 1; i >= 0; i -= 1) {
        const record = this.records[i];
        if (!record || record.sequence > top) continue;
        if (beforePeriod(record)) break;
        if (take(record)) return { items, next: record.sequence };
      }
    }
    return { items, next: null };
  }

  /** Reads the stored trail back (or the records in memory) and checks the chain and the head. */
  async verify(): Promise<AuditTrailVerification> {
    if (!this.files) {
      const lines: ReadLine[] = this.records.map((record) => ({ record }));
      return verifyChain(lines, { count: this.records.length, hash: this.lastHash });
    }
    const loaded = await readTrailForCheck(this.files);
    return verifyChain(loaded.lines, loaded.head);
  }

  async close(): Promise<void> {
    await this.writer?.close();
  }
}

/** The first index of records in time order whose time is at or after `at` (their length when none is). */
const firstIndexAtOrAfter = (records: readonly AuditRecord[], at: string): number => {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((records[middle]?.at ?? '') < at) low = middle + 1;
    else high = middle;
  }
  return low;
};

/** The last index in an ascending list whose value is at most `top`, or -1. */
const upperIndex = (ascending: readonly number[], top: number): number => {
  let low = 0;
  let high = ascending.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ascending[middle] ?? 0) <= top) low = middle + 1;
    else high = middle;
  }
  return low - 1;
};
