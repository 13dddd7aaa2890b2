import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { TrainingCredentials } from '../../shared/api/training-credentials';
import { TrainingClock } from '../../shared/api/training';
import { createConformanceClient, pathOf } from './client';
import { summaryOf, tableOf } from './report';
import { runScenarios, selectScenarios } from './runner';
import type { Scenario } from './scenario';
import { ConformanceTestData, TRAINING_TEST_DATA } from './test-data';

/**
 *   npm run conformance -- --base-url URL --credentials FILE [--test-data FILE] [--only TEXT] [--json]
 *
 * Runs the kit against a backend and prints each scenario with its result and why. Exit status:
 * 0 when none failed, 1 when one did, 2 when the command line or a file it names is wrong.
 */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const USAGE = `Usage: npm run conformance -- --base-url URL --credentials FILE [--test-data FILE] [--only TEXT] [--json]
  --base-url URL       the backend to check (http or https)
  --credentials FILE   the credentials file: agents, the workstation's and the platform's client keys
                       (the training backend writes one with --credentials-out)
  --test-data FILE     what the kit may use on this backend (docs/backend.md, "Test data the kit needs");
                       the training backend's own is used when the backend is one
  --only TEXT          only the scenarios whose name or area contains TEXT
  --json               one JSON document for a CI system instead of the table
  --settle-ms N        how long to wait for a change the backend makes later (default 15000)`;

class UsageError extends Error {}

const schemaProblem = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`)
    .join('; ');

/** Reads a JSON file and checks it against its schema, or says what is wrong with it. */
const readJsonFile = async <S extends z.ZodType>(file: string, schema: S, what: string): Promise<z.output<S>> => {
  let text: string;
  try {
    text = await readFile(resolve(file), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`the ${what} file ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new UsageError(`the ${what} file ${file} is not a valid ${what} file: ${schemaProblem(parsed.error)}`);
  return parsed.data;
};

const parseBaseUrl = (value: string | undefined): string => {
  if (value === undefined || value === '') throw new UsageError('missing --base-url URL: the backend to check');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--base-url must be a URL such as https://backend.example:8443, not "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--base-url must be http or https, not ${url.protocol}`);
  return value.replace(/\/+$/, '');
};

/** The training backend answers its own clock to the platform; any other backend does not, and has no seeded test data. */
const isTrainingBackend = async (baseUrl: string, credentials: TrainingCredentials): Promise<boolean> => {
  try {
    const client = await createConformanceClient(baseUrl, credentials);
    const answer = await client.platform.get(pathOf('getTrainingClock'));
    return answer.status === 200 && TrainingClock.safeParse(answer.json).success;
  } catch {
    return false;
  }
};

export const runCli = async (argv: readonly string[], io: CliIo, all: readonly Scenario[]): Promise<number> => {
  try {
    let values;
    try {
      ({ values } = parseArgs({
        args: [...argv],
        options: {
          'base-url': { type: 'string' },
          credentials: { type: 'string' },
          'test-data': { type: 'string' },
          only: { type: 'string' },
          json: { type: 'boolean', default: false },
          'settle-ms': { type: 'string' },
          help: { type: 'boolean', default: false },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const baseUrl = parseBaseUrl(values['base-url']);
    if (values.credentials === undefined || values.credentials === '') throw new UsageError('missing --credentials FILE: the agents and client keys to call the backend with');
    const settleMs = values['settle-ms'] === undefined ? undefined : Number(values['settle-ms']);
    if (settleMs !== undefined && !(Number.isInteger(settleMs) && settleMs >= 100 && settleMs <= 600_000)) {
      throw new UsageError(`--settle-ms must be a whole number of milliseconds from 100 to 600000, not "${values['settle-ms']}"`);
    }
    if (selectScenarios(all, values.only).length === 0) throw new UsageError(`--only "${values.only ?? ''}" matches no scenario; they are: ${all.map((scenario) => scenario.name).join(', ')}`);
    const credentials = await readJsonFile(values.credentials, TrainingCredentials, 'credentials');
    let testData: ConformanceTestData | null = null;
    let testDataSource = 'none (scenarios that need test data are skipped)';
    if (values['test-data'] !== undefined) {
      testData = await readJsonFile(values['test-data'], ConformanceTestData, 'test data');
      testDataSource = values['test-data'];
    } else if (await isTrainingBackend(baseUrl, credentials)) {
      testData = TRAINING_TEST_DATA;
      testDataSource = "the training backend's seed";
    }

    const results = await runScenarios(all, { baseUrl, credentials, testData, only: values.only, ...(settleMs === undefined ? {} : { settleMs }) });
    const summary = summaryOf(results);
    if (values.json) {
      io.out(JSON.stringify({ baseUrl, testData: testDataSource, summary, results }, null, 2));
    } else {
      io.out(`Token Care API conformance of ${baseUrl}\ntest data: ${testDataSource}\n\n${tableOf(results)}`);
    }
    return summary.failed > 0 ? 1 : 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`conformance: ${error.message}\n\n${USAGE}`);
    return 2;
  }
};
