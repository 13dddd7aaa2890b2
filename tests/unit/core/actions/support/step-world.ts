import type { TokenEvent } from '../../../../../shared/api/token-event';
import type { TokenActionPolicy } from '../../../../../shared/api/policy';
import type { ActionView } from '../../../../../shared/contract';
import type { OutboxEntry } from '../../../../../electron/core/actions/action-entry';
import { createActionPolicyCache } from '../../../../../electron/core/actions/action-policy';
import { createActionProgress } from '../../../../../electron/core/actions/action-progress';
import { createActionTraces } from '../../../../../electron/core/actions/action-traces';
import { DEFAULT_ACTION_TUNING, type ActionTuning } from '../../../../../electron/core/actions/action-tuning';
import { createAgentTurns } from '../../../../../electron/core/actions/agent-turns';
import { createConfirmStep } from '../../../../../electron/core/actions/confirm-step';
import { createOutboxEntries } from '../../../../../electron/core/actions/outbox-entries';
import { createSendStep } from '../../../../../electron/core/actions/send-step';
import type { AgentIdentity, BackendClient } from '../../../../../electron/core/backend/backend-client';
import { BackendError, type BackendFailure } from '../../../../../electron/core/backend/backend-error';
import type { RequestContext } from '../../../../../electron/core/backend/request-context';
import { createEventBus } from '../../../../../electron/core/events/event-bus';
import { memoryLogger } from '../../support/client-setup';

export const SATO: AgentIdentity = { sessionToken: 'S'.repeat(40), agent: { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' } };
export const KOBAYASHI: AgentIdentity = { sessionToken: 'K'.repeat(40), agent: { agentId: 'agent.kobayashi', name: '小林 翔太', role: 'agent' } };

export type Answer = { readonly ok: unknown } | { readonly fail: BackendFailure };

/** One request the steps made, with what the outbox file said at that moment. */
export interface Sent {
  readonly name: string;
  readonly body: unknown;
  readonly context: RequestContext | undefined;
  readonly onDisk: OutboxEntry | undefined;
}

export const POLICY: TokenActionPolicy = {
  identityVerification: { required: [], choose: { from: [], atLeast: 0 } },
  riskRules: [],
  issuerMayOverrideSuspension: false,
  platformNotifications: true,
};

/**
 * The send and confirm steps wired as the outbox wires them, over fakes that record: a clock the
 * test moves, a disk (what each save left), a scripted backend (each request with what was on disk
 * when it left), the scheduler's wake-ups and runs, and the token's history the backend would serve.
 */
export const stepWorld = (options: { readonly tuning?: Partial<ActionTuning> } = {}) => {
  let clock = Date.parse('2026-11-23T09:00:00.000Z');
  const now = (): number => clock;
  const { logger, lines } = memoryLogger();
  const events = createEventBus(logger);
  const told: ActionView[] = [];
  events.subscribe((envelope) => {
    if (envelope.name === 'action.changed') told.push(envelope.payload);
  });
  const entries = createOutboxEntries();
  const disk = new Map<string, OutboxEntry>();
  const saving = { fails: false };
  const store = {
    save: async (entry: OutboxEntry): Promise<void> => {
      if (saving.fails) throw new Error('disk full');
      disk.set(entry.view.actionId, entry);
    },
  };
  const held: { agent: AgentIdentity | null } = { agent: SATO };
  const session = {
    identity: () => held.agent,
    withSession: <T>(work: (agent: AgentIdentity) => Promise<T>): Promise<T> => (held.agent ? work(held.agent) : Promise.reject(new Error('signed out'))),
  };
  const answers: Record<string, Answer[]> = {};
  let history: TokenEvent[] = [];
  const sent: Sent[] = [];
  const client = {
    tokenUrl: 'http://127.0.0.1/oauth2/token',
    close: () => undefined,
    openEventStream: () => Promise.reject(new Error('no stream here')),
    request: (name: string, request: { body?: unknown; context?: RequestContext; params?: { virtualCardId?: string } }) => {
      const actionId = [...disk.values()].find((entry) => entry.view.correlationId === request.context?.correlationId)?.view.actionId;
      sent.push({ name, body: request.body, context: request.context, onDisk: actionId === undefined ? undefined : disk.get(actionId) });
      if (name === 'listTokenEvents') return Promise.resolve({ items: [...history].reverse(), nextCursor: null });
      const next = answers[name]?.shift() ?? { ok: name === 'getActionPolicy' ? POLICY : {} };
      if ('fail' in next) return Promise.reject(new BackendError(next.fail, { endpoint: name, correlationId: request.context?.correlationId ?? '-', attempts: 1 }));
      return Promise.resolve(next.ok);
    },
  } as unknown as BackendClient;
  const wakes: Array<{ actionId: string; delayMs: number }> = [];
  const runs: string[] = [];
  const schedule = {
    wake: (actionId: string, delayMs = 0) => void wakes.push({ actionId, delayMs }),
    run: (actionId: string) => void runs.push(actionId),
  };
  const tuning: ActionTuning = { ...DEFAULT_ACTION_TUNING, retryBaseDelayMs: 100, retryMaxDelayMs: 1_000, confirmPollMs: 10_000, ...options.tuning };
  const progress = createActionProgress({ entries, store, events, logger, now });
  const turns = createAgentTurns({ session, backend: () => client });
  const traces = createActionTraces({ watching: (virtualCardId) => entries.onToken(virtualCardId).length > 0 });
  const confirm = createConfirmStep({ progress, turns, traces, policy: createActionPolicyCache(), schedule, tuning, now, logger });
  const send = createSendStep({ progress, turns, traces, confirm, schedule, tuning, now, random: () => 0.5, logger });

  return {
    entries,
    disk,
    saving,
    held,
    answers,
    sent,
    wakes,
    runs,
    told,
    lines,
    traces,
    confirm,
    send,
    progress,
    tuning,
    advance: (ms: number) => void (clock += ms),
    now,
    /** The token's history as the backend would serve it (oldest first here). */
    setHistory: (events: TokenEvent[]) => void (history = events),
    /** What the backend recorded also comes on the live stream. */
    stream: (event: TokenEvent) => traces.record(event),
    /** The entry as the outbox holds it: on disk and in memory. */
    put: (entry: OutboxEntry) => {
      entries.put(entry);
      disk.set(entry.view.actionId, entry);
      return entry;
    },
    current: (entry: OutboxEntry): OutboxEntry => {
      const found = entries.get(entry.view.actionId);
      if (!found) throw new Error('not in the outbox');
      return found;
    },
    reads: () => sent.filter((call) => call.name === 'listTokenEvents').length,
    sends: () => sent.filter((call) => call.name.endsWith('Token')),
  };
};
