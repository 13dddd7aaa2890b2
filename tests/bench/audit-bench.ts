import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startSandbox } from '../../sandbox/index';
import type { AuditFilter } from '../../shared/contract';
import type { AuditRecord } from '../../shared/api/audit';
import { startBenchBridge, type BenchBridge } from './bench-bridge';
import { newBenchContext } from './bench-browser';
import type { ExportFigures, ExportRun } from './audit-export-process';
import { clickAndWaitForFreshRows, scrollToEndCountingFrames, type FirstRows, type ScrollFrames } from './page-scripts';
import { summarise, type Summary } from './stats';

export interface AuditBenchPlan {
  /** Records in the training backend's trail: never fewer under --quick. */
  readonly records: number;
  /** Filters applied on the Audit screen, each timed (at least 20). */
  readonly filterRuns: number;
  /** How long the deep scroll runs. */
  readonly scrollMs: number;
}

export interface AuditFigures {
  readonly records: number;
  /** `--audit-seed N` in-process: the training backend started with a data file and N records written (fsynced) before it answers. */
  readonly seedMs: number;
  /** The test bridge started on that profile: its training backend reads the trail back and indexes it. */
  readonly bridgeStartMs: number;
  /** The Audit screen opened → the chain checked (the backend re-reads and re-hashes the whole trail). */
  readonly verifyMs: number;
  readonly filters: {
    readonly runs: number;
    readonly firstRowsMs: Summary;
    readonly firstRowsFrameMs: Summary;
    readonly byFilter: ReadonlyArray<{ readonly name: string; readonly runs: number; readonly frameMs: Summary }>;
  };
  readonly scroll: ScrollFrames & { readonly pagesLoaded: number; readonly deepestRow: number };
  readonly idle: ScrollFrames;
  readonly exports: readonly ExportFigures[];
}

const SUPERVISOR = { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' } as const;
const SCROLL_STEP_PX = 500;
const IDLE_CONTROL_MS = 3_000;
const TEXT_FIELDS = ['agentId', 'cardholderId', 'virtualCardId', 'correlationId'] as const;
const ROW = '[data-testid="audit-row"]';
const SUBMIT = '[data-testid="audit-filter"] button[type="submit"]';
const CLEAR = '[data-testid="audit-filter"] .audit-filter-actions button[type="button"]';

/** A `datetime-local` value in the bench browser's time zone (Asia/Tokyo, no daylight saving). */
const tokyoLocal = (iso: string): string => new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 16);

interface NamedFilter {
  readonly name: string;
  /** Null: the filter's clear button, back to everything. */
  readonly filter: AuditFilter | null;
}

/** Filters of every kind the form takes, on values the seeded trail holds (read from a record deep in it). */
const filtersFor = (deep: AuditRecord): NamedFilter[] => {
  const agentId = deep.actor.type === 'AGENT' ? deep.actor.agentId : 'agent.sato';
  const hour = 3_600_000;
  const at = Date.parse(deep.at);
  const filters: NamedFilter[] = [
    { name: 'agent', filter: { agentId } },
    { name: 'action: token actions', filter: { kind: 'TOKEN_ACTION' } },
    { name: 'action: template changes (rare)', filter: { kind: 'TEMPLATE_CHANGED' } },
    { name: 'outcome: failed', filter: { outcome: 'FAILED' } },
    { name: 'period: two hours, two weeks back', filter: { from: new Date(at - hour).toISOString(), to: new Date(at + hour).toISOString() } },
    { name: 'agent + failed sign-ins', filter: { agentId, kind: 'SIGN_IN_FAILED' } },
    { name: 'clear the filter', filter: null },
  ];
  if (deep.cardholder) filters.push({ name: 'cardholder', filter: { cardholderId: deep.cardholder.cardholderId } });
  if (deep.correlationId) filters.push({ name: 'correlation id', filter: { correlationId: deep.correlationId } });
  return filters;
};

/** Types the filter into the form (every field, so nothing of the one before stays), not yet applied. */
const fillFilter = async (page: Page, filter: AuditFilter): Promise<void> => {
  const form = page.getByTestId('audit-filter');
  for (const field of TEXT_FIELDS) await form.locator(`input[name="${field}"]`).fill(filter[field] ?? '');
  await form.locator('select[name="kind"]').selectOption(filter.kind ?? '');
  await form.locator('select[name="outcome"]').selectOption(filter.outcome ?? '');
  await form.locator('input[name="from"]').fill(filter.from ? tokyoLocal(filter.from) : '');
  await form.locator('input[name="to"]').fill(filter.to ? tokyoLocal(filter.to) : '');
};

/** A deep record that names an agent, a cardholder and a correlation id, for filters that match something. */
const deepRecord = async (bridge: BenchBridge, records: number): Promise<AuditRecord> => {
  const answer = (await bridge.call('audit.list', { filter: { kind: 'TOKEN_ACTION' }, cursor: String(Math.floor(records / 3)), limit: 20 })) as {
    ok: boolean;
    data?: { items: AuditRecord[] };
  };
  const found = answer.data?.items.find((record) => record.actor.type === 'AGENT' && record.cardholder !== null && record.correlationId !== null);
  if (!answer.ok || !found) throw new Error(`no token action deep in the trail: ${JSON.stringify(answer).slice(0, 300)}`);
  return found;
};

/** The record at `sequence`: where the newest `records - sequence + 1` begin. */
const recordAt = async (bridge: BenchBridge, sequence: number): Promise<AuditRecord> => {
  const answer = (await bridge.call('audit.list', { filter: {}, cursor: String(sequence), limit: 1 })) as { ok: boolean; data?: { items: AuditRecord[] } };
  const found = answer.data?.items[0];
  if (!answer.ok || !found) throw new Error(`no record at ${sequence}`);
  return found;
};

const measureFilters = async (page: Page, filters: readonly NamedFilter[], runs: number): Promise<AuditFigures['filters']> => {
  const all: (FirstRows & { name: string })[] = [];
  // Two warm-up runs (the first page of each kind of scan), not counted.
  for (let i = 0; i < runs + 2; i += 1) {
    const next = filters[i % filters.length];
    if (next === undefined) continue;
    if (next.filter !== null) await fillFilter(page, next.filter);
    const run = await page.evaluate(clickAndWaitForFreshRows, { clickSelector: next.filter === null ? CLEAR : SUBMIT, rowSelector: ROW, timeoutMs: 30_000 });
    if (i >= 2) all.push({ ...run, name: next.name });
  }
  return {
    runs: all.length,
    firstRowsMs: summarise(all.map((run) => run.domMs)),
    firstRowsFrameMs: summarise(all.map((run) => run.frameMs)),
    byFilter: filters.map(({ name }) => {
      const mine = all.filter((run) => run.name === name).map((run) => run.frameMs);
      return { name, runs: mine.length, frameMs: summarise(mine) };
    }),
  };
};

/** Core's export, in a process of its own that reports its own memory (audit-export-process.ts). */
const runExports = async (bridge: BenchBridge, plan: readonly ExportRun[]): Promise<ExportFigures[]> => {
  const response = await fetch(`${bridge.origin}/__bridge/training`, { headers: { authorization: `Bearer ${bridge.token}` } });
  if (!response.ok) throw new Error(`the bridge's training credentials: HTTP ${response.status}`);
  const dir = await mkdtemp(join(tmpdir(), 'token-desk-bench-export-run-'));
  try {
    const credentials = join(dir, 'credentials.json');
    const out = join(dir, 'figures.json');
    await writeFile(credentials, await response.text(), { mode: 0o600 });
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'tests/bench/audit-export-process.ts', '--credentials', credentials, '--plan', JSON.stringify(plan), '--out', out], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const code = await new Promise<number | null>((done) => child.once('exit', done));
    if (code !== 0) throw new Error(`the export process exited with ${code}`);
    return JSON.parse(await readFile(out, 'utf8')) as ExportFigures[];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/**
 * The supervisors' audit trail at 100,000 records: the training backend seeded with them
 * (`--audit-seed`, in-process), the test bridge started on that trail, a supervisor in Chromium on
 * the Audit screen applying filters of every kind (time to the first matching rows painted) and
 * scrolling the virtualized list deep (pages by cursor, frames counted), then core's export of the
 * newest 10,000 and of everything, CSV and JSON Lines, in a process that samples its own memory.
 * `track` hands the bridge to the caller as soon as it runs, so an interrupted bench stops it.
 */
export const benchAudit = async (browser: Browser, rendererDir: string, plan: AuditBenchPlan, track: (bridge: BenchBridge) => void): Promise<AuditFigures> => {
  const profile = await mkdtemp(join(tmpdir(), 'token-desk-bench-audit-'));
  let seedMs: number;
  try {
    const seeding = performance.now();
    const seeded = await startSandbox({ mode: 'training', dataFile: join(profile, 'training-sandbox.json'), auditSeed: plan.records });
    seedMs = performance.now() - seeding;
    const written = seeded.audit.count;
    await seeded.close();
    if (written !== plan.records) throw new Error(`the seed wrote ${written} records, not ${plan.records}`);
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  // The bridge removes the state file at start (its backend starts from the seed) and keeps the trail beside it.
  const starting = performance.now();
  const bridge = await startBenchBridge(rendererDir, { profile });
  const bridgeStartMs = performance.now() - starting;
  track(bridge);

  const signIn = (await bridge.call('session.signIn', SUPERVISOR)) as { ok: boolean };
  if (!signIn.ok) throw new Error(`sign-in as ${SUPERVISOR.agentId} failed: ${JSON.stringify(signIn)}`);
  const context = await newBenchContext(browser, bridge.origin);
  const page = await context.newPage();
  try {
    await page.goto(`/__bridge/session?token=${bridge.token}`);
    await page.locator('[data-app-ready="true"]').waitFor();
    const opening = Date.now();
    await page.getByTestId('view-supervision').click();
    await page.getByTestId('audit-screen').waitFor();
    await page.locator(ROW).first().waitFor();
    // The screen checks the chain when opened; measuring only after it, so no filter waits on it.
    await page.locator('[data-testid="audit-verification"][data-state="intact"]').waitFor({ timeout: 120_000 });
    const verifyMs = Date.now() - opening;

    const deep = await deepRecord(bridge, plan.records);
    const filters = await measureFilters(page, filtersFor(deep), plan.filterRuns);

    // Back to everything, then deep into it.
    await page.evaluate(clickAndWaitForFreshRows, { clickSelector: CLEAR, rowSelector: ROW, timeoutMs: 30_000 });
    const scrollSelector = '[data-testid="audit-scroll"]';
    const idle = await page.evaluate(scrollToEndCountingFrames, { scrollSelector, stepPx: 0, doneSelector: '[data-bench-never]', rowSelector: ROW, maxMs: IDLE_CONTROL_MS });
    let pagesLoaded = 0;
    const count = (request: { url(): string }): void => {
      if (request.url().endsWith('/rpc/audit.list')) pagesLoaded += 1;
    };
    page.on('request', count);
    const scrolled = await page.evaluate(scrollToEndCountingFrames, { scrollSelector, stepPx: SCROLL_STEP_PX, doneSelector: '[data-bench-never]', rowSelector: ROW, maxMs: plan.scrollMs });
    page.off('request', count);
    const deepestRow = await page.locator(ROW).evaluateAll((rows) => Math.max(...rows.map((row) => Number(row.getAttribute('data-index') ?? 0))) + 1);

    const newest = await recordAt(bridge, plan.records - 9_999);
    const exports = await runExports(bridge, [
      { label: 'newest 10,000', format: 'csv', filter: { from: newest.at } },
      { label: 'newest 10,000', format: 'jsonl', filter: { from: newest.at } },
      { label: `all ${plan.records.toLocaleString('en')}`, format: 'csv', filter: {} },
      { label: `all ${plan.records.toLocaleString('en')}`, format: 'jsonl', filter: {} },
    ]);
    return { records: plan.records, seedMs, bridgeStartMs, verifyMs, filters, scroll: { ...scrolled, pagesLoaded, deepestRow }, idle, exports };
  } finally {
    await context.close();
  }
};
