import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TRAIL_GENESIS, type AuditRecord } from '../../../../shared/api/audit';
import { DEFAULT_FLOOR_ALERT_SETTINGS } from '../../../../shared/domain/floor-alerts';
import type { TokenOperation } from '../../../../shared/domain/transitions';
import { floorOverviewOf } from '../../../../electron/core/supervision/floor-figures';

const DAY = { from: '2026-12-03T15:00:00.000Z', to: '2026-12-04T15:00:00.000Z' };
let sequence = 0;
const base = (at: string, agentId: string) => ({
  recordId: randomUUID(),
  sequence: (sequence += 1),
  at,
  actor: { type: 'AGENT' as const, agentId, name: agentId === 'agent.sato' ? '佐藤 美咲' : '伊藤 蓮', role: 'agent' as const },
  workstationId: 'ws-1',
  previousHash: TRAIL_GENESIS,
  hash: TRAIL_GENESIS,
});

const action = (at: string, agentId: string, operation: TokenOperation, options: { refused?: boolean; cardholderId?: string; correlationId?: string } = {}): AuditRecord => ({
  ...base(at, agentId),
  kind: 'TOKEN_ACTION',
  correlationId: options.correlationId ?? randomUUID(),
  outcome: options.refused ? 'REFUSED' : 'ACCEPTED',
  cardholder: { cardholderId: options.cardholderId ?? 'C0000001', maskedName: 'D. M.' },
  token: null,
  detail: { operation, operationId: null, reasonCode: 'OTHER', reasonSent: null, comment: null, verifiers: [], expectedState: 'ACTIVE', stateAtRequest: 'ACTIVE' },
});

const outcome = (of: AuditRecord, verdict: 'CONFIRMED' | 'FAILED'): AuditRecord => ({
  ...base(of.at, 'agent.sato'),
  actor: { type: 'PLATFORM' },
  kind: 'TOKEN_ACTION_OUTCOME',
  correlationId: null,
  outcome: verdict,
  cardholder: null,
  token: null,
  detail: { refersTo: { recordId: of.recordId, sequence: of.sequence }, operation: 'suspend', operationId: 'OP00000001', eventId: 'EV00000001', state: 'SUSPENDED' },
});

const phoneCall = (agentId: string, startedAt: string, correlationIds: string[]): AuditRecord => ({
  ...base(startedAt, agentId),
  kind: 'PHONE_CALL',
  correlationId: null,
  outcome: 'SUCCEEDED',
  cardholder: null,
  token: null,
  detail: { phoneCallId: randomUUID(), startedAt, endedAt: startedAt, closing: 'WRAP_UP', outcomeCode: null, actionCorrelationIds: correlationIds, notesLength: 0 },
});

describe('the floor over a day of the audit trail', () => {
  it('counts each agent’s and the team’s actions by kind, refusals and the platform’s verdicts, and actions per hour', () => {
    const suspend = action('2026-12-04T01:10:00.000Z', 'agent.sato', 'suspend');
    const records = [
      suspend,
      outcome(suspend, 'CONFIRMED'),
      action('2026-12-04T01:20:00.000Z', 'agent.sato', 'delete'),
      action('2026-12-04T02:05:00.000Z', 'agent.ito', 'activate'),
      action('2026-12-04T02:06:00.000Z', 'agent.ito', 'activate', { refused: true }),
    ];
    const floor = floorOverviewOf(records, DAY, DEFAULT_FLOOR_ALERT_SETTINGS, false);
    expect(floor.agents.map((agent) => [agent.agentId, agent.figures.actions, agent.figures.refused, agent.figures.confirmed])).toEqual([
      ['agent.ito', { activate: 1, suspend: 0, resume: 0, delete: 0 }, 1, 0],
      ['agent.sato', { activate: 0, suspend: 1, resume: 0, delete: 1 }, 0, 1],
    ]);
    expect(floor.team).toMatchObject({ actions: { activate: 1, suspend: 1, resume: 0, delete: 1 }, refused: 1, confirmed: 1, failed: 0 });
    expect(floor.hourly.hours).toHaveLength(24);
    // 15:00Z is the day's first hour: 01:10Z is its 11th, 02:05Z its 12th.
    expect(floor.hourly.actions.suspend[10]).toBe(1);
    expect(floor.hourly.actions.delete[10]).toBe(1);
    expect(floor.hourly.actions.activate[11]).toBe(1);
    expect(floor.recent.map((record) => record.sequence)).toEqual([...records].map((record) => record.sequence).sort((a, b) => b - a));
  });

  it('measures from a phone call’s start to its first token action, the median per agent', () => {
    const first = action('2026-12-04T01:01:30.000Z', 'agent.sato', 'suspend', { correlationId: 'c-1' });
    const later = action('2026-12-04T01:03:00.000Z', 'agent.sato', 'delete', { correlationId: 'c-2' });
    const other = action('2026-12-04T02:00:40.000Z', 'agent.sato', 'suspend', { correlationId: 'c-3' });
    const floor = floorOverviewOf(
      [first, later, other, phoneCall('agent.sato', '2026-12-04T01:00:00.000Z', ['c-2', 'c-1']), phoneCall('agent.sato', '2026-12-04T02:00:00.000Z', ['c-3']), phoneCall('agent.sato', '2026-12-04T03:00:00.000Z', [])],
      DAY,
      DEFAULT_FLOOR_ALERT_SETTINGS,
      false,
    );
    // 90 s and 40 s: the median of two is their mean.
    expect(floor.agents[0]?.figures).toMatchObject({ phoneCalls: 3, medianSecondsToFirstAction: 65 });
  });

  it('keeps the live feed to the newest 50 actions and outcomes, newest first', () => {
    const records = Array.from({ length: 60 }, (_, index) => action(`2026-12-04T01:${String(index).padStart(2, '0')}:00.000Z`, 'agent.sato', 'suspend'));
    const floor = floorOverviewOf(records, DAY, DEFAULT_FLOOR_ALERT_SETTINGS, false);
    expect(floor.recent).toHaveLength(50);
    expect(floor.recent.map((record) => record.recordId)).toEqual(records.slice(10).reverse().map((record) => record.recordId));
  });

  it('raises the shared rules’ alerts over the accepted actions, refusals left out', () => {
    const deletes = ['01:00', '01:10', '01:20', '01:30'].map((time) => action(`2026-12-04T${time}:00.000Z`, 'agent.sato', 'delete', { cardholderId: 'C0000009' }));
    const refused = action('2026-12-04T01:40:00.000Z', 'agent.sato', 'delete', { cardholderId: 'C0000009', refused: true });
    const floor = floorOverviewOf([...deletes, refused], DAY, DEFAULT_FLOOR_ALERT_SETTINGS, false);
    expect(floor.alerts).toEqual([
      expect.objectContaining({ rule: 'DELETES_ON_CARDHOLDER', cardholderId: 'C0000009', count: 4, recordIds: deletes.map((record) => record.recordId) }),
    ]);
  });
});
