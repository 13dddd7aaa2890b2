import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Token } from '../../../../../shared/api/model';
import { reasonTextForTokenService } from '../../../../../shared/domain/reason-codes';
import type { TokenOperation } from '../../../../../shared/domain/transitions';
import { OUTBOX_ENTRY_VERSION, type OutboxEntry } from '../../../../../electron/core/actions/action-entry';

/** A token as the backend serves it: active, on an Apple Watch. */
export const WATCH_TOKEN: Token = {
  virtualCardId: 'VCWATCH00001',
  issuerCardRefId: 'CR000001GOLD',
  cardholderId: 'C0000001',
  tokenRequestor: { tokenRequestorId: '40010030273', name: 'Apple Pay', walletProviderId: 'APPLE_PAY' },
  device: { name: 'Apple Watch', type: 'WATCH', tokenStorageId: 'SE-TESTWATCH' },
  tokenLastFour: '1234',
  fundingLastFour: '4821',
  expiry: '09/29',
  state: 'ACTIVE',
  stateSince: '2026-11-01T00:00:00.000Z',
  lastChangedBy: { source: 'TSP' },
  suspendedBy: [],
  isPrimary: false,
  levelOfTrust: { decision: 'GREEN', idvMethods: [], reasons: [], decidedAt: '2026-11-01T00:00:00.000Z' },
  digitizedAt: '2026-11-01T00:00:00.000Z',
  enrolmentCorrelationId: 'enrol-1',
};

const AGENTS = {
  'agent.sato': { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' },
  'agent.kobayashi': { agentId: 'agent.kobayashi', name: '小林 翔太', role: 'agent' },
} as const;

/**
 * An outbox entry as main writes it ahead, before the first send: what a console killed between
 * the write and the send leaves on disk. Built from the token as the backend serves it.
 */
export const writtenAhead = (
  token: Token,
  options: { operation: TokenOperation; reasonCode: string; comment?: string; agentId?: keyof typeof AGENTS; attempts?: number },
): OutboxEntry => {
  const at = new Date().toISOString();
  const reason = reasonTextForTokenService(options.reasonCode);
  return {
    version: OUTBOX_ENTRY_VERSION,
    view: {
      actionId: randomUUID(),
      bulkId: null,
      operation: options.operation,
      virtualCardId: token.virtualCardId,
      issuerCardRefId: token.issuerCardRefId,
      cardholderId: token.cardholderId,
      tokenLastFour: token.tokenLastFour,
      walletProviderId: token.tokenRequestor.walletProviderId,
      deviceName: token.device.name,
      reasonCode: options.reasonCode,
      reasonSent: reason,
      comment: options.comment ?? null,
      verifiers: [],
      status: 'REQUESTED',
      failure: null,
      correlationId: randomUUID(),
      operationId: null,
      requestedAt: at,
      updatedAt: at,
      attempts: options.attempts ?? 0,
      nextAttemptAt: null,
      resumedAfterRestart: false,
      notification: null,
    },
    agent: { ...AGENTS[options.agentId ?? 'agent.sato'] },
    workstationId: 'WS-TEST-01',
    idempotencyKey: randomUUID(),
    request: {
      reasonCode: options.reasonCode,
      reason,
      ...(options.comment !== undefined ? { comment: options.comment } : {}),
      expectedState: token.state,
    },
    riskRules: [],
    firstAttemptAt: (options.attempts ?? 0) > 0 ? at : null,
    acceptedAt: null,
    completedAt: null,
    reconcile: false,
    audit: null,
  };
};

export const putInOutbox = async (outboxDir: string, entry: OutboxEntry): Promise<string> => {
  await mkdir(outboxDir, { recursive: true });
  const file = join(outboxDir, `${entry.view.actionId}.json`);
  await writeFile(file, JSON.stringify(entry));
  return file;
};
