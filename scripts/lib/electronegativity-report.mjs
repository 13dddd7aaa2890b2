// Pure helpers for Electronegativity 1.10.3 results: read its SARIF or CSV report, or the issue objects
// its programmatic API returns, into one Finding shape; summarise and print them. No I/O here, so the
// parsing is unit-tested (tests/unit/tooling/electronegativity-report.test.ts).
//
// Report quirks handled (seen in dist/util/file.js of 1.10.3):
// - SARIF has no severity or confidence; `level: "note"` means "review required", `warning` otherwise.
// - SARIF columns are 1-based; CSV `line:column` and the API's `location` are 0-based columns.
// - App-wide (global) findings have no file: SARIF `file:///`, CSV and API `N/A`, line 0.
// - CSV quotes every field but the first and the url; an absent value is a bare N/A.

const WIKI = 'https://github.com/doyensec/electronegativity/wiki/';
const CSV_HEADER = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'];

/** @typedef {import('./electronegativity-report.d.mts').Finding} Finding */

/** @param {unknown} file */
function normaliseFile(file) {
  if (typeof file !== 'string' || file === '' || file === 'N/A' || file === 'file:///') return null;
  return file.replace(/\\/g, '/');
}

/** @param {string} message */
function reportError(message) {
  return new Error(`Electronegativity report: ${message}`);
}

/**
 * @param {string} text the content of a `.sarif` file written by Electronegativity
 * @returns {Finding[]}
 */
export function parseSarifReport(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw reportError(`not valid JSON (${/** @type {Error} */ (error).message})`);
  }
  const run = doc?.runs?.[0];
  if (doc?.version !== '2.1.0' || !run || !Array.isArray(run.results)) {
    throw reportError('not a SARIF 2.1.0 document with runs[0].results');
  }
  return run.results.map((/** @type {any} */ result, /** @type {number} */ index) => {
    if (typeof result?.ruleId !== 'string') throw reportError(`result ${index} has no ruleId`);
    const location = result.locations?.[0]?.physicalLocation;
    const file = normaliseFile(location?.artifactLocation?.uri);
    const region = location?.region ?? {};
    return {
      check: result.ruleId,
      file,
      line: file === null ? 0 : Number(region.startLine ?? 0),
      column: file === null ? 0 : Number(region.startColumn ?? 0),
      severity: null,
      confidence: null,
      reviewRequired: result.level === 'note',
      description: String(result.message?.text ?? ''),
      sample: null,
    };
  });
}

/**
 * RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
 * @param {string} text
 * @returns {string[][]}
 */
export function parseCsvRecords(text) {
  /** @type {string[][]} */
  const records = [];
  /** @type {string[]} */
  let record = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else {
      field += c;
    }
    i += 1;
  }
  if (quoted) throw reportError('CSV ends inside a quoted field');
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

/**
 * @param {string} text the content of a `.csv` file written by Electronegativity
 * @returns {Finding[]}
 */
export function parseCsvReport(text) {
  const [header, ...rows] = parseCsvRecords(text.replace(/^\uFEFF/, ''));
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  if (names.join(',') !== CSV_HEADER.join(',')) {
    throw reportError(`unexpected CSV header: ${JSON.stringify(header ?? [])}`);
  }
  return rows.map((row, index) => {
    if (row.length !== CSV_HEADER.length) {
      throw reportError(`CSV row ${index + 1} has ${row.length} fields, expected ${CSV_HEADER.length}`);
    }
    const [check = '', severity, confidence, filename, location, sample, description] = row;
    const value = (/** @type {string | undefined} */ v) => (v === undefined || v === 'N/A' ? null : v);
    const file = normaliseFile(filename);
    const match = /^(\d+):(\d+)$/.exec(location ?? '');
    return {
      check: check.trim(),
      file,
      line: match ? Number(match[1]) : 0,
      column: match && file !== null ? Number(match[2]) + 1 : 0,
      severity: value(severity),
      confidence: value(confidence),
      reviewRequired: false,
      description: value(description) ?? '',
      sample: value(sample),
    };
  });
}

/**
 * @param {string} text
 * @param {'sarif' | 'csv'} format
 * @returns {Finding[]}
 */
export function parseReport(text, format) {
  if (format === 'sarif') return parseSarifReport(text);
  if (format === 'csv') return parseCsvReport(text);
  throw reportError(`unknown format ${JSON.stringify(format)}`);
}

/**
 * The issue objects returned by `require('@doyensec/electronegativity')(options)`.
 * @param {readonly any[]} issues
 * @returns {Finding[]}
 */
export function findingsFromIssues(issues) {
  return issues.map((issue) => {
    const file = normaliseFile(issue.file);
    return {
      check: String(issue.id),
      file,
      line: file === null ? 0 : Number(issue.location?.line ?? 0),
      column: file === null ? 0 : Number(issue.location?.column ?? 0) + 1,
      severity: issue.severity?.name ?? null,
      confidence: issue.confidence?.name ?? null,
      reviewRequired: Boolean(issue.manualReview),
      description: String(issue.description ?? ''),
      sample: typeof issue.sample === 'string' ? issue.sample : null,
    };
  });
}

/**
 * Map staged paths back to repository paths (the scan runs on a copy of the shipped folders).
 * @param {Finding[]} findings
 * @param {(file: string) => string} toRepoPath
 * @returns {Finding[]}
 */
export function relocate(findings, toRepoPath) {
  return findings.map((f) => (f.file === null ? f : { ...f, file: toRepoPath(f.file) }));
}

const SEVERITY_ORDER = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

/**
 * Findings sorted most severe first, then by file and position.
 * @param {Finding[]} findings
 */
export function sortFindings(findings) {
  const rank = (/** @type {Finding} */ f) => {
    const i = SEVERITY_ORDER.indexOf(f.severity ?? '');
    return i === -1 ? SEVERITY_ORDER.length : i;
  };
  return [...findings].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.file ?? '').localeCompare(b.file ?? '') ||
      a.line - b.line ||
      a.column - b.column ||
      a.check.localeCompare(b.check),
  );
}

/**
 * One row per check: how many findings, the worst severity, how many files.
 * @param {Finding[]} findings
 * @returns {import('./electronegativity-report.d.mts').SummaryRow[]}
 */
export function summarize(findings) {
  /** @type {Map<string, import('./electronegativity-report.d.mts').SummaryRow & { fileSet: Set<string> }>} */
  const rows = new Map();
  for (const f of sortFindings(findings)) {
    const row = rows.get(f.check) ?? {
      check: f.check,
      severity: f.severity,
      confidence: f.confidence,
      count: 0,
      files: 0,
      fileSet: new Set(),
    };
    row.count += 1;
    row.fileSet.add(f.file ?? '(app-wide)');
    row.files = row.fileSet.size;
    rows.set(f.check, row);
  }
  return [...rows.values()].map(({ fileSet: _fileSet, ...row }) => row);
}

/**
 * A plain-text table (no colours: CI logs keep it readable).
 * @param {string[]} headers
 * @param {(string | number)[][]} rows
 */
export function renderTable(headers, rows) {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (/** @type {string[]} */ r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(cells[0] ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/**
 * @param {Finding} f
 */
export function formatFinding(f) {
  const where = f.file === null ? '(app-wide check)' : `${f.file}:${f.line}:${f.column}`;
  const level = [f.severity, f.confidence].filter(Boolean).join('/') || 'finding';
  const lines = [`${level}  ${f.check}  ${where}${f.reviewRequired ? '  [review required]' : ''}`];
  if (f.sample) lines.push(`    ${f.sample}`);
  lines.push(`    ${f.description} (${WIKI}${f.check})`);
  return lines.join('\n');
}
