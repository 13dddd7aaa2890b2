import type { ScenarioResult } from './runner';

/** The results as a table for a person: one line per scenario, the reason wrapped under it, and a count. */
const LABEL: Record<ScenarioResult['status'], string> = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' };

const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
};

export const summaryOf = (results: readonly ScenarioResult[]): Record<ScenarioResult['status'], number> => ({
  passed: results.filter((result) => result.status === 'passed').length,
  failed: results.filter((result) => result.status === 'failed').length,
  skipped: results.filter((result) => result.status === 'skipped').length,
});

export const tableOf = (results: readonly ScenarioResult[]): string => {
  const nameWidth = Math.max(8, ...results.map((result) => result.name.length));
  const areaWidth = Math.max(4, ...results.map((result) => result.area.length));
  const lines = [`result  ${'area'.padEnd(areaWidth)}  scenario`, `------  ${'-'.repeat(areaWidth)}  ${'-'.repeat(nameWidth)}`];
  for (const result of results) {
    lines.push(`${LABEL[result.status].padEnd(6)}  ${result.area.padEnd(areaWidth)}  ${result.name}`);
    for (const line of wrap(result.detail, 100)) lines.push(`        ${line}`);
  }
  const summary = summaryOf(results);
  lines.push('', `${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  return lines.join('\n');
};
