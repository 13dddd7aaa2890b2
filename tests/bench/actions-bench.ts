import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ActionView, CallName, Result } from '../../shared/contract';
import type { TrainingCredentials } from '../../shared/api/training-credentials';
import type { Core } from '../../electron/core/app-core';
import { openBenchConsole } from './bench-console';
import { CONFIRMING_EVENT } from '../../shared/domain/operation-events';
import { backendScript } from '../support/backend-script';
import { summarise, type Summary } from './stats';
import { acceptedActions } from '../support/audit-trail';

/**
 * Fifty agents at once, each on a console of its own (its own core, profile, outbox, journal,
 * agent session and live stream), connected to one sandbox in another process, each doing twenty
 * token actions: on each of its two tokens, suspend then resume, five times, every action waiting
 * for the TSP's confirmation before the next on that token. Figures, never assertions:
 * - errors: typed errors from a submit, actions that FAILED, actions not confirmed in time (goal 0);
 * - doubled actions: per action, the backend's AGENT_ACTION records for its correlation id and the
 *   TSP's confirmations for its operation id, counted in the token's history (goal 0 above one);
 * - audit: per action, one journal line and one stored backend record;
 * - p50 and p95 of submit → ACCEPTED and submit → CONFIRMED, as the console saw them (action.changed);
 * - where the time goes, per action: the checks and the write-ahead (submit → written), the send's
 *   leaving (written → sent), the send's round trip (sent → ACCEPTED), the backend's own
 *   handling of the operation (timed inside the sandbox process), and the confirmation (ACCEPTED →
 *   CONFIRMED, which holds the simulated TSP's delay); and the machine's load average around it.
 * The same plan with one agent is "one console alone".
 */
export interface ActionsBenchPlan {
  readonly agents: number;
  readonly actionsPerAgent: number;
  readonly tspConfirmMs: number;
}

/** Where an action's time goes, as the console saw it (action.changed) and the backend handled it. */
export interface ActionPhases {
  /** submit → written ahead: the fresh checks (token read, policy) and the fsynced write. */
  readonly writeAhead: Summary;
  /** written → the first send leaves (the write-ahead counts the first send, so little is left here). */
  readonly count: Summary;
  /** the first send leaves → ACCEPTED: the HTTP round trip. */
  readonly send: Summary;
  /** The backend's handling of `POST …/operations:{op}`, timed inside the sandbox process. */
  readonly backend: Summary;
  /** ACCEPTED → CONFIRMED: the TSP's delay and the confirmation's way back on the stream. */
  readonly confirmation: Summary;
}

export interface ActionsBenchResult {
  readonly plan: ActionsBenchPlan;
  readonly actions: number;
  readonly errors: number;
  readonly errorSamples: string[];
  readonly doubled: { readonly agentActions: number; readonly confirmations: number; readonly missing: number };
  readonly audit: { readonly journalGaps: number; readonly backendGaps: number };
  /** submit → the call's answer: checked, written ahead (fsync), not yet sent. */
  readonly writtenMs: Summary;
  readonly acceptedMs: Summary;
  readonly confirmedMs: Summary;
  readonly phases: ActionPhases;
  /** The backend's handling time per kind of request (operations, token reads, history reads, audit records…). */
  readonly backendMs: Readonly<Record<string, Summary & { readonly count: number }>>;
  readonly loadAverage: { readonly before: number; readonly after: number };
  readonly wallMs: number;
}

/** Shared accounts, independent sessions: the training backend has four that may act on tokens. */
const ACCOUNTS = [
  { agentId: 'agent.sato', password: 'Training-Sato-2026' },
  { agentId: 'agent.kobayashi', password: 'Training-Kobayashi-2026' },
  { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' },
  { agentId: 'admin.tanaka', password: 'Training-Tanaka-2026' },
] as const;

const TOKENS_PER_AGENT = 2;
const CONFIRM_TIMEOUT_MS = 60_000;

/** The sandbox process's own timing of each request it handled, by kind (actions-sandbox.ts writes it when stopped). */
type BackendTimings = Record<string, number[]>;

const startBackendProcess = async (tspConfirmMs: number, dir: string) => {
  const out = join(dir, 'sandbox.json');
  const timingsFile = join(dir, 'sandbox-timings.json');
  // BENCH_SANDBOX_PROFILE=DIR writes the sandbox process's CPU profile there (node --cpu-prof).
  const profile = process.env.BENCH_SANDBOX_PROFILE;
  const child = spawn(
    process.execPath,
    [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []), '--import', 'tsx', 'tests/bench/actions-sandbox.ts', '--out', out, '--timings-out', timingsFile, '--tsp-confirm-ms', String(tspConfirmMs)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the bench sandbox did not start:\n${text}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (/listening on/.test(text)) {
        clearTimeout(timer);
        done();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('exit', () => fail(new Error(`the bench sandbox exited:\n${text}`)));
  });
  const started = JSON.parse(await readFile(out, 'utf8')) as { credentials: TrainingCredentials; activeTokens: string[] };
  /** The backend's timings so far (the process writes them on SIGUSR2), before anything else reaches it. */
  const timings = async (): Promise<BackendTimings> => {
    child.kill('SIGUSR2');
    for (let i = 0; i < 250; i += 1) {
      const json = await readFile(timingsFile, 'utf8').catch(() => null);
      if (json !== null) return JSON.parse(json) as BackendTimings;
      await new Promise((wait) => setTimeout(wait, 20));
    }
    return {};
  };
  /** Stops the process. */
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([gone, new Promise((done) => setTimeout(done, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  };
  return { ...started, timings, stop };
};

interface Agent {
  readonly core: Core;
  readonly dir: string;
  call(name: CallName, input: unknown): Promise<Result<unknown>>;
}

const openAgent = async (credentials: TrainingCredentials, index: number, root: string): Promise<Agent> => {
  const dir = join(root, `agent-${index}`);
  await mkdir(dir, { recursive: true });
  const account = ACCOUNTS[index % ACCOUNTS.length] ?? ACCOUNTS[0];
  const { core, call } = await openBenchConsole({ dir, credentials, workstationId: `WS-BENCH-${String(index).padStart(2, '0')}`, account });
  // An agent acts some while after signing in: by then the console's live stream is up.
  const liveBy = Date.now() + 30_000;
  while (core.live.status().state !== 'connected') {
    if (Date.now() > liveBy) throw new Error(`the live stream of ${account.agentId}'s console did not connect`);
    await new Promise((wait) => setTimeout(wait, 20));
  }
  return { core, dir, call };
};

/** An action's moments as the console told them: each status, and the first send leaving (REQUESTED with a count). */
type Moment = ActionView['status'] | 'SENT';

/** Resolves with the time the action reached `status`, watching action.changed from the start. */
const watchAction = (core: Core) => {
  const seen = new Map<string, Map<Moment, number>>();
  const waiting = new Map<string, Array<{ status: ActionView['status']; done: (at: number) => void }>>();
  const unsubscribe = core.events.subscribe((envelope) => {
    if (envelope.name !== 'action.changed') return;
    const at = performance.now();
    const { actionId, status, attempts } = envelope.payload;
    const times = seen.get(actionId) ?? new Map<Moment, number>();
    if (!times.has(status)) times.set(status, at);
    if (status === 'REQUESTED' && attempts > 0 && !times.has('SENT')) times.set('SENT', at);
    seen.set(actionId, times);
    for (const waiter of waiting.get(actionId) ?? []) if (waiter.status === status || status === 'FAILED') waiter.done(at);
  });
  return {
    unsubscribe,
    at: (actionId: string, moment: Moment) => seen.get(actionId)?.get(moment),
    until: (actionId: string, status: ActionView['status']): Promise<number> =>
      new Promise((done, fail) => {
        const known = seen.get(actionId);
        const already = known?.get(status) ?? known?.get('FAILED');
        if (already !== undefined) {
          done(already);
          return;
        }
        const timer = setTimeout(() => fail(new Error(`not ${status} within ${CONFIRM_TIMEOUT_MS} ms`)), CONFIRM_TIMEOUT_MS);
        const list = waiting.get(actionId) ?? [];
        list.push({
          status,
          done: (at) => {
            clearTimeout(timer);
            done(at);
          },
        });
        waiting.set(actionId, list);
      }),
  };
};

/** A run's figures for one kind of request the backend handled. */
const backendSummaries = (timings: BackendTimings): Record<string, Summary & { count: number }> =>
  Object.fromEntries(Object.entries(timings).map(([kind, values]) => [kind, { ...summarise(values), count: values.length }]));

/** Node's default thread pool, as each workstation's console has it. */
const THREADS_PER_CONSOLE = 4;

/**
 * The plan run in a process of its own (actions-process.ts) whose thread pool has as many threads
 * as the plan's consoles would have on their own workstations (at most 128), so that one console's
 * fsync does not queue behind another's as it never would on separate machines.
 */
export const benchActionsApart = async (plan: ActionsBenchPlan): Promise<ActionsBenchResult & { readonly threadPool: number }> => {
  const dir = await mkdtemp(join(tmpdir(), 'token-desk-actions-run-'));
  const out = join(dir, 'result.json');
  const threadPool = Math.min(128, THREADS_PER_CONSOLE * plan.agents);
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/actions-process.ts', '--plan', JSON.stringify(plan), '--out', out], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, UV_THREADPOOL_SIZE: String(threadPool) },
    });
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    if (code !== 0) throw new Error(`the actions bench process exited with ${code}`);
    return { ...(JSON.parse(await readFile(out, 'utf8')) as ActionsBenchResult), threadPool };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export const benchActions = async (plan: ActionsBenchPlan): Promise<ActionsBenchResult> => {
  const root = await mkdtemp(join(tmpdir(), 'token-desk-actions-bench-'));
  const backend = await startBackendProcess(plan.tspConfirmMs, root);
  const agents: Agent[] = [];
  try {
    const needed = plan.agents * TOKENS_PER_AGENT;
    if (backend.activeTokens.length < needed) throw new Error(`${needed} active tokens needed, the sandbox has ${backend.activeTokens.length}`);
    for (let index = 0; index < plan.agents; index += 1) agents.push(await openAgent(backend.credentials, index, root));

    const errors: string[] = [];
    const accepted: number[] = [];
    const confirmed: number[] = [];
    const written: number[] = [];
    const phases = { writeAhead: [] as number[], count: [] as number[], send: [] as number[], confirmation: [] as number[] };
    const done: Array<{ view: ActionView; agent: Agent }> = [];
    const loadBefore = loadavg()[0] ?? 0;
    const rounds = Math.ceil(plan.actionsPerAgent / TOKENS_PER_AGENT / 2);
    const started = performance.now();

    await Promise.all(
      agents.map(async (agent, index) => {
        const watch = watchAction(agent.core);
        const tokens = backend.activeTokens.slice(index * TOKENS_PER_AGENT, (index + 1) * TOKENS_PER_AGENT);
        let budget = plan.actionsPerAgent;
        await Promise.all(
          tokens.map(async (virtualCardId) => {
            for (let round = 0; round < rounds; round += 1) {
              for (const step of [
                { operation: 'suspend', reasonCode: 'DEVICE_LOST', expectedState: 'ACTIVE' },
                { operation: 'resume', reasonCode: 'DEVICE_FOUND', expectedState: 'SUSPENDED' },
              ] as const) {
                if (budget <= 0) return;
                budget -= 1;
                const actionId = randomUUID();
                const t0 = performance.now();
                const result = await agent.call('actions.submit', { actionId, virtualCardId, ...step, comment: `bench ${round}` });
                written.push(performance.now() - t0);
                if (!result.ok) {
                  errors.push(`submit ${step.operation} ${virtualCardId}: ${result.error.code}`);
                  return;
                }
                try {
                  const at = await watch.until(actionId, 'CONFIRMED');
                  const view = agent.core.actions.get(actionId)?.view;
                  if (!view || view.status !== 'CONFIRMED') {
                    errors.push(`${step.operation} ${virtualCardId}: ${view?.status ?? 'gone'} ${view?.failure?.code ?? ''}`);
                    return;
                  }
                  const writtenAt = watch.at(actionId, 'REQUESTED');
                  const sentAt = watch.at(actionId, 'SENT');
                  const acceptedAt = watch.at(actionId, 'ACCEPTED');
                  if (acceptedAt !== undefined) accepted.push(acceptedAt - t0);
                  confirmed.push(at - t0);
                  if (writtenAt !== undefined && sentAt !== undefined && acceptedAt !== undefined) {
                    phases.writeAhead.push(writtenAt - t0);
                    phases.count.push(sentAt - writtenAt);
                    phases.send.push(acceptedAt - sentAt);
                    phases.confirmation.push(at - acceptedAt);
                  }
                  done.push({ view, agent });
                } catch (error) {
                  errors.push(`${step.operation} ${virtualCardId}: ${(error as Error).message}`);
                  return;
                }
              }
            }
          }),
        );
        watch.unsubscribe();
      }),
    );
    const wallMs = performance.now() - started;
    const loadAfter = loadavg()[0] ?? 0;
    const backendMs = backendSummaries(await backend.timings());

    // Let every audit record reach the backend, then count what the backend and the journals hold.
    const settleBy = Date.now() + 60_000;
    while (Date.now() < settleBy && done.some(({ view, agent }) => agent.core.actions.get(view.actionId)?.audit?.journaled !== true)) {
      await new Promise((wait) => setTimeout(wait, 50));
    }
    const script = backendScript(backend.credentials);
    const supervisor = await script.signIn({ agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' });
    const byToken = new Map<string, ActionView[]>();
    for (const { view } of done) byToken.set(view.virtualCardId, [...(byToken.get(view.virtualCardId) ?? []), view]);
    let doubledActions = 0;
    let doubledConfirmations = 0;
    let missing = 0;
    let backendGaps = 0;
    for (const [virtualCardId, views] of byToken) {
      const [history, records] = await Promise.all([script.tokenEvents(supervisor, virtualCardId), script.auditRecords(supervisor, virtualCardId)]);
      for (const view of views) {
        const actions = history.filter((event) => event.kind === 'AGENT_ACTION' && event.correlationId === view.correlationId).length;
        const confirmations = history.filter((event) => event.kind === CONFIRMING_EVENT[view.operation] && 'operationId' in event.detail && event.detail.operationId === view.operationId).length;
        if (actions === 0) missing += 1;
        if (actions > 1) doubledActions += actions - 1;
        if (confirmations > 1) doubledConfirmations += confirmations - 1;
        if (view.operationId !== null && acceptedActions(records).filter(({ record }) => record.correlationId === view.correlationId).length !== 1) backendGaps += 1;
      }
    }
    let journalGaps = 0;
    const journaled = new Map<string, number>();
    for (const agent of agents) {
      const text = await readFile(join(agent.dir, 'audit', 'audit-journal.jsonl'), 'utf8').catch(() => '');
      for (const line of text.split('\n')) {
        if (line.length === 0) continue;
        const { record } = JSON.parse(line) as { record: { actionId: string } };
        journaled.set(record.actionId, (journaled.get(record.actionId) ?? 0) + 1);
      }
    }
    for (const { view } of done) if (journaled.get(view.actionId) !== 1) journalGaps += 1;

    return {
      plan,
      actions: done.length + errors.length,
      errors: errors.length,
      errorSamples: errors.slice(0, 5),
      doubled: { agentActions: doubledActions, confirmations: doubledConfirmations, missing },
      audit: { journalGaps, backendGaps },
      writtenMs: summarise(written),
      acceptedMs: summarise(accepted),
      confirmedMs: summarise(confirmed),
      phases: {
        writeAhead: summarise(phases.writeAhead),
        count: summarise(phases.count),
        send: summarise(phases.send),
        backend: backendMs['POST operations'] ?? summarise([]),
        confirmation: summarise(phases.confirmation),
      },
      backendMs,
      loadAverage: { before: loadBefore, after: loadAfter },
      wallMs,
    };
  } finally {
    await Promise.allSettled(agents.map((agent) => agent.core.close()));
    await backend.stop();
    await rm(root, { recursive: true, force: true });
  }
};
