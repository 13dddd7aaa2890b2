import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TokenEvent } from '../../../../shared/api/model';
import type { SessionStatus } from '../../../../shared/contract';
import { createActionPolicyCache } from '../../../../electron/core/actions/action-policy';
import { openAuditJournal } from '../../../../electron/core/actions/audit-journal';
import { createOutbox, type Outbox } from '../../../../electron/core/actions/outbox';
import { openOutboxStore } from '../../../../electron/core/actions/outbox-store';
import type { AgentIdentity, BackendClient } from '../../../../electron/core/backend/backend-client';
import { BackendError, type BackendFailure } from '../../../../electron/core/backend/backend-error';
import type { RequestContext } from '../../../../electron/core/backend/request-context';
import { createEventBus } from '../../../../electron/core/events/event-bus';
import { memoryLogger } from '../support/client-setup';
import { WATCH_TOKEN, writtenAhead } from './support/entries';
import { confirmation } from './support/events';

/**
 * Idempotency as the outbox practises it, against a scripted backend client: every send of one
 * action carries the same correlation id, Idempotency-Key and body, one attempt at a time; audit
 * records go with their auditId as the key; a console that may have sent reads the history first.
 */
const SATO: AgentIdentity = { sessionToken: 'S'.repeat(40), agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' } };

interface Sent {
  readonly name: string;
  readonly body: unknown;
  readonly context: RequestContext | undefined;
  readonly maxAttempts: number | undefined;
}

type Answer = { ok: unknown } | { fail: BackendFailure };


let dir: string;
let outbox: Outbox | null;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-idem-'));
  outbox = null;
});
afterEach(async () => {
  await outbox?.close();
  await rm(dir, { recursive: true, force: true });
});

const scripted = (answers: Record<string, Answer[]>, history: () => TokenEvent[] = () => []) => {
  const sent: Sent[] = [];
  const client = {
    tokenUrl: 'http://127.0.0.1/oauth2/token',
    close: () => undefined,
    openEventStream: () => Promise.reject(new Error('no stream here')),
    request: (name: string, options: { body?: unknown; context?: RequestContext; maxAttempts?: number }) => {
      sent.push({ name, body: options.body, context: options.context, maxAttempts: options.maxAttempts });
      if (name === 'listTokenEvents') return Promise.resolve({ items: history(), nextCursor: null });
      const next = answers[name]?.shift() ?? { ok: {} };
      if ('fail' in next) return Promise.reject(new BackendError(next.fail, { endpoint: name, correlationId: options.context?.correlationId ?? '-', attempts: 1 }));
      return Promise.resolve(next.ok);
    },
  } as unknown as BackendClient;
  return { client, sent };
};

const start = async (client: BackendClient, held: { agent: AgentIdentity | null } = { agent: SATO }) => {
  const { logger } = memoryLogger();
  const events = createEventBus(logger);
  outbox = createOutbox({
    store: openOutboxStore(join(dir, 'outbox')),
    journal: openAuditJournal(join(dir, 'audit.jsonl')),
    session: {
      identity: () => held.agent,
      withSession: (work) => (held.agent ? work(held.agent) : Promise.reject(new Error('signed out'))),
    },
    backend: () => client,
    events,
    policy: createActionPolicyCache(),
    logger,
    tuning: { retryBaseDelayMs: 1, retryMaxDelayMs: 5, auditRetryBaseDelayMs: 1, auditRetryMaxDelayMs: 5, confirmPollMs: 20 },
  });
  await outbox.start();
  return { outbox, events };
};

const RECEIPT = { recordId: '3f2e1d0c-9b8a-4765-8432-10fedcba9876', hash: 'Rk'.repeat(21) + 'w' };
const accepted = { ok: { operationId: 'OPAAAAAAAAAA', status: 'ACCEPTED', virtualCardId: 'VCWATCH00001', operation: 'suspend', audit: RECEIPT } };
const confirmedHistory = (correlationId: string): TokenEvent[] => [confirmation('suspend', 'OPAAAAAAAAAA', { correlationId })];

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

describe('the same action, sent again', () => {
  it('reuses the correlation id, the Idempotency-Key and the body on every attempt, one attempt per request', async () => {
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST', comment: '端末を紛失' });
    const { client, sent } = scripted(
      {
        suspendToken: [{ fail: { kind: 'api', status: 500, code: 'SYSTEM_ERROR', category: 'S', message: 'x' } }, { fail: { kind: 'timeout' } }, { fail: { kind: 'network', code: 'ECONNRESET' } }, accepted],
      },
      () => confirmedHistory(entry.view.correlationId),
    );
    const { outbox: box } = await start(client);
    await box.add(entry);
    await until(() => box.get(entry.view.actionId)?.audit?.journaled === true);
    const sends = sent.filter((call) => call.name === 'suspendToken');
    expect(sends).toHaveLength(4);
    expect(new Set(sends.map((call) => JSON.stringify([call.context, call.body, call.maxAttempts])))).toEqual(
      new Set([JSON.stringify([{ correlationId: entry.view.correlationId, idempotencyKey: entry.idempotencyKey }, entry.request, 1])]),
    );
    expect(box.get(entry.view.actionId)?.view).toMatchObject({ status: 'CONFIRMED', attempts: 4, operationId: 'OPAAAAAAAAAA' });
  });

  it('never sends a refused action again', async () => {
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
    const { client, sent } = scripted({ suspendToken: [{ fail: { kind: 'api', status: 409, code: 'TOKEN_STATE_CONFLICT', category: 'D', message: 'x', currentState: 'DELETED' } }] });
    const { outbox: box } = await start(client);
    await box.add(entry);
    await until(() => box.get(entry.view.actionId)?.audit?.journaled === true);
    await box.idle(50);
    expect(sent.filter((call) => call.name === 'suspendToken')).toHaveLength(1);
    expect(box.get(entry.view.actionId)?.view).toMatchObject({ status: 'FAILED', attempts: 1, failure: { code: 'TOKEN_STATE_CONFLICT', currentState: 'DELETED' } });
  });

  it("journals the backend's receipt from the accepted answer and posts no audit record of its own", async () => {
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
    const { client, sent } = scripted({ suspendToken: [accepted] }, () => confirmedHistory(entry.view.correlationId));
    const { outbox: box } = await start(client);
    await box.add(entry);
    await until(() => box.get(entry.view.actionId)?.audit?.journaled === true);
    expect(box.get(entry.view.actionId)?.receipt).toEqual(RECEIPT);
    const journal = (await readFile(join(dir, 'audit.jsonl'), 'utf8')).split('\n').filter((line) => line.length > 0);
    expect(journal.map((line) => (JSON.parse(line) as { receipt: unknown }).receipt)).toEqual([RECEIPT]);
    // The operation and what the outbox reads; nothing else is written to the backend.
    expect(sent.filter((call) => !['getActionPolicy', 'suspendToken', 'listTokenEvents'].includes(call.name))).toEqual([]);
  });

  it('sends nothing while its agent is not signed in, and goes on when they are', async () => {
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
    const { client, sent } = scripted({ suspendToken: [accepted] }, () => confirmedHistory(entry.view.correlationId));
    const held: { agent: AgentIdentity | null } = { agent: { ...SATO, agent: { agentId: 'agent.kobayashi', name: '小林 翔太', role: 'agent' } } };
    const { outbox: box, events } = await start(client, held);
    await box.add(entry);
    await box.idle(50);
    expect(sent).toHaveLength(0);
    // Its write-ahead counted the first send ("maybe sent"); it has not left.
    expect(box.get(entry.view.actionId)?.view).toMatchObject({ status: 'REQUESTED', attempts: 1 });
    held.agent = SATO;
    const status: SessionStatus = { state: 'signedIn', agent: SATO.agent, workstationId: 'WS-TEST-01', idleLockMinutes: 15 };
    events.emit('session.changed', status);
    await until(() => box.get(entry.view.actionId)?.view.status === 'CONFIRMED');
    expect(sent.filter((call) => call.name === 'suspendToken')).toHaveLength(1);
    expect(box.get(entry.view.actionId)?.view.attempts).toBe(1);
  });

  it('says OFF for the notification when the backend records none and the policy says the issuer sends its own', async () => {
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
    const policy = {
      identityVerification: { required: [], choose: { from: [], atLeast: 0 } },
      riskRules: [],
      issuerMayOverrideSuspension: false,
      platformNotifications: false,
    };
    const { client, sent } = scripted({ suspendToken: [accepted], getActionPolicy: [{ ok: policy }] }, () => confirmedHistory(entry.view.correlationId));
    const { outbox: box } = await start(client);
    await box.add(entry);
    await until(() => box.get(entry.view.actionId)?.view.status === 'CONFIRMED');
    expect(box.get(entry.view.actionId)?.view.notification).toEqual({ template: 'TOKEN_SUSPENDED', channel: null, status: 'OFF' });
    expect(sent.filter((call) => call.name === 'getActionPolicy')).toHaveLength(1);
  });

  it('after a restart, reads the history before sending an action that may have left, then sends it under the same key', async () => {
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST', attempts: 1 });
    const { client, sent } = scripted({ suspendToken: [accepted] }, () =>
      sent.some((call) => call.name === 'suspendToken') ? confirmedHistory(entry.view.correlationId) : [],
    );
    await openOutboxStore(join(dir, 'outbox')).save(entry);
    const { outbox: box } = await start(client);
    await until(() => box.get(entry.view.actionId)?.view.status === 'CONFIRMED');
    expect(sent.map((call) => call.name).slice(0, 2)).toEqual(['listTokenEvents', 'suspendToken']);
    expect(sent.find((call) => call.name === 'suspendToken')?.context).toEqual({ correlationId: entry.view.correlationId, idempotencyKey: entry.idempotencyKey });
    expect(box.get(entry.view.actionId)?.view).toMatchObject({ attempts: 2, resumedAfterRestart: true });
  });
});
