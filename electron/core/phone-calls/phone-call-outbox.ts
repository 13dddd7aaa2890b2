import type { PhoneCallRecord } from '../../../shared/api/phone-calls';
import type { EndedPhoneCall } from '../../../shared/contract/phone-calls';
import type { AgentTurns } from '../actions/agent-turns';
import { createKeyedSteps } from '../actions/keyed-steps';
import { sendOutcomeOf } from '../actions/send-outcome';
import { BackendError } from '../backend/backend-error';
import { backoffDelay } from '../backend/retry-policy';
import type { RecordFolder } from '../fs/record-folder';
import type { Logger } from '../logging/logger';
import { PHONE_CALL_FILE_VERSION, type PhoneCallOutboxEntry } from './phone-call-files';

export interface PhoneCallOutboxTuning {
  /** Backoff between sends (full jitter, doubling up to the ceiling): a record is retried until the backend stores it. */
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  /** Stored records kept for the "recent" list: at most this many, and none older than keepStoredMs. */
  readonly keepStored: number;
  readonly keepStoredMs: number;
}

export interface PhoneCallOutboxOptions {
  readonly store: RecordFolder<PhoneCallOutboxEntry>;
  /** Sends happen only while the phone call's own agent holds the session (the backend checks the record is theirs). */
  readonly turns: Pick<AgentTurns, 'asAgent'>;
  readonly logger: Logger;
  readonly tuning: PhoneCallOutboxTuning;
  /** A record's delivery changed (stored, refused): the agent's recent list shows it. */
  readonly onChange: (entry: PhoneCallOutboxEntry) => void;
  readonly now?: () => number;
  readonly random?: () => number;
}

/**
 * Ended phone calls on their way to the backend (`POST /api/v1/calls`), built from the token
 * actions' outbox pieces: each record is written ahead to its own fsynced file (fs/record-folder)
 * before its first send, so a crash loses nothing; it is sent one step at a time (keyed-steps), as
 * its own agent (agent-turns), always with its phoneCallId as Idempotency-Key and correlation id,
 * so however often it is retried, after a restart too, the backend stores it once; and a failed
 * send is read as the actions read theirs (send-outcome): retried with backoff when the answer was
 * lost or the backend stumbled, left waiting for its agent's next session, or refused for good.
 */
export interface PhoneCallOutbox {
  /** Loads the folder, reports damage, resumes what was not stored yet. */
  start(): Promise<void>;
  has(phoneCallId: string): boolean;
  /** Writes the record ahead (durable when this resolves) and starts sending it. */
  add(record: PhoneCallRecord): Promise<PhoneCallOutboxEntry>;
  /** `agentId`'s ended phone calls, newest first. */
  list(agentId: string, limit: number): EndedPhoneCall[];
  /** Records waiting for an agent's session look again (a sign-in). */
  wakeAll(): void;
  /** Resolves when no send is running or due within `withinMs` (tests, quitting). */
  idle(withinMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** How long quitting waits for a send under way; what is left is sent on the next start. */
const CLOSE_GRACE_MS = 2_000;

const endedPhoneCallOf = ({ record, delivery }: PhoneCallOutboxEntry): EndedPhoneCall => ({
  phoneCallId: record.phoneCallId,
  startedAt: record.startedAt,
  endedAt: record.endedAt,
  cardholderId: record.cardholderId,
  outcomeCode: record.outcomeCode,
  closing: record.closing,
  actionCount: record.actions.length,
  delivery,
});

export const createPhoneCallOutbox = (options: PhoneCallOutboxOptions): PhoneCallOutbox => {
  const { store, turns, tuning } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const log = options.logger.child({ component: 'phone-call-outbox' });
  const entries = new Map<string, PhoneCallOutboxEntry>();
  /** Consecutive failed sends per record, for the backoff; memory only. */
  const tries = new Map<string, number>();
  let closed = false;

  const retryDelay = (phoneCallId: string): number => {
    const count = (tries.get(phoneCallId) ?? 0) + 1;
    tries.set(phoneCallId, count);
    return Math.max(1, backoffDelay(count, { maxAttempts: 0, baseDelayMs: tuning.retryBaseDelayMs, maxDelayMs: tuning.retryMaxDelayMs }, random));
  };

  /** Its delivery on disk first, then in what the console shows: what the agent sees is what a restart finds. */
  const settle = async (entry: PhoneCallOutboxEntry): Promise<void> => {
    await store.save(entry);
    entries.set(entry.record.phoneCallId, entry);
    tries.delete(entry.record.phoneCallId);
    options.onChange(entry);
  };

  const send = async (phoneCallId: string): Promise<void> => {
    const entry = entries.get(phoneCallId);
    if (!entry || entry.delivery !== 'QUEUED' || closed) return;
    const { record } = entry;
    let turn;
    try {
      turn = await turns.asAgent({ agent: record.agent }, (client) =>
        client.request('createPhoneCall', { body: record, context: { correlationId: phoneCallId, idempotencyKey: phoneCallId }, maxAttempts: 1 }),
      );
    } catch (error) {
      const outcome = sendOutcomeOf(error);
      if (outcome.kind === 'wait') {
        log.info({ phoneCallId, why: outcome.why }, 'phone call record waits for its agent');
        return;
      }
      if (outcome.kind === 'retry') {
        const delay = retryDelay(phoneCallId);
        log.warn({ phoneCallId, err: error, retryInMs: delay }, 'phone call record not stored yet');
        steps.wake(phoneCallId, delay);
        return;
      }
      const failure = error instanceof BackendError && error.failure.kind === 'api' ? error.failure : null;
      const refusal = { code: failure?.code ?? outcome.failure.code, field: failure?.field?.slice(0, 200) ?? null };
      log.error({ phoneCallId, code: refusal.code, field: refusal.field }, 'phone call record refused by the backend; kept, not sent again');
      await settle({ ...entry, delivery: 'REFUSED', refusal });
      return;
    }
    // Its agent is not signed in: a sign-in wakes it.
    if (!turn.ran) return;
    await settle({ ...entry, delivery: 'STORED', storedAt: turn.value.receivedAt, refusal: null });
    log.info({ phoneCallId }, 'phone call record stored');
  };

  const steps = createKeyedSteps({
    step: send,
    onError: (phoneCallId, error) => log.error({ phoneCallId, err: error }, 'phone call outbox step failed; trying again later'),
    retryMs: tuning.retryMaxDelayMs,
    now,
  });

  const prune = async (): Promise<void> => {
    const stored = [...entries.values()].filter((entry) => entry.delivery === 'STORED').sort((a, b) => b.record.endedAt.localeCompare(a.record.endedAt));
    const cutoff = now() - tuning.keepStoredMs;
    for (const [index, entry] of stored.entries()) {
      if (index < tuning.keepStored && Date.parse(entry.record.endedAt) >= cutoff) continue;
      entries.delete(entry.record.phoneCallId);
      await store.remove(entry.record.phoneCallId);
    }
  };

  const wakeAll = (): void => {
    for (const entry of entries.values()) if (entry.delivery === 'QUEUED') steps.run(entry.record.phoneCallId);
  };

  return {
    async start() {
      const loaded = await store.load();
      for (const problem of loaded.problems) {
        log.error({ dir: store.dir, file: problem.file, problem: problem.problem, keptAs: problem.keptAs }, 'phone call record damaged; kept aside, not sent');
      }
      for (const entry of loaded.entries) entries.set(entry.record.phoneCallId, entry);
      await prune();
      const queued = [...entries.values()].filter((entry) => entry.delivery === 'QUEUED').length;
      if (queued > 0) log.info({ queued }, 'phone call records resumed after a restart');
      wakeAll();
    },
    has: (phoneCallId) => entries.has(phoneCallId),
    async add(record) {
      if (entries.has(record.phoneCallId)) throw new Error('this phone call is already in the outbox');
      const entry: PhoneCallOutboxEntry = { version: PHONE_CALL_FILE_VERSION, record, delivery: 'QUEUED', storedAt: null, refusal: null };
      await store.save(entry);
      entries.set(record.phoneCallId, entry);
      steps.run(record.phoneCallId);
      return entry;
    },
    list: (agentId, limit) =>
      [...entries.values()]
        .filter((entry) => entry.record.agent.agentId === agentId)
        .sort((a, b) => b.record.endedAt.localeCompare(a.record.endedAt))
        .slice(0, limit)
        .map(endedPhoneCallOf),
    wakeAll,
    idle: (withinMs = 0) => steps.idle(withinMs),
    async close() {
      closed = true;
      await steps.close(CLOSE_GRACE_MS);
    },
  };
};
