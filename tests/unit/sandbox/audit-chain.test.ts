import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TRAIL_GENESIS, type AuditRecord } from '../../../shared/api/audit';
import { hashOf, verifyChain } from '../../../sandbox/audit/chain';
import { readTrailForCheck, trailFilesOf } from '../../../sandbox/audit/trail-file';
import { AuditTrail, type AuditDraft } from '../../../sandbox/audit/trail';

/**
 * The backend's trail on disk: hash-chained JSONL, fsynced per append, with its head (count, last
 * hash) kept apart. Editing, deleting, reordering and truncating stored records are each found, and
 * verify says where and why.
 */
let dir: string;
let dataFile: string;
const now = (): Date => new Date('2026-11-23T00:00:00.000Z');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-audit-chain-'));
  dataFile = join(dir, 'state.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const idleLock = (agentId: string, idleMinutes: number): AuditDraft => ({
  kind: 'IDLE_LOCK',
  actor: { type: 'AGENT', agentId, name: 'Sato', role: 'agent' },
  workstationId: 'WS-01',
  correlationId: `corr-${idleMinutes}`,
  outcome: 'SUCCEEDED',
  cardholder: null,
  token: null,
  detail: { idleMinutes },
});

/** A trail of `count` records on disk, closed; returns the stored lines. */
const written = async (count: number): Promise<string[]> => {
  const { trail } = await AuditTrail.open(dataFile, now);
  for (let i = 1; i <= count; i += 1) await trail.append(idleLock('agent.sato', i));
  await trail.close();
  return linesOf();
};

const linesOf = async (): Promise<string[]> => (await readFile(trailFilesOf(dataFile).trail, 'utf8')).split('\n').filter((line) => line !== '');
const store = (lines: readonly string[]): Promise<void> => writeFile(trailFilesOf(dataFile).trail, lines.map((line) => `${line}\n`).join(''));

/** The stored trail checked as GET /api/v1/audit-records/verify checks it, without opening it for writing (which records a break it finds). */
const verify = async () => {
  const loaded = await readTrailForCheck(trailFilesOf(dataFile));
  return verifyChain(loaded.lines, loaded.head);
};

/** Rewrites a record and recomputes its own hash, as a careful forger would. */
const forged = (line: string, change: (record: AuditRecord) => AuditRecord): string => {
  const record = change(JSON.parse(line) as AuditRecord);
  return JSON.stringify({ ...record, hash: hashOf(record) });
};

describe('the stored audit trail', () => {
  it('chains each record to the one before from the genesis hash, numbers them without a gap, and verifies intact', async () => {
    const lines = await written(5);
    const records = lines.map((line) => JSON.parse(line) as AuditRecord);
    expect(records.map((record) => record.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(records[0]?.previousHash).toBe(TRAIL_GENESIS);
    for (let i = 1; i < records.length; i += 1) expect(records[i]?.previousHash).toBe(records[i - 1]?.hash);
    expect(records.every((record) => hashOf(record) === record.hash)).toBe(true);
    const head = JSON.parse(await readFile(trailFilesOf(dataFile).head, 'utf8')) as { count: number; hash: string };
    expect(head).toEqual({ count: 5, hash: records[4]?.hash });
    expect(await verify()).toEqual({ intact: true, count: 5, headHash: records[4]?.hash });
  });

  it('finds an edited record (its hash no longer matches)', async () => {
    const lines = await written(5);
    const record = JSON.parse(lines[2] ?? '') as AuditRecord;
    await store(lines.map((line, index) => (index === 2 ? JSON.stringify({ ...record, workstationId: 'WS-ELSEWHERE' }) : line)));
    expect(await verify()).toMatchObject({ intact: false, brokenAt: { sequence: 3, recordId: record.recordId, reason: 'HASH_MISMATCH' } });
  });

  it('finds an edited record whose own hash was recomputed (the next record no longer links to it)', async () => {
    const lines = await written(5);
    await store(lines.map((line, index) => (index === 1 ? forged(line, (record) => ({ ...record, workstationId: 'WS-ELSEWHERE' })) : line)));
    expect(await verify()).toMatchObject({ intact: false, brokenAt: { sequence: 3, reason: 'PREVIOUS_MISMATCH' } });
  });

  it('finds a deleted record (a gap in the sequence)', async () => {
    const lines = await written(5);
    await store(lines.filter((_line, index) => index !== 2));
    expect(await verify()).toMatchObject({ intact: false, brokenAt: { sequence: 3, reason: 'SEQUENCE_GAP' } });
  });

  it('finds two records swapped', async () => {
    const lines = await written(5);
    const swapped = [...lines];
    [swapped[1], swapped[2]] = [lines[2] ?? '', lines[1] ?? ''];
    await store(swapped);
    expect(await verify()).toMatchObject({ intact: false, brokenAt: { sequence: 2, reason: 'SEQUENCE_GAP' } });
  });

  it('finds the tail cut off (fewer records than the head says), though what is left chains perfectly', async () => {
    const lines = await written(5);
    await store(lines.slice(0, 3));
    expect(await verify()).toMatchObject({ intact: false, count: 3, brokenAt: { sequence: 4, recordId: null, reason: 'TRUNCATED' } });
  });

  it('keeps a cut-off tail found after a restart: new records follow the head, so the gap stays, and the break found at start is itself recorded', async () => {
    const lines = await written(5);
    await store(lines.slice(0, 3));
    const { trail, verification } = await AuditTrail.open(dataFile, now);
    expect(verification).toMatchObject({ intact: false, brokenAt: { reason: 'TRUNCATED' } });
    await trail.append(idleLock('agent.sato', 9));
    const [latest, report] = trail.list({}, null, 2).items;
    await trail.close();
    expect(report).toMatchObject({ kind: 'INTEGRITY_REPORT', sequence: 6, actor: { type: 'BACKEND' }, detail: { source: 'BACKEND_TRAIL', intact: false, at: 4, problem: 'TRUNCATED' } });
    expect(latest?.sequence).toBe(7);
    expect(await verify()).toMatchObject({ intact: false, brokenAt: { sequence: 4, reason: 'SEQUENCE_GAP' } });
  });

  it('finds a record cut in the middle of its line', async () => {
    const lines = await written(3);
    const text = lines.map((line) => `${line}\n`).join('');
    await writeFile(trailFilesOf(dataFile).trail, text.slice(0, text.length - 40));
    expect(await verify()).toMatchObject({ intact: false, brokenAt: { sequence: 3, reason: 'UNPARSEABLE' } });
  });

  it('cuts off a last line that was never finished past the head (a write the call never answered), and goes on from the last record', async () => {
    const lines = await written(2);
    await writeFile(trailFilesOf(dataFile).trail, `${lines.join('\n')}\n{"recordId":"half`);
    const { trail, verification, tornTailDropped } = await AuditTrail.open(dataFile, now);
    expect(tornTailDropped).toBe(true);
    expect(verification).toMatchObject({ intact: true, count: 2 });
    await trail.append(idleLock('agent.sato', 3));
    await trail.close();
    expect(await verify()).toMatchObject({ intact: true, count: 3 });
  });

  it('continues the chain after a restart, and keeps every record listed', async () => {
    await written(3);
    const { trail } = await AuditTrail.open(dataFile, now);
    const receipt = await trail.append(idleLock('agent.kobayashi', 9));
    const page = trail.list({}, null, 10);
    await trail.close();
    expect(page.items.map((record) => record.sequence)).toEqual([4, 3, 2, 1]);
    expect(page.items[0]).toMatchObject({ recordId: receipt.recordId, hash: receipt.hash, previousHash: page.items[1]?.hash });
    expect(await verify()).toMatchObject({ intact: true, count: 4, headHash: receipt.hash });
  });

  it('writes concurrent appends in one order, each chained, each durable when it resolves', async () => {
    const { trail } = await AuditTrail.open(dataFile, now);
    const receipts = await Promise.all(Array.from({ length: 40 }, (_, i) => trail.append(idleLock(i % 2 === 0 ? 'agent.sato' : 'agent.kobayashi', i + 1))));
    await trail.close();
    const stored = (await linesOf()).map((line) => JSON.parse(line) as AuditRecord);
    expect(stored.map((record) => record.recordId)).toEqual(receipts.map((receipt) => receipt.recordId));
    expect(await verify()).toMatchObject({ intact: true, count: 40 });
  });

  it('masks a card number that slipped into any text of a record to its last four', async () => {
    const trail = AuditTrail.inMemory(now);
    await trail.append({
      ...idleLock('agent.sato', 1),
      kind: 'TEMPLATE_CHANGED',
      detail: { event: 'ACTIVATION_CONFIRMED', channel: 'SMS', language: 'ja' },
      actor: { type: 'AGENT', agentId: 'agent.sato', name: 'Sato 4111 1111 1111 1111', role: 'agent' },
    } as AuditDraft);
    const [record] = trail.list({}, null, 1).items;
    expect(JSON.stringify(record)).not.toMatch(/4111 1111 1111/);
    expect(record?.actor).toMatchObject({ name: expect.stringMatching(/1111$/) });
    expect(await trail.verify()).toMatchObject({ intact: true, count: 1 });
  });
});

describe('the training seed of the trail', () => {
  it('writes a realistic trail of N records before anything else, chained and intact, and the indexes find what a full scan finds', async () => {
    const { seedTrainingTrail } = await import('../../../sandbox/audit/training-seed');
    const { openStore } = await import('../../../sandbox/store/open');
    const { trainingAgents } = await import('../../../sandbox/auth/training-agents');
    const { store } = await openStore({ defaultIssuerId: 'TDTRAINING', seed: 42, agents: trainingAgents.map((agent) => ({ ...agent, password: 'x' })), now: now() });
    const { trail } = await AuditTrail.open(dataFile, now);
    expect(await seedTrainingTrail(trail, store, 3000, now(), 42)).toBe(3000);
    // Seeding again does nothing: only an empty trail is seeded.
    expect(await seedTrainingTrail(trail, store, 10, now(), 42)).toBe(0);
    const all = trail.list({}, null, 5000).items;
    expect(all).toHaveLength(3000);
    const times = all.map((record) => record.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(Date.parse(times.at(-1) ?? '')).toBeGreaterThan(now().getTime() - 22 * 24 * 60 * 60 * 1000);
    const kinds = new Set(all.map((record) => record.kind));
    for (const kind of ['TOKEN_ACTION', 'TOKEN_ACTION_OUTCOME', 'SIGN_IN', 'SIGN_OUT', 'IDLE_LOCK', 'PHONE_CALL'] as const) expect(kinds).toContain(kind);
    // Every outcome points at its action, which holds the same operation.
    for (const record of all) {
      if (record.kind !== 'TOKEN_ACTION_OUTCOME') continue;
      const action = all.find((each) => each.recordId === record.detail.refersTo?.recordId);
      expect(action?.kind === 'TOKEN_ACTION' && action.detail.operationId).toBe(record.detail.operationId);
    }
    // The indexes and the cursor give exactly what a scan of every record gives.
    const scan = all.filter((record) => record.actor.type === 'AGENT' && record.actor.agentId === 'agent.sato' && record.kind === 'TOKEN_ACTION');
    const paged: AuditRecord[] = [];
    let before: number | null = null;
    do {
      const page = trail.list({ agentId: 'agent.sato', kind: 'TOKEN_ACTION' }, before, 37);
      paged.push(...page.items);
      before = page.next;
    } while (before !== null);
    expect(paged.map((record) => record.recordId)).toEqual(scan.map((record) => record.recordId));
    await trail.close();
    expect(await verify()).toMatchObject({ intact: true, count: 3000 });
  }, 60_000);
});
