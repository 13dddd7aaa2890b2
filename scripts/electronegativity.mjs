#!/usr/bin/env node
// npm run test:security — Electronegativity over the source folders that ship, failing on any finding.
//
//   node scripts/electronegativity.mjs [--report <file.sarif>] [folder ...]
//
// Folders default to the shipped layers below (relative to the repository root). Exit 0 when clean,
// 1 on any finding or any file Electronegativity could not parse, 2 when it could not run at all.
//
// Why it works the way it does:
// - The TypeScript sources are scanned, not dist-electron: a verified false positive is suppressed in
//   the source with `/* eng-disable CHECK_ID */` on the finding's own line, and the bundler drops
//   those comments, so a scan of the bundle could never be made clean. (Bundling adds no Electron
//   calls of its own.)
// - Electronegativity takes one input folder, so the shipped folders are copied into a temporary
//   folder (tests, sandbox, dev-bridge and scripts stay out). .mts/.cts/.mjs/.cjs are renamed to
//   .ts/.js there, as Electronegativity silently skips other extensions.
// - It runs through its documented programmatic API, not the CLI: the CLI with `-o` drops the list
//   of files it failed to parse (it prints them only without `-o`), and an unparsed file would pass
//   unseen. The API returns parse errors and findings with severity and confidence; the SARIF report
//   it writes is kept for CI and read back as a cross-check.
// - Offline it fails to fetch translations and Electron's release list (about 10 s); that is
//   expected and harmless: the Electron version is passed explicitly, so no check depends on it.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  findingsFromIssues,
  formatFinding,
  parseSarifReport,
  relocate,
  renderTable,
  sortFindings,
  summarize,
} from './lib/electronegativity-report.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHIPPED = ['electron/main', 'electron/preload', 'electron/core', 'renderer', 'shared'];
const SCANNED_EXTENSIONS = new Map([
  ['.ts', '.ts'],
  ['.tsx', '.tsx'],
  ['.mts', '.ts'],
  ['.cts', '.ts'],
  ['.js', '.js'],
  ['.jsx', '.jsx'],
  ['.mjs', '.js'],
  ['.cjs', '.js'],
  ['.html', '.html'],
  ['.htm', '.htm'],
]);
const NOT_SHIPPED = /(\.d\.[mc]?ts|\.(test|spec)\.[cm]?[jt]sx?)$/;

const require = createRequire(import.meta.url);

/** Could not run at all (exit 2), as opposed to a scan that found something (exit 1). */
class UsageError extends Error {}
function fail(message) {
  throw new UsageError(message);
}

function parseCommandLine() {
  try {
    const { values, positionals } = parseArgs({
      options: { report: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) {
      console.log('usage: node scripts/electronegativity.mjs [--report <file.sarif>] [folder ...]');
      process.exit(0);
    }
    const report = path.resolve(values.report ?? path.join(ROOT, 'test-results', 'electronegativity.sarif'));
    if (!report.endsWith('.sarif')) fail('--report must name a .sarif file');
    const folders = positionals.length > 0 ? positionals.map((p) => path.resolve(p)) : SHIPPED.map((p) => path.join(ROOT, p));
    return { report, folders };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return fail(error.message);
  }
}

function displayPath(file) {
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}

/**
 * Where a file goes in the staging folder and how it is named in messages: its repository-relative
 * posix path, or for a folder outside the repository (an ad-hoc scan) its absolute path.
 */
function stagingName(absolute) {
  const rel = path.relative(ROOT, absolute);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    const posix = absolute.split(path.sep).join('/');
    return { staged: `_outside/${posix.replace(/^[A-Za-z]:/, '').replace(/^\/+/, '')}`, shown: posix };
  }
  const posix = rel.split(path.sep).join('/');
  return { staged: posix, shown: posix };
}

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

/** Copy the scannable files of `folders` into `stage`; returns staged path -> path shown in messages. */
function stageSources(folders, stage) {
  const origin = new Map();
  const notes = [];
  for (const folder of folders) {
    const rel = stagingName(folder).shown;
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      notes.push(`${rel}/ (missing)`);
      continue;
    }
    let count = 0;
    for (const file of walk(folder)) {
      const ext = path.extname(file).toLowerCase();
      const stagedExt = SCANNED_EXTENSIONS.get(ext);
      if (!stagedExt || NOT_SHIPPED.test(file)) continue;
      const { staged, shown } = stagingName(file);
      const stagedRel = staged.slice(0, staged.length - ext.length) + stagedExt;
      if (origin.has(stagedRel)) fail(`${shown} and ${origin.get(stagedRel)} would share one name in the scan`);
      mkdirSync(path.dirname(path.join(stage, stagedRel)), { recursive: true });
      cpSync(file, path.join(stage, stagedRel));
      origin.set(stagedRel, shown);
      count += 1;
    }
    notes.push(`${rel}/ (${count} file${count === 1 ? '' : 's'})`);
  }
  return { origin, notes };
}

function electronVersion() {
  try {
    return JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  } catch {
    return fail('cannot read the installed electron version (node_modules/electron/package.json); run npm ci');
  }
}

/** Electronegativity writes the report with an unawaited fs.writeFile after run() resolves. */
async function readReportWhenWritten(file, expected) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const findings = parseSarifReport(readFileSync(file, 'utf8'));
      if (findings.length === expected || Date.now() > deadline) return findings;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main() {
  const { report, folders } = parseCommandLine();
  const version = electronVersion();
  const tool = require('@doyensec/electronegativity/package.json').version;
  const stage = mkdtempSync(path.join(tmpdir(), 'token-desk-electronegativity-'));
  try {
    const { origin, notes } = stageSources(folders, stage);
    console.log(`Electronegativity ${tool}, assuming Electron ${version}`);
    console.log(`Scanning ${notes.join(', ')}`);
    if (origin.size === 0) fail('nothing to scan: no source files in the given folders');
    console.log('(Offline, "Could not retrieve updated translations" and "…fetching Electron\'s releases…" are expected.)');

    rmSync(report, { force: true });
    mkdirSync(path.dirname(report), { recursive: true });
    // Its messages come from a locale named by LANG (and fetched online); pin them to the bundled English.
    process.env.LANG = 'en-US';
    const run = require('@doyensec/electronegativity');
    const result = await run({
      input: stage,
      output: report,
      isSarif: true,
      isRelative: true,
      // The README documents `electronVersion`, but 1.10.3 reads `electronVersionOverride`.
      electronVersionOverride: version,
      customScan: [],
      excludeFromScan: [],
      parserPlugins: [],
    });

    const toRepo = (file) => origin.get(file.split(path.sep).join('/')) ?? file;
    const findings = sortFindings(relocate(findingsFromIssues(result.issues), toRepo));
    const unparsed = result.errors.filter((e) => !e.tolerable);
    const reported = await readReportWhenWritten(report, result.issues.length);

    console.log('');
    if (findings.length > 0) {
      console.log('Summary');
      console.log(
        renderTable(
          ['check', 'severity', 'confidence', 'findings', 'files'],
          summarize(findings).map((r) => [r.check, r.severity ?? '-', r.confidence ?? '-', r.count, r.files]),
        ),
      );
      console.log('\nFindings');
      for (const f of findings) console.log(formatFinding(f));
      console.log(
        '\nFix each finding. Only a verified false positive may be suppressed: on the same line as the finding append' +
          '\n/* eng-disable CHECK_ID OTHER_CHECK_ID */ (ids separated by spaces: after a comma the rest is ignored;' +
          '\non the line before it does nothing), with a comment on the line above saying why.',
      );
    }
    for (const e of unparsed) {
      console.log(`Could not parse ${toRepo(path.relative(stage, e.file))}: ${e.message}`);
    }
    if (unparsed.length > 0) console.log('A file Electronegativity cannot parse is not checked: this fails the scan.');
    if (reported.length !== findings.length) {
      console.log(`The SARIF report holds ${reported.length} findings, the scan returned ${findings.length}.`);
    }

    const ok = findings.length === 0 && unparsed.length === 0 && reported.length === findings.length;
    console.log(
      `\nElectronegativity: ${findings.length} finding${findings.length === 1 ? '' : 's'}, ` +
        `${unparsed.length} unparsed file${unparsed.length === 1 ? '' : 's'} in ${origin.size} scanned. ` +
        `Report: ${displayPath(report)}`,
    );
    console.log(ok ? 'PASS' : 'FAIL');
    return ok ? 0 : 1;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof UsageError ? `electronegativity: ${error.message}` : (error?.stack ?? error));
    process.exit(2);
  },
);
