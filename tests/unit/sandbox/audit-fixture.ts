import { randomUUID } from 'node:crypto';
import type { AuditRecord } from '../../../shared/api/audit';
import { knownFixtures } from '../../../sandbox/index';

/** A complete, valid audit record of agent.sato suspending a token; tests override what they test. */
export const auditRecordOf = (overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  auditId: randomUUID(),
  actionId: randomUUID(),
  bulkId: null,
  agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' },
  workstationId: 'WS-TRAINING-01',
  requestedAt: '2026-11-23T00:00:00.000Z',
  completedAt: '2026-11-23T00:00:01.000Z',
  virtualCardId: knownFixtures.yellowPath.activeVirtualCardId,
  issuerCardRefId: knownFixtures.yellowPath.issuerCardRefId,
  cardholderId: knownFixtures.yellowPath.cardholderId,
  tokenLastFour: '1234',
  operation: 'suspend',
  reasonCode: 'DEVICE_LOST',
  reasonSent: 'Device lost',
  comment: '紛失のご連絡',
  verifiers: [],
  riskRules: [],
  correlationId: `audit-${randomUUID()}`,
  operationId: null,
  outcome: 'CONFIRMED',
  failure: null,
  attempts: 1,
  resumedAfterRestart: false,
  ...overrides,
});
