import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientKeysOf, credentialsFileFor, generateTrainingClients, startSandbox, type Sandbox } from '../../../../../sandbox/index';
import type { TokenEvent } from '../../../../../shared/api/model';
import type { TokenActionPolicy } from '../../../../../shared/api/policy';
import type { ActionView, EventEnvelope } from '../../../../../shared/contract';
import { operationConfirmedBy } from '../../../../../shared/domain/operation-events';
import type { ActionTuning } from '../../../../../electron/core/actions/action-tuning';
import { backendScript, type BackendScript } from '../../../../support/backend-script';
import { startCore, type CoreHarness } from '../../session/support/core-harness';

export const SATO = { agentId: 'agent.sato', password: 'Training-Sato-2026' } as const;
export const KOBAYASHI = { agentId: 'agent.kobayashi', password: 'Training-Kobayashi-2026' } as const;
const SUZUKI = { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' } as const;

/** Retries and polls in milliseconds, so tests watch them happen. */
const FAST_ACTIONS: Partial<ActionTuning> = {
  retryForMs: 5_000,
  retryBaseDelayMs: 5,
  retryMaxDelayMs: 40,
  confirmPollMs: 60_000,
  confirmLateAfterMs: 60_000,
  confirmPollLateMs: 60_000,
  auditRetryBaseDelayMs: 10,
  auditRetryMaxDelayMs: 100,
};

export interface Backend {
  readonly sandbox: Sandbox;
  readonly script: BackendScript;
  /** A supervisor's session, to read audit records; an agent's, to read histories. */
  readonly supervisor: string;
  close(): Promise<void>;
}

/**
 * A standalone sandbox that outlives the consoles a test starts and stops against it: the backend
 * a restarted workstation comes back to. Training endpoints stay on (faults, simulate, policy).
 */
export const startBackend = async (options: { readonly tspConfirmDelayMs?: number; readonly dataFile?: string; readonly actionPolicy?: TokenActionPolicy } = {}): Promise<Backend> => {
  const clients = await generateTrainingClients();
  const sandbox = await startSandbox({
    clientKeys: clientKeysOf(clients),
    mode: 'training',
    tspConfirmDelayMs: options.tspConfirmDelayMs ?? 60,
    ...(options.dataFile ? { dataFile: options.dataFile } : {}),
    ...(options.actionPolicy ? { actionPolicy: options.actionPolicy } : {}),
  });
  const script = backendScript(credentialsFileFor(sandbox, clients));
  const supervisor = await script.signIn(SUZUKI);
  return { sandbox, script, supervisor, close: () => sandbox.close() };
};

export interface Desk extends CoreHarness {
  /** Every action.changed the console emitted, in order. */
  changes(actionId?: string): ActionView[];
  /** Waits until the action reaches one of `statuses` (and its audit record is stored, when `settled`). */
  until(actionId: string, statuses: readonly ActionView['status'][], options?: { settled?: boolean; timeoutMs?: number }): Promise<ActionView>;
}

const refuseTraining = async (): Promise<never> => {
  throw new Error('these tests run against a standalone backend');
};

/** A console in connected mode against `backend`, in `dir` (a profile to reuse for a restart). */
export const openDesk = async (backend: Backend, options: { readonly dir?: string; readonly actionTuning?: Partial<ActionTuning>; readonly timeoutMs?: number } = {}): Promise<Desk> => {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'td-actions-')));
  const { credentials } = backend.script;
  const h = await startCore({
    dir,
    user: { backend: { baseUrl: credentials.baseUrl, issuerId: credentials.issuerId, clientId: credentials.clientId, keyId: credentials.keyId } },
    startTrainingBackend: refuseTraining,
    tuning: { retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: options.timeoutMs ?? 5_000 },
    actionTuning: { ...FAST_ACTIONS, ...options.actionTuning },
  });
  if (!(await h.ok('credentials.status')).configured) await h.ok('credentials.importKey', { pem: credentials.privateKeyPem });
  const changes = (actionId?: string): ActionView[] =>
    h.events
      .filter((envelope): envelope is Extract<EventEnvelope, { name: 'action.changed' }> => envelope.name === 'action.changed')
      .map((envelope) => envelope.payload)
      .filter((view) => actionId === undefined || view.actionId === actionId);
  return {
    ...h,
    changes,
    async until(actionId, statuses, untilOptions = {}) {
      const deadline = Date.now() + (untilOptions.timeoutMs ?? 10_000);
      for (;;) {
        const entry = h.core.actions.get(actionId);
        if (entry && statuses.includes(entry.view.status) && (!untilOptions.settled || entry.audit?.journaled === true)) return entry.view;
        if (Date.now() > deadline) throw new Error(`action ${actionId} did not reach ${statuses.join('/')}: ${JSON.stringify(entry?.view ?? null)}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
};

export const newActionId = (): string => randomUUID();

/** The backend's own record of what happened to a token for one action. */
export const tracesOf = (events: readonly TokenEvent[], view: Pick<ActionView, 'correlationId' | 'operationId'>) => ({
  agentActions: events.filter((event) => event.kind === 'AGENT_ACTION' && event.correlationId === view.correlationId).length,
  confirmations: events.filter((event) => view.operationId !== null && operationConfirmedBy(event.kind) !== null && 'operationId' in event.detail && event.detail.operationId === view.operationId).length,
});
