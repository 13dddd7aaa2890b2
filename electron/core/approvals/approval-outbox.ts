import { randomUUID } from 'node:crypto';
import type { ApprovalRequest, ApprovalRequestSubmission } from '../../../shared/api/approvals';
import { FINAL_APPROVAL_STATES } from '../../../shared/api/approvals';
import type { ApprovalView } from '../../../shared/contract/approvals';
import type { AgentTurns } from '../actions/agent-turns';
import { createKeyedSteps } from '../actions/keyed-steps';
import { sendOutcomeOf } from '../actions/send-outcome';
import type { AgentIdentity } from '../backend/backend-client';
import { BackendError } from '../backend/backend-error';
import { backoffDelay } from '../backend/retry-policy';
import type { RecordFolder } from '../fs/record-folder';
import type { Logger } from '../logging/logger';
import { APPROVAL_FILE_VERSION, type ApprovalOutboxEntry } from './approval-files';

export interface ApprovalOutboxTuning {
  /** Backoff between sends (full jitter, doubling up to the ceiling) while the answer is lost or the backend stumbles. */
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
}

export interface ApprovalOutboxOptions {
  readonly store: RecordFolder<ApprovalOutboxEntry>;
  /** Sends and reads happen only in the requesting agent's own session (the backend names them the requester). */
  readonly turns: Pick<AgentTurns, 'asAgent'>;
  readonly logger: Logger;
  readonly tuning: ApprovalOutboxTuning;
  /** A request's view changed (stored, refused, decided, run): the agent's tray shows it. */
  readonly onChange: (view: ApprovalView) => void;
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * The agent's approval requests, sent the way main sends everything that changes the backend
 * (the phone calls' outbox has the same shape): written ahead to its own fsynced file before the
 * first send; sent one step at a time, as its own agent, always with the entry id as
 * Idempotency-Key and correlation id, so however often it is retried (after a restart too) the
 * backend makes one request; a lost answer or a stumble is retried with backoff, a refusal is kept
 * with its code. Once stored, the request follows the backend: `follow` takes each
 * `approval.changed` from the live stream, and `refresh` reads the requests still open when the
 * stream is down.
 */
export interface ApprovalOutbox {
  start(): Promise<void>;
  /** Writes the request ahead (durable when this resolves) and starts sending it. */
  add(submission: ApprovalRequestSubmission, agent: AgentIdentity['agent']): Promise<ApprovalView>;
  /** `agentId`'s requests, newest first. */
  listOwn(agentId: string): ApprovalView[];
  /** The backend's request as it is now (the live stream): the entry that made it takes it. */
  follow(request: ApprovalRequest): Promise<void>;
  /** Reads the signed-in agent's open requests from the backend (the stream's fallback). */
  refresh(): Promise<void>;
  /** Requests waiting for their agent's session look again (a sign-in). */
  wakeAll(): void;
  idle(withinMs?: number): Promise<void>;
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 2_000;

const isOpen = (view: ApprovalView): boolean => view.phase === 'STORED' && view.request !== null && !FINAL_APPROVAL_STATES.has(view.request.state);

export const createApprovalOutbox = (options: ApprovalOutboxOptions): ApprovalOutbox => {
  const { store, turns, tuning } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const log = options.logger.child({ component: 'approval-outbox' });
  const entries = new Map<string, ApprovalOutboxEntry>();
  const tries = new Map<string, number>();
  let closed = false;

  const retryDelay = (entryId: string): number => {
    const count = (tries.get(entryId) ?? 0) + 1;
    tries.set(entryId, count);
    return Math.max(1, backoffDelay(count, { maxAttempts: 0, baseDelayMs: tuning.retryBaseDelayMs, maxDelayMs: tuning.retryMaxDelayMs }, random));
  };

  /** On disk first, then on screen: what the agent sees is what a restart finds. */
  const settle = async (entry: ApprovalOutboxEntry): Promise<void> => {
    await store.save(entry);
    entries.set(entry.view.entryId, entry);
    options.onChange(entry.view);
  };

  const send = async (entryId: string): Promise<void> => {
    const entry = entries.get(entryId);
    if (!entry || entry.view.phase !== 'SENDING' || closed) return;
    let turn;
    try {
      turn = await turns.asAgent(entry, (client) =>
        client.request('createApprovalRequest', { body: entry.view.submission, context: { correlationId: entryId, idempotencyKey: entryId }, maxAttempts: 1 }),
      );
    } catch (error) {
      const outcome = sendOutcomeOf(error);
      if (outcome.kind === 'wait') {
        log.info({ entryId, why: outcome.why }, 'approval request waits for its agent');
        return;
      }
      if (outcome.kind === 'retry') {
        const delay = retryDelay(entryId);
        log.warn({ entryId, err: error, retryInMs: delay }, 'approval request not stored yet');
        steps.wake(entryId, delay);
        return;
      }
      const failure = error instanceof BackendError && error.failure.kind === 'api' ? error.failure : null;
      const refusal = { code: failure?.code ?? outcome.failure.code, message: (failure?.message ?? 'the backend refused the request').slice(0, 500) };
      log.warn({ entryId, code: refusal.code }, 'approval request refused by the backend; not sent again');
      await settle({ ...entry, view: { ...entry.view, phase: 'FAILED', failure: refusal } });
      return;
    }
    if (!turn.ran) return;
    tries.delete(entryId);
    await settle({ ...entry, view: { ...entry.view, phase: 'STORED', request: turn.value, failure: null } });
    log.info({ entryId, requestId: turn.value.requestId }, 'approval request stored');
  };

  const steps = createKeyedSteps({
    step: send,
    onError: (entryId, error) => log.error({ entryId, err: error }, 'approval outbox step failed; trying again later'),
    retryMs: tuning.retryMaxDelayMs,
    now,
  });

  const entryOf = (requestId: string): ApprovalOutboxEntry | undefined =>
    [...entries.values()].find((entry) => entry.view.request?.requestId === requestId);

  const follow = async (request: ApprovalRequest): Promise<void> => {
    const entry = entryOf(request.requestId);
    // Another agent's request (a supervisor's console sees them all), or one this console never made.
    if (!entry || entry.view.request === null) return;
    if (entry.view.request.state === request.state && entry.view.request.execution === request.execution) return;
    await settle({ ...entry, view: { ...entry.view, request } });
  };

  const wakeAll = (): void => {
    for (const entry of entries.values()) if (entry.view.phase === 'SENDING') steps.run(entry.view.entryId);
  };

  return {
    async start() {
      const loaded = await store.load();
      for (const problem of loaded.problems) {
        log.error({ dir: store.dir, file: problem.file, problem: problem.problem, keptAs: problem.keptAs }, 'approval request file damaged; kept aside, not sent');
      }
      for (const entry of loaded.entries) entries.set(entry.view.entryId, entry);
      const sending = [...entries.values()].filter((entry) => entry.view.phase === 'SENDING').length;
      if (sending > 0) log.info({ sending }, 'approval requests resumed after a restart');
      wakeAll();
    },
    async add(submission, agent) {
      const entryId = randomUUID();
      const entry: ApprovalOutboxEntry = {
        version: APPROVAL_FILE_VERSION,
        agent: { agentId: agent.agentId, name: agent.name, role: agent.role },
        createdAt: new Date(now()).toISOString(),
        view: { entryId, phase: 'SENDING', submission, request: null, failure: null },
      };
      await store.save(entry);
      entries.set(entryId, entry);
      steps.run(entryId);
      return entry.view;
    },
    listOwn: (agentId) =>
      [...entries.values()]
        .filter((entry) => entry.agent.agentId === agentId)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .map((entry) => entry.view),
    follow,
    async refresh() {
      for (const entry of [...entries.values()]) {
        const request = entry.view.request;
        if (!isOpen(entry.view) || request === null) continue;
        const turn = await turns.asAgent(entry, (client) =>
          client.request('getApprovalRequest', { params: { requestId: request.requestId }, context: { correlationId: randomUUID(), idempotencyKey: randomUUID() } }),
        );
        if (turn.ran) await follow(turn.value);
      }
    },
    wakeAll,
    idle: (withinMs = 0) => steps.idle(withinMs),
    async close() {
      closed = true;
      await steps.close(CLOSE_GRACE_MS);
    },
  };
};
