// Types for electronegativity-report.mjs (the tests import it from TypeScript).

export interface Finding {
  /** Electronegativity check id, e.g. CONTEXT_ISOLATION_JS_CHECK. */
  check: string;
  /** Repository-relative path (posix); null for app-wide (global) checks. */
  file: string | null;
  /** 1-based line; 0 for app-wide checks. */
  line: number;
  /** 1-based column; 0 for app-wide checks. */
  column: number;
  /** HIGH | MEDIUM | LOW | INFORMATIONAL; null where the format does not carry it (SARIF). */
  severity: string | null;
  /** CERTAIN | FIRM | TENTATIVE; null where the format does not carry it (SARIF). */
  confidence: string | null;
  reviewRequired: boolean;
  description: string;
  /** The offending source line; null where the format does not carry it (SARIF). */
  sample: string | null;
}

export interface SummaryRow {
  check: string;
  severity: string | null;
  confidence: string | null;
  count: number;
  files: number;
}

export function parseSarifReport(text: string): Finding[];
export function parseCsvRecords(text: string): string[][];
export function parseCsvReport(text: string): Finding[];
export function parseReport(text: string, format: 'sarif' | 'csv'): Finding[];
export function findingsFromIssues(issues: readonly unknown[]): Finding[];
export function relocate(findings: Finding[], toRepoPath: (file: string) => string): Finding[];
export function sortFindings(findings: Finding[]): Finding[];
export function summarize(findings: Finding[]): SummaryRow[];
export function renderTable(headers: string[], rows: (string | number)[][]): string;
export function formatFinding(finding: Finding): string;
