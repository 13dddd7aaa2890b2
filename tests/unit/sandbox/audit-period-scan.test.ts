import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/api/audit';
import { AuditTrail, type AuditDraft } from '../../../sandbox/audit/trail';

const MINUTE = 60_000;
const START = Date.parse('2026-11-01T00:00:00.000Z');

const signIn = (agentId: string): AuditDraft => ({
  kind: 'SIGN_IN',
  actor: { type: 'AGENT', agentId, name: agentId, role: 'agent' },
  workstationId: 'WS-TEST-01',
  correlationId: null,
  outcome: 'SUCCEEDED',
  cardholder: null,
  token: null,
  detail: { sessionExpiresAt: '2026-12-01T00:00:00.000Z' },
});

/** A trail in memory whose records are written at the given minutes after START, in that order. */
const trailAt = async (minutes: readonly number[]): Promise<AuditTrail> => {
  let at = START;
  const trail = AuditTrail.inMemory(() => new Date(at));
  for (const [index, minute] of minutes.entries()) {
    at = START + minute * MINUTE;
    await trail.append(signIn(index % 3 === 0 ? 'agent.sato' : 'agent.yamada'));
  }
  return trail;
};

/** Every page of a filter, by cursor, as the route reads them. */
const listAll = (trail: AuditTrail, filter: Parameters<AuditTrail['list']>[0], limit: number): AuditRecord[] => {
  const all: AuditRecord[] = [];
  let before: number | null = null;
  do {
    const page = trail.list(filter, before, limit);
    all.push(...page.items);
    before = page.next;
  } while (before !== null);
  return all;
};

const iso = (minute: number): string => new Date(START + minute * MINUTE).toISOString();
const minutesOf = (records: readonly AuditRecord[]): number[] => records.map((record) => (Date.parse(record.at) - START) / MINUTE);

describe('the audit list’s period', () => {
  it('finds exactly the records of a period, newest first, across pages, with and without an index', async () => {
    const trail = await trailAt(Array.from({ length: 300 }, (_, minute) => minute));
    expect(minutesOf(listAll(trail, { from: iso(100), to: iso(110) }, 4))).toEqual([109, 108, 107, 106, 105, 104, 103, 102, 101, 100]);
    expect(minutesOf(listAll(trail, { from: iso(295) }, 2))).toEqual([299, 298, 297, 296, 295]);
    expect(minutesOf(listAll(trail, { to: iso(3) }, 2))).toEqual([2, 1, 0]);
    // Through the agent index: every third record is agent.sato's.
    expect(minutesOf(listAll(trail, { agentId: 'agent.sato', from: iso(100), to: iso(110) }, 2))).toEqual([108, 105, 102]);
    expect(listAll(trail, { from: iso(400) }, 10)).toEqual([]);
  });

  it('still finds them when the clock was set back between two records', async () => {
    // Written at minutes 0…99, then the clock goes back to minute 50 and runs on.
    const trail = await trailAt([...Array.from({ length: 100 }, (_, minute) => minute), ...Array.from({ length: 20 }, (_, step) => 50 + step)]);
    const found = minutesOf(listAll(trail, { from: iso(55), to: iso(58) }, 2));
    expect(found.sort((a, b) => a - b)).toEqual([55, 55, 56, 56, 57, 57]);
    expect(minutesOf(listAll(trail, { to: iso(2) }, 5))).toEqual([1, 0]);
  });
});
