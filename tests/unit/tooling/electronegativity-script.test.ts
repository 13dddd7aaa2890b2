// scripts/electronegativity.mjs end to end on two fixture folders: an insecure main process fails the
// scan, a secure one (with the buildWindowOptions() false positive suppressed in place) passes.
// Electronegativity spends about 8 s failing to reach the network, so both scans run at once.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSarifReport } from '../../../scripts/lib/electronegativity-report.mjs';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'electronegativity');
const out = mkdtempSync(path.join(tmpdir(), 'token-desk-eng-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function scan(fixture: string): Promise<{ code: number; stdout: string; stderr: string; report: string }> {
  const report = path.join(out, `${fixture}.sarif`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['scripts/electronegativity.mjs', '--report', report, path.join(FIXTURES, fixture)],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr, report });
      },
    );
  });
}

describe('scripts/electronegativity.mjs', () => {
  const runs = Promise.all([scan('insecure'), scan('clean')]);

  it('fails with the findings of an insecure main process', { timeout: 120_000 }, async () => {
    const [insecure] = await runs;
    expect(insecure.stderr).toBe('');
    expect(insecure.code).toBe(1);
    for (const check of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']) {
      expect(insecure.stdout).toContain(check);
    }
    expect(insecure.stdout).toContain('tests/unit/tooling/fixtures/electronegativity/insecure/main.ts:5:');
    expect(insecure.stdout).toMatch(/FAIL\s*$/);
    expect(parseSarifReport(readFileSync(insecure.report, 'utf8')).length).toBeGreaterThanOrEqual(4);
  });

  it('passes a secure main process whose false positive is suppressed on its line', { timeout: 120_000 }, async () => {
    const [, clean] = await runs;
    expect(clean.stderr).toBe('');
    expect(clean.stdout).toContain('0 findings, 0 unparsed files in 2 scanned');
    expect(clean.code).toBe(0);
    expect(parseSarifReport(readFileSync(clean.report, 'utf8'))).toEqual([]);
  });
});
