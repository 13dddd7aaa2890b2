// The pure report helpers behind `npm run test:security` (scripts/lib/electronegativity-report.mjs),
// fed with reports that Electronegativity 1.10.3 really wrote (fixtures/electronegativity-reports).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findingsFromIssues,
  formatFinding,
  parseCsvRecords,
  parseCsvReport,
  parseReport,
  parseSarifReport,
  relocate,
  renderTable,
  sortFindings,
  summarize,
  type Finding,
} from '../../../scripts/lib/electronegativity-report.mjs';

const REPORTS = path.join(import.meta.dirname, 'fixtures', 'electronegativity-reports');
const report = (name: string) => readFileSync(path.join(REPORTS, name), 'utf8');

const INSECURE_CHECKS = [
  'AUXCLICK_JS_CHECK',
  'CONTEXT_ISOLATION_JS_CHECK',
  'CSP_GLOBAL_CHECK',
  'HTTP_RESOURCES_JS_CHECK',
  'LIMIT_NAVIGATION_GLOBAL_CHECK',
  'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
  'SANDBOX_JS_CHECK',
];

describe('parseSarifReport', () => {
  const findings = parseSarifReport(report('insecure.sarif'));

  it('reads every result of a real report', () => {
    expect(findings.map((f) => f.check).sort()).toEqual(INSECURE_CHECKS);
  });

  it('keeps file, 1-based line and column of a finding in a file', () => {
    expect(findings.find((f) => f.check === 'HTTP_RESOURCES_JS_CHECK')).toEqual({
      check: 'HTTP_RESOURCES_JS_CHECK',
      file: 'main.ts',
      line: 6,
      column: 8,
      severity: null,
      confidence: null,
      reviewRequired: false,
      description: 'Do not allow insecure HTTP connections',
      sample: null,
    });
  });

  it('gives app-wide checks no file and line 0 (SARIF says file:/// and line 1)', () => {
    const csp = findings.find((f) => f.check === 'CSP_GLOBAL_CHECK');
    expect(csp).toMatchObject({ file: null, line: 0, column: 0 });
  });

  it('reads level "note" as review required', () => {
    const sarif = JSON.stringify({
      version: '2.1.0',
      runs: [
        {
          results: [
            {
              ruleId: 'OPEN_EXTERNAL_JS_CHECK',
              level: 'note',
              message: { text: 'Review the use of openExternal' },
              locations: [
                { physicalLocation: { artifactLocation: { uri: 'electron\\main\\index.ts' }, region: { startLine: 29, startColumn: 29 } } },
              ],
            },
          ],
        },
      ],
    });
    expect(parseSarifReport(sarif)).toEqual([
      expect.objectContaining({ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main/index.ts', line: 29, column: 29, reviewRequired: true }),
    ]);
  });

  it('reads an empty run as no findings', () => {
    expect(parseSarifReport(JSON.stringify({ version: '2.1.0', runs: [{ results: [] }] }))).toEqual([]);
  });

  it.each([
    ['truncated JSON', report('insecure.sarif').slice(0, 200), /not valid JSON/],
    ['another document', JSON.stringify({ hello: 'world' }), /not a SARIF 2\.1\.0 document/],
    ['a result without ruleId', JSON.stringify({ version: '2.1.0', runs: [{ results: [{ level: 'warning' }] }] }), /result 0 has no ruleId/],
  ])('refuses %s rather than reporting zero findings', (_what, text, error) => {
    expect(() => parseSarifReport(text)).toThrow(error);
  });
});

describe('parseCsvReport', () => {
  it('reads a real report with severity, confidence and sample', () => {
    const findings = parseCsvReport(report('insecure.csv'));
    expect(findings.map((f) => f.check).sort()).toEqual(INSECURE_CHECKS);
    expect(findings.find((f) => f.check === 'CONTEXT_ISOLATION_JS_CHECK')).toEqual({
      check: 'CONTEXT_ISOLATION_JS_CHECK',
      file: 'main.ts',
      line: 5,
      column: 76,
      severity: 'HIGH',
      confidence: 'FIRM',
      reviewRequired: false,
      description: 'Review the use of the contextIsolation option',
      sample: 'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });',
    });
    expect(findings.find((f) => f.check === 'LIMIT_NAVIGATION_GLOBAL_CHECK')).toMatchObject({
      file: null,
      line: 0,
      column: 0,
      sample: null,
      severity: 'HIGH',
    });
  });

  it('refuses the real report whose header overwrote the first row (the writer races itself)', () => {
    expect(() => parseCsvReport(report('insecure-header-race.csv'))).toThrow(/CSV row 1 has 2 fields/);
  });

  it('refuses a file without the header', () => {
    expect(() => parseCsvReport('SANDBOX_JS_CHECK,"MEDIUM","FIRM","a.ts","1:0",N/A,"x",u\n')).toThrow(/unexpected CSV header/);
  });

  it('reads a header-only report as no findings', () => {
    expect(parseCsvReport('issue, severity, confidence, filename, location, sample, description, url\r\n')).toEqual([]);
  });

  it('handles commas, doubled quotes and line breaks inside quoted fields, and CRLF', () => {
    expect(parseCsvRecords('a,"b, ""c""",d\r\n"e\nf",,g\n')).toEqual([
      ['a', 'b, "c"', 'd'],
      ['e\nf', '', 'g'],
    ]);
    expect(() => parseCsvRecords('a,"b')).toThrow(/inside a quoted field/);
  });
});

describe('parseReport', () => {
  it('dispatches on the format and agrees across formats on what was found', () => {
    const fromSarif = parseReport(report('insecure.sarif'), 'sarif');
    const fromCsv = parseReport(report('insecure.csv'), 'csv');
    const key = (f: Finding) => `${f.check} ${f.file ?? '-'} ${f.line}:${f.column}`;
    expect(fromSarif.map(key).sort()).toEqual(fromCsv.map(key).sort());
  });

  it('refuses an unknown format', () => {
    expect(() => parseReport('', 'xml' as 'csv')).toThrow(/unknown format/);
  });
});

describe('findingsFromIssues (programmatic API results)', () => {
  const issue = {
    id: 'SANDBOX_JS_CHECK',
    file: 'electron/main/index.ts',
    location: { line: 27, column: 31 },
    severity: { value: 2, name: 'MEDIUM' },
    confidence: { value: 1, name: 'FIRM' },
    description: 'Use sandbox for untrusted origins',
    sample: 'createWindow: (options) => new BrowserWindow(options),',
    manualReview: false,
  };

  it('converts the 0-based column and keeps severity, confidence and sample', () => {
    expect(findingsFromIssues([issue])).toEqual([
      {
        check: 'SANDBOX_JS_CHECK',
        file: 'electron/main/index.ts',
        line: 27,
        column: 32,
        severity: 'MEDIUM',
        confidence: 'FIRM',
        reviewRequired: false,
        description: 'Use sandbox for untrusted origins',
        sample: 'createWindow: (options) => new BrowserWindow(options),',
      },
    ]);
  });

  it('maps N/A files to app-wide findings', () => {
    const [global] = findingsFromIssues([{ ...issue, id: 'CSP_GLOBAL_CHECK', file: 'N/A', location: { line: 0, column: 0 }, sample: undefined }]);
    expect(global).toMatchObject({ file: null, line: 0, column: 0, sample: null });
  });
});

describe('summary and output', () => {
  const findings = parseCsvReport(report('insecure.csv'));

  it('sorts most severe first', () => {
    expect(sortFindings(findings).map((f) => f.severity)).toEqual(['HIGH', 'HIGH', 'MEDIUM', 'MEDIUM', 'MEDIUM', 'MEDIUM', 'MEDIUM']);
  });

  it('summarises per check with counts and distinct files', () => {
    const twice = [...findings, { ...findings.find((f) => f.check === 'SANDBOX_JS_CHECK')!, file: 'other.ts' }];
    expect(summarize(twice).find((r) => r.check === 'SANDBOX_JS_CHECK')).toEqual({
      check: 'SANDBOX_JS_CHECK',
      severity: 'MEDIUM',
      confidence: 'FIRM',
      count: 2,
      files: 2,
    });
    expect(summarize([])).toEqual([]);
  });

  it('maps staged paths back to repository paths and leaves app-wide findings alone', () => {
    const moved = relocate(findings, (f) => `electron/main/${f}`);
    expect(moved.find((f) => f.check === 'SANDBOX_JS_CHECK')?.file).toBe('electron/main/main.ts');
    expect(moved.find((f) => f.check === 'CSP_GLOBAL_CHECK')?.file).toBeNull();
  });

  it('renders an aligned plain-text table', () => {
    expect(renderTable(['check', 'n'], [['A_CHECK', 1], ['B', 10]])).toBe(
      ['check    n', '-------  --', 'A_CHECK  1', 'B        10'].join('\n'),
    );
  });

  it('prints a finding with its place, sample and wiki link', () => {
    const text = formatFinding(findings.find((f) => f.check === 'HTTP_RESOURCES_JS_CHECK')!);
    expect(text).toContain('MEDIUM/CERTAIN  HTTP_RESOURCES_JS_CHECK  main.ts:6:8');
    expect(text).toContain("void win.loadURL('http://example.com/console');");
    expect(text).toContain('https://github.com/doyensec/electronegativity/wiki/HTTP_RESOURCES_JS_CHECK');
    expect(formatFinding(findings.find((f) => f.check === 'CSP_GLOBAL_CHECK')!)).toContain('(app-wide check)');
  });
});
