import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxWithCredentials, writeCredentialsFile, type Sandbox } from '../../sandbox/index';
import { TrainingCredentials } from '../../shared/api/training-credentials';
import { createConformanceClient, pathOf } from './client';
import { runCli } from './cli';
import { scenarios } from './scenarios/index';

/**
 * The kit's command line: wrong arguments and files are refused with a clear message and exit
 * status 2 before anything is called; a scenario the backend fails makes it exit 1 and print why.
 */
let sandbox: Sandbox;
let folder: string;
let credentialsFile: string;

beforeAll(async () => {
  const started = await startSandboxWithCredentials({ port: 0 });
  sandbox = started.sandbox;
  folder = await mkdtemp(join(tmpdir(), 'conformance-cli-'));
  credentialsFile = join(folder, 'credentials.json');
  await writeCredentialsFile(credentialsFile, started.credentials);
}, 60_000);

afterAll(async () => {
  await sandbox.close();
  await rm(folder, { recursive: true, force: true });
});

const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (text) => out.push(text), err: (text) => err.push(text) }, scenarios);
  return { code, out: out.join('\n'), err: err.join('\n') };
};

describe('conformance CLI arguments', () => {
  it('refuses a missing --base-url', async () => {
    const result = await cli('--credentials', 'whatever.json');
    expect(result).toMatchObject({ code: 2, out: '' });
    expect(result.err).toContain('missing --base-url URL');
    expect(result.err).toContain('Usage: npm run conformance');
  });

  it('refuses a base URL that is not http or https', async () => {
    expect((await cli('--base-url', 'ftp://backend', '--credentials', credentialsFile)).err).toContain('--base-url must be http or https');
    expect((await cli('--base-url', 'backend:8443', '--credentials', credentialsFile)).code).toBe(2);
  });

  it('refuses a missing --credentials', async () => {
    const result = await cli('--base-url', sandbox.baseUrl);
    expect(result.code).toBe(2);
    expect(result.err).toContain('missing --credentials FILE');
  });

  it('refuses an unreadable credentials file, naming it', async () => {
    const missing = join(folder, 'no-such-file.json');
    const result = await cli('--base-url', sandbox.baseUrl, '--credentials', missing);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`cannot read the credentials file ${missing}`);
  });

  it('refuses a credentials file that is not JSON', async () => {
    const file = join(folder, 'not-json.json');
    await writeFile(file, 'baseUrl: http://127.0.0.1\n');
    const result = await cli('--base-url', sandbox.baseUrl, '--credentials', file);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`the credentials file ${file} is not JSON`);
  });

  it('refuses a credentials file without the platform client, naming the field', async () => {
    const file = join(folder, 'no-platform.json');
    const { platform: _platform, ...rest } = JSON.parse(await readFile(credentialsFile, 'utf8')) as Record<string, unknown>;
    await writeFile(file, JSON.stringify(rest));
    const result = await cli('--base-url', sandbox.baseUrl, '--credentials', file);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/is not a valid credentials file: platform: /);
  });

  it('refuses an unknown option and an --only that matches nothing', async () => {
    expect((await cli('--base-url', sandbox.baseUrl, '--credentials', credentialsFile, '--verbose')).err).toContain("Unknown option '--verbose'");
    const none = await cli('--base-url', sandbox.baseUrl, '--credentials', credentialsFile, '--only', 'no-such-scenario');
    expect(none.code).toBe(2);
    expect(none.err).toContain('matches no scenario');
  });

  it('refuses a test data file that does not fit its schema', async () => {
    const file = join(folder, 'test-data.json');
    await writeFile(file, JSON.stringify({ searchQuery: 'x', cards: [] }));
    const result = await cli('--base-url', sandbox.baseUrl, '--credentials', credentialsFile, '--test-data', file);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/is not a valid test data file: cards: /);
  });
});

describe('conformance CLI runs', () => {
  it("passes the training backend's search paging, with its seeded test data found by itself", async () => {
    const result = await cli('--base-url', sandbox.baseUrl, '--credentials', credentialsFile, '--only', 'search');
    expect(result.err).toBe('');
    expect(result.out).toContain("test data: the training backend's seed");
    expect(result.out).toMatch(/PASS\s+search\s+search\.cursor-pages/);
    expect(result.code).toBe(0);
  });

  it('exits 1 and prints the reason when the backend breaks a scenario (the script itself, with --json)', async () => {
    const credentials = TrainingCredentials.parse(JSON.parse(await readFile(credentialsFile, 'utf8')));
    const client = await createConformanceClient(sandbox.baseUrl, credentials);
    // Every search answers without a field its schema requires.
    const injected = await client.platform.post(pathOf('injectFault'), { match: { method: 'GET', pathPrefix: '/api/v1/cardholders' }, fault: 'schema-break', times: 50 });
    expect(injected.status).toBe(201);
    try {
      const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/conformance.ts', '--base-url', sandbox.baseUrl, '--credentials', credentialsFile, '--only', 'search', '--json'], { timeout: 60_000 }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code?: number; stdout?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '' }),
      );
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { summary: { failed: number }; results: { name: string; status: string; detail: string }[] };
      expect(report.summary.failed).toBe(1);
      expect(report.results[0]).toMatchObject({ name: 'search.cursor-pages', status: 'failed' });
      expect(report.results[0]?.detail).toContain("does not match the API's schema");
    } finally {
      await client.platform.del(pathOf('clearFaults'));
    }
  });
});
