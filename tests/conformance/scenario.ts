import type { TrainingCredentials } from '../../shared/api/training-credentials';
import type { ConformanceClient } from './client';
import type { ConformanceTestData } from './test-data';

/**
 * One conformance scenario: a claim the Token Care API makes, checked against a running backend
 * over real HTTP. The same definitions run in `npm test` against the training backend and from
 * `npm run conformance` against any backend.
 */
export type Area = 'authentication' | 'search' | 'transitions' | 'idempotency' | 'audit' | 'event stream' | 'callbacks' | 'errors';

export interface ScenarioContext {
  readonly client: ConformanceClient;
  readonly credentials: TrainingCredentials;
  /** The backend's test data (docs/backend.md, "Test data the kit needs"); null when none was given. */
  readonly testData: ConformanceTestData | null;
  /** How long to wait for a change the backend does later (the TSP's confirmation, an event). */
  readonly settleMs: number;
}

/** A scenario either proves its claim or says why it could not try; a failure is thrown (`fail`). */
export type ScenarioOutcome = { readonly status: 'passed'; readonly detail: string } | { readonly status: 'skipped'; readonly reason: string };

export interface Scenario {
  /** Unique, stable, short: what `--only` matches. */
  readonly name: string;
  readonly area: Area;
  /** What a pass proves, in one sentence. */
  readonly proves: string;
  run(context: ScenarioContext): Promise<ScenarioOutcome>;
}

export const passed = (detail: string): ScenarioOutcome => ({ status: 'passed', detail });
export const skipped = (reason: string): ScenarioOutcome => ({ status: 'skipped', reason });

/** The backend broke the contract: the message says what was expected and what came. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
}

export const fail = (message: string): never => {
  throw new ConformanceFailure(message);
};

export const check = (condition: boolean, message: string): void => {
  if (!condition) fail(message);
};

export const NO_TEST_DATA = 'no test data for this backend: pass --test-data FILE (docs/backend.md, "Test data the kit needs")';

/** Runs `body` and then `cleanup`; a cleanup that fails after a pass is the scenario's failure, one after a failure does not hide it. */
export const withCleanup = async <T>(body: () => Promise<T>, cleanup: () => Promise<void>): Promise<T> => {
  let result: T;
  try {
    result = await body();
  } catch (error) {
    await cleanup().catch(() => undefined);
    throw error;
  }
  await cleanup();
  return result;
};
