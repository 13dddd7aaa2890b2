import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { startBenchBridge, type BenchBridge } from './bench-bridge';
import { launchBenchBrowser, newBenchContext } from './bench-browser';
import { buildBenchRenderer } from './build-renderer';
import { measureBundle } from './bundle-size';
import { benchActionsApart } from './actions-bench';
import { benchAudit } from './audit-bench';
import { benchHistory } from './history-bench';
import { benchKeyboard } from './keyboard-bench';
import { benchSearch } from './search-bench';

/**
 * `npm run bench`: measures and prints; it asserts nothing. Goals are printed beside the figures so
 * a regression is visible, and the run is saved under bench/results/ for comparison.
 *   --quick          fewer repetitions, for trying the bench itself out
 *   --actions-only   only the token-actions run (no browser)
 */
const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false }, 'actions-only': { type: 'boolean', default: false } } });
const plan = args.quick ? { searches: 20, opens: 3, baselineRenders: 1 } : { searches: 200, opens: 20, baselineRenders: 3 };
/** The supervisors' audit trail: always 100,000 records; --quick applies fewer filters and scrolls for less long. */
const auditPlan = args.quick ? { records: 100_000, filterRuns: 20, scrollMs: 10_000 } : { records: 100_000, filterRuns: 45, scrollMs: 30_000 };
/** Fifty agents doing twenty actions each; the simulated TSP confirms after 20 ms. */
const actionsPlan = args.quick ? { agents: 10, actionsPerAgent: 4, tspConfirmMs: 20 } : { agents: 50, actionsPerAgent: 20, tspConfirmMs: 20 };
/** One console alone, the same actions one after another on its two tokens: the latency an agent sees on a quiet backend. */
const alonePlan = { agents: 1, actionsPerAgent: args.quick ? 10 : 40, tspConfirmMs: actionsPlan.tspConfirmMs };
/** Everything together normally takes a minute or two; past this, something hangs. */
const WATCHDOG_MS = 15 * 60_000;

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number | null): string => (typeof value === 'number' && Number.isFinite(value) ? `${value.toFixed(1)} ms` : '–');

let bridge: BenchBridge | null = null;
let browser: Browser | null = null;
let rendererDir: string | null = null;
const cleanUp = async (): Promise<void> => {
  await browser?.close().catch(() => undefined);
  browser = null;
  await bridge?.stop().catch(() => undefined);
  bridge = null;
  if (rendererDir !== null) await rm(rendererDir, { recursive: true, force: true });
  rendererDir = null;
};
const abort = (why: string, code: number): void => {
  console.error(`bench: ${why}; stopping the bridge and the browser`);
  void cleanUp().finally(() => process.exit(code));
};
process.once('SIGINT', () => abort('interrupted', 130));
process.once('SIGTERM', () => abort('terminated', 143));
const watchdog = setTimeout(() => abort(`still running after ${WATCHDOG_MS / 60_000} minutes`, 1), WATCHDOG_MS);

const loadBefore = loadavg()[0] ?? 0;
const pageProblems: string[] = [];

/** The console in Chromium over the bridge: search, history, three calls by keyboard alone, bundle size; then the audit trail on a bridge of its own. */
const benchBrowser = async () => {
  const bundle = await measureBundle();
  rendererDir = await buildBenchRenderer();
  bridge = await startBenchBridge(rendererDir);
  const signIn = (await bridge.call('session.signIn', { agentId: 'agent.sato', password: 'Training-Sato-2026' })) as { ok: boolean };
  if (!signIn.ok) throw new Error(`sign-in through the bridge failed: ${JSON.stringify(signIn)}`);
  browser = await launchBenchBrowser();
  const context = await newBenchContext(browser, bridge.origin);
  context.on('page', (opened) => {
    opened.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
    opened.on('console', (message) => {
      if (message.type() === 'error') pageProblems.push(`console.error: ${message.text()}`);
    });
  });
  const page = await context.newPage();
  await page.goto(`/__bridge/session?token=${bridge.token}`);
  await page.locator('[data-app-ready="true"]').waitFor();
  await page.getByTestId('workspace').waitFor();

  const search = await benchSearch(page, bridge, plan.searches);
  const history = await benchHistory(page, context, plan);
  const keyboard = await benchKeyboard(context, bridge);
  await context.close();
  await bridge.stop();
  bridge = null;
  const audit = await benchAudit(browser, rendererDir, auditPlan, (started) => {
    bridge = started;
  });
  return { search, history, bundle, keyboard, audit };
};

let measured: Awaited<ReturnType<typeof benchBrowser>> | null = null;
type ActionsRun = Awaited<ReturnType<typeof benchActionsApart>>;
let alone: ActionsRun;
let actions: ActionsRun;
try {
  if (!args['actions-only']) {
    try {
      measured = await benchBrowser();
    } finally {
      await cleanUp();
    }
  }
  alone = await benchActionsApart(alonePlan);
  actions = await benchActionsApart(actionsPlan);
} finally {
  clearTimeout(watchdog);
  await cleanUp();
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const signedMb = (bytes: number): string => `${bytes >= 0 ? '+' : '−'}${mb(Math.abs(bytes))}`;
type AuditRun = Awaited<ReturnType<typeof benchAudit>>;

/** The audit trail's figures: seeding, filters, the deep scroll and the exports with their memory. */
const printAudit = (audit: AuditRun, frames: (scroll: AuditRun['idle'], toTheEnd?: boolean) => string): void => {
  const n = audit.records.toLocaleString('en');
  console.log(`\nAudit trail: ${n} records in the training backend, a supervisor on the Audit screen in Chromium`);
  console.table([
    { figure: `seeding ${n} records (--audit-seed, in-process, on disk, backend start included)`, value: ms(audit.seedMs), goal: '' },
    { figure: 'test bridge start on that trail (read back, indexed)', value: ms(audit.bridgeStartMs), goal: '' },
    { figure: 'Audit screen opened → chain checked (whole trail re-hashed)', value: ms(audit.verifyMs), goal: '' },
    { figure: `filter → first matching rows p50 (${audit.filters.runs} filters applied)`, value: ms(audit.filters.firstRowsMs.p50), goal: '' },
    { figure: 'filter → first matching rows p95', value: ms(audit.filters.firstRowsMs.p95), goal: '' },
    { figure: 'filter → first matching rows painted p50', value: ms(audit.filters.firstRowsFrameMs.p50), goal: '' },
    { figure: 'filter → first matching rows painted p95', value: ms(audit.filters.firstRowsFrameMs.p95), goal: '≤ 100 ms' },
    { figure: `deep scroll (${audit.scroll.pagesLoaded} pages by cursor, to row ${audit.scroll.deepestRow.toLocaleString('en')})`, value: frames(audit.scroll, false), goal: '0 dropped at 60 fps' },
    { figure: '   control: the same page, nothing scrolling (3 s)', value: frames(audit.idle, false), goal: '' },
  ]);
  console.table(audit.filters.byFilter.map((each) => ({ filter: each.name, runs: each.runs, 'painted p50': ms(each.frameMs.p50), 'painted max': ms(each.frameMs.max) })));
  console.log('Export through core (audit.export, in a process of its own sampling its memory every 5 ms; idle after a garbage collection, signed in):');
  console.table(
    audit.exports.map((each) => ({
      export: `${each.label} ${each.format.toUpperCase()}`,
      records: each.records.toLocaleString('en'),
      time: ms(each.ms),
      'rows/s': Math.round(each.rowsPerSecond).toLocaleString('en'),
      file: mb(each.fileBytes),
      'rss idle → peak': `${mb(each.idle.rssBytes)} → ${mb(each.peak.rssBytes)} (${signedMb(each.peak.rssBytes - each.idle.rssBytes)})`,
      'heap idle → peak': `${mb(each.idle.heapUsedBytes)} → ${mb(each.peak.heapUsedBytes)} (${signedMb(each.peak.heapUsedBytes - each.idle.heapUsedBytes)})`,
      'heap left after (collected)': signedMb(each.after.heapUsedBytes - each.idle.heapUsedBytes),
      goal: '≤ +50 MB rss',
    })),
  );
};

const loadAfter = loadavg()[0] ?? 0;
const machine = { cpus: availableParallelism(), loadAverageBefore: loadBefore, loadAverageAfter: loadAfter };
console.log('\nToken Desk bench');
if (measured) {
  const { search, history, bundle, keyboard } = measured;
  const v = history.virtualized;
  const b = history.baseline;
  const frames = (scroll: typeof v.scroll, toTheEnd = true): string =>
    `${scroll.frames} frames, ${scroll.dropped} dropped (worst gap ${ms(scroll.worstGapMs)}), ${(scroll.durationMs / 1000).toFixed(1)} s${scroll.reachedEnd || !toTheEnd ? '' : ', end not reached'}`;
  const rows = [
    { figure: `search → first token row p50 (${search.searches} searches, ${search.queries} queries)`, value: ms(search.ms.p50), goal: '' },
    { figure: 'search → first token row p95', value: ms(search.ms.p95), goal: '≤ 100 ms' },
    { figure: `10,000-event history: open → first rows p50 (${v.opens} opens)`, value: ms(v.firstRowsMs.p50), goal: '' },
    { figure: '10,000-event history: open → first rows p95', value: ms(v.firstRowsMs.p95), goal: '≤ 100 ms' },
    { figure: '10,000-event history: open → first rows painted p95', value: ms(v.firstRowsFrameMs.p95), goal: '' },
    { figure: `10,000-event history: scroll to the end (${history.scrollStepPx} px/frame, ${v.pagesLoaded} pages loaded)`, value: frames(v.scroll), goal: '0 dropped at 60 fps' },
    { figure: '   control: the same page, nothing scrolling (3 s)', value: frames(v.idle, false), goal: '' },
    { figure: 'baseline, not virtualized: fetch all 10,000 events (50 pages)', value: ms(b.fetchAllMs), goal: '' },
    { figure: `baseline, not virtualized: render → first rows p50 (${b.opens} renders)`, value: ms(b.firstRowsMs.p50), goal: '' },
    { figure: 'baseline, not virtualized: render → first rows painted p50', value: ms(b.firstRowsFrameMs.p50), goal: '' },
    { figure: 'baseline, not virtualized: scroll to the end (cut off after 30 s)', value: frames(b.scroll), goal: '' },
    { figure: '   control: the same page, nothing scrolling (3 s)', value: frames(b.idle, false), goal: '' },
    { figure: 'initial renderer JS (raw)', value: kb(bundle.initialJsBytes), goal: '' },
    { figure: 'initial renderer JS (gzip)', value: kb(bundle.initialJsGzipBytes), goal: '≤ 235.7 KB' },
    { figure: 'renderer CSS (gzip)', value: kb(bundle.cssGzipBytes), goal: '' },
  ];
  console.table(rows);
  console.log(`History box: ${history.box.width} × ${history.box.height} px; rows in the DOM at the end: ${v.scroll.rows} (virtualized), ${b.scroll.rows} (baseline)`);
  console.log('Largest modules the first screen loads (rendered bytes, before gzip): what to cut next');
  console.table(bundle.largestModules.map((m) => ({ module: m.module, size: kb(m.bytes) })));
  console.log('Keyboard alone, from the search field to the outcome on screen: inputs the agent makes (a field typed in is one, every other key one; closing the dialog after is counted apart)');
  console.table(keyboard.map((flow) => ({ flow: flow.name, inputs: flow.inputs, 'closing after': flow.wrapUpInputs, time: ms(flow.ms), keys: flow.keys.join(' ') })));
  printAudit(measured.audit, frames);
  if (pageProblems.length > 0) console.log(`Page errors during the run (${pageProblems.length}):\n  ${pageProblems.slice(0, 10).join('\n  ')}`);
}
const load = (run: ActionsRun): string => `${run.threadPool} pool threads, load average ${run.loadAverage.before.toFixed(1)} before, ${run.loadAverage.after.toFixed(1)} after`;
const p50p95 = (summary: { p50: number | null; p95: number | null }): string => `${ms(summary.p50)} / ${ms(summary.p95)}`;
/** Where the time goes in one run, p50 / p95 per phase. */
const phaseRows = (run: ActionsRun) => [
  { phase: 'submit → written ahead (fresh token read; one fsynced write, the first send counted)', 'p50 / p95': p50p95(run.phases.writeAhead) },
  { phase: 'written → first send leaves', 'p50 / p95': p50p95(run.phases.count) },
  { phase: 'send → ACCEPTED (HTTP round trip)', 'p50 / p95': p50p95(run.phases.send) },
  { phase: '   of which the backend handling POST …/operations', 'p50 / p95': p50p95(run.phases.backend) },
  { phase: `ACCEPTED → CONFIRMED (TSP delay ${run.plan.tspConfirmMs} ms, event on the stream)`, 'p50 / p95': p50p95(run.phases.confirmation) },
  ...Object.entries(run.backendMs)
    .filter(([kind]) => kind !== 'POST operations')
    .map(([kind, summary]) => ({ phase: `   backend: ${kind} (${summary.count})`, 'p50 / p95': p50p95(summary) })),
];

console.log(`\nToken actions, one console alone: ${alone.plan.actionsPerAgent} actions on its two tokens, one sandbox process (TSP confirms after ${alone.plan.tspConfirmMs} ms); ${load(alone)}`);
console.table([
  { figure: `actions carried out (${(alone.wallMs / 1000).toFixed(1)} s in all), errors`, value: `${alone.actions}, ${alone.errors}`, goal: `${alone.plan.actionsPerAgent}, 0` },
  { figure: 'submit → ACCEPTED p50', value: ms(alone.acceptedMs.p50), goal: '' },
  { figure: 'submit → ACCEPTED p95', value: ms(alone.acceptedMs.p95), goal: '≤ 50 ms' },
  { figure: 'submit → CONFIRMED p50', value: ms(alone.confirmedMs.p50), goal: '' },
  { figure: 'submit → CONFIRMED p95', value: ms(alone.confirmedMs.p95), goal: `≤ ${alone.plan.tspConfirmMs + 50} ms` },
]);
console.table(phaseRows(alone));
if (alone.errorSamples.length > 0) console.log(`First errors:\n  ${alone.errorSamples.join('\n  ')}`);

const a = actions;
console.log(`\nToken actions: ${a.plan.agents} agents × ${a.plan.actionsPerAgent} actions, each agent on its own console (core, profile, session, live stream), one sandbox process (TSP confirms after ${a.plan.tspConfirmMs} ms); ${load(a)}`);
console.table([
  { figure: `actions carried out (${(a.wallMs / 1000).toFixed(1)} s in all)`, value: String(a.actions), goal: String(a.plan.agents * a.plan.actionsPerAgent) },
  { figure: 'errors (typed errors, FAILED, not confirmed in 60 s)', value: String(a.errors), goal: '0' },
  { figure: 'doubled actions (extra AGENT_ACTION per correlation id)', value: String(a.doubled.agentActions), goal: '0' },
  { figure: 'doubled confirmations (extra TSP event per operation id)', value: String(a.doubled.confirmations), goal: '0' },
  { figure: 'actions missing at the backend', value: String(a.doubled.missing), goal: '0' },
  { figure: 'actions without exactly one journal line', value: String(a.audit.journalGaps), goal: '0' },
  { figure: 'actions without exactly one backend audit record', value: String(a.audit.backendGaps), goal: '0' },
  { figure: 'submit → written ahead (checked, fsynced) p95', value: ms(a.writtenMs.p95), goal: '' },
  { figure: 'submit → ACCEPTED p50', value: ms(a.acceptedMs.p50), goal: '' },
  { figure: 'submit → ACCEPTED p95', value: ms(a.acceptedMs.p95), goal: '≤ 200 ms' },
  { figure: 'submit → CONFIRMED p50', value: ms(a.confirmedMs.p50), goal: '' },
  { figure: 'submit → CONFIRMED p95', value: ms(a.confirmedMs.p95), goal: '' },
]);
console.table(phaseRows(a));
if (a.errorSamples.length > 0) console.log(`First errors:\n  ${a.errorSamples.join('\n  ')}`);
console.log(`Machine: ${machine.cpus} CPUs, load average ${machine.loadAverageBefore.toFixed(1)} before, ${machine.loadAverageAfter.toFixed(1)} after: frame and latency figures are only as steady as the machine`);

await mkdir('bench/results', { recursive: true });
const file = `bench/results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
await writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), plan, auditPlan, actionsPlan, alonePlan, machine, ...(measured ?? {}), alone, actions, pageProblems }, null, 2)}\n`);
console.log(`Saved ${file}`);
