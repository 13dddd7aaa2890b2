import type { TrainingCredentials } from '../../shared/api/training-credentials';
import { createConformanceClient } from './client';
import { ConformanceFailure, type Area, type Scenario } from './scenario';
import type { ConformanceTestData } from './test-data';

export interface ScenarioResult {
  readonly name: string;
  readonly area: Area;
  readonly proves: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** What passed, why it was skipped, or why it failed. */
  readonly detail: string;
}

export interface RunOptions {
  readonly baseUrl: string;
  readonly credentials: TrainingCredentials;
  readonly testData: ConformanceTestData | null;
  /** Only scenarios whose name or area contains this text (case-insensitive). */
  readonly only?: string | undefined;
  readonly settleMs?: number;
  /** One scenario's budget, beyond which it fails. */
  readonly scenarioTimeoutMs?: number;
}

const DEFAULT_SETTLE_MS = 15_000;
const DEFAULT_SCENARIO_TIMEOUT_MS = 90_000;

export const selectScenarios = (all: readonly Scenario[], only: string | undefined): Scenario[] => {
  if (only === undefined) return [...all];
  const wanted = only.toLowerCase();
  return all.filter((scenario) => scenario.name.toLowerCase().includes(wanted) || scenario.area.toLowerCase().includes(wanted));
};

const withTimeout = async <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new ConformanceFailure(`no result within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
};

/** Why a scenario failed: the kit's own finding, or what went wrong on the way (a refused connection, a broken body). */
const reasonOf = (error: unknown): string => {
  if (error instanceof ConformanceFailure) return error.message;
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
};

/** Runs the scenarios one after another (they act on the same backend), each to a result. */
export const runScenarios = async (all: readonly Scenario[], options: RunOptions): Promise<ScenarioResult[]> => {
  const client = await createConformanceClient(options.baseUrl, options.credentials);
  const context = { client, credentials: options.credentials, testData: options.testData, settleMs: options.settleMs ?? DEFAULT_SETTLE_MS };
  const results: ScenarioResult[] = [];
  try {
    for (const scenario of selectScenarios(all, options.only)) {
      const base = { name: scenario.name, area: scenario.area, proves: scenario.proves };
      try {
        const outcome = await withTimeout(scenario.run(context), options.scenarioTimeoutMs ?? DEFAULT_SCENARIO_TIMEOUT_MS);
        results.push(outcome.status === 'passed' ? { ...base, status: 'passed', detail: outcome.detail } : { ...base, status: 'skipped', detail: outcome.reason });
      } catch (error) {
        results.push({ ...base, status: 'failed', detail: reasonOf(error) });
      }
    }
  } finally {
    await client.close();
  }
  return results;
};
