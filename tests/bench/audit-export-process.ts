import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditExport, AuditFilter, ExportFormat } from '../../shared/contract';
import { openBenchConsole } from './bench-console';
import type { TrainingCredentials } from '../../shared/api/training-credentials';

/**
 * Core's audit export in a process of its own, so that the memory it reports is the exporter's:
 * a console (its own core and profile) connected to the bench's training backend, signed in as a
 * supervisor, runs each export of the plan through the same call main answers (`audit.export`),
 * sampling process.memoryUsage() every few milliseconds, and writes its figures as JSON.
 *   node --expose-gc --import tsx tests/bench/audit-export-process.ts --credentials FILE --plan JSON --out FILE
 */
export interface ExportRun {
  readonly label: string;
  readonly format: ExportFormat;
  readonly filter: AuditFilter;
}

export interface MemoryFigure {
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
}

export interface ExportFigures extends ExportRun {
  readonly records: number;
  readonly fileBytes: number;
  readonly ms: number;
  readonly rowsPerSecond: number;
  /** Right before the export, after a garbage collection, the console signed in and nothing running. */
  readonly idle: MemoryFigure;
  /** The highest sample during the export (each figure on its own): what is alive and what the collector has not yet taken. */
  readonly peak: MemoryFigure;
  /** After the export and a garbage collection: what the export left behind (a leak would show here). */
  readonly after: MemoryFigure;
  readonly samples: number;
}

const SAMPLE_EVERY_MS = 5;
const EXPORT_TIMEOUT_MS = 10 * 60_000;

const { values } = parseArgs({ options: { credentials: { type: 'string' }, plan: { type: 'string' }, out: { type: 'string' } } });
if (!values.credentials || !values.plan || !values.out) {
  console.error('--credentials FILE, --plan JSON and --out FILE are required');
  process.exit(2);
}
const credentials = JSON.parse(await readFile(values.credentials, 'utf8')) as TrainingCredentials;
const plan = JSON.parse(values.plan) as ExportRun[];

const dir = await mkdtemp(join(tmpdir(), 'token-desk-bench-export-'));
const exportsDir = join(dir, 'exports');
await mkdir(exportsDir);
const { core, call } = await openBenchConsole({
  dir,
  credentials,
  workstationId: 'WS-BENCH-EXPORT',
  account: { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' },
  chooseExportFile: async ({ suggestedName }) => join(exportsDir, `${randomUUID()}-${suggestedName}`),
});

const settle = async (): Promise<MemoryFigure> => {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i += 1) {
    gc?.();
    await new Promise((wait) => setTimeout(wait, 50));
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rssBytes: rss, heapUsedBytes: heapUsed };
};

const exportOnce = async (run: ExportRun): Promise<ExportFigures> => {
  const idle = await settle();
  let peak = { rssBytes: idle.rssBytes, heapUsedBytes: idle.heapUsedBytes };
  let samples = 0;
  const sampler = setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    samples += 1;
    peak = { rssBytes: Math.max(peak.rssBytes, rss), heapUsedBytes: Math.max(peak.heapUsedBytes, heapUsed) };
  }, SAMPLE_EVERY_MS);
  try {
    let exportId: string | null = null;
    const early: AuditExport[] = [];
    let finish: (view: AuditExport) => void = () => undefined;
    const ended = new Promise<AuditExport>((resolve, reject) => {
      finish = resolve;
      setTimeout(() => reject(new Error(`${run.label}: not finished within ${EXPORT_TIMEOUT_MS / 1000} s`)), EXPORT_TIMEOUT_MS).unref();
    });
    const unsubscribe = core.events.subscribe((envelope) => {
      if (envelope.name !== 'export.changed' || envelope.payload.state === 'running') return;
      if (exportId === null) early.push(envelope.payload);
      else if (envelope.payload.exportId === exportId) finish(envelope.payload);
    });
    const started = performance.now();
    const answer = await call<{ export: AuditExport | null }>('audit.export', { filter: run.filter, format: run.format });
    if (!answer.ok || answer.data.export === null) throw new Error(`${run.label}: audit.export answered ${JSON.stringify(answer)}`);
    const startedId = answer.data.export.exportId;
    exportId = startedId;
    const already = early.find((view) => view.exportId === startedId);
    if (already) finish(already);
    const view = await ended.finally(unsubscribe);
    const ms = performance.now() - started;
    if (view.state !== 'done') throw new Error(`${run.label}: the export ended ${view.state}: ${JSON.stringify(view.error)}`);
    clearInterval(sampler);
    const file = join(exportsDir, view.fileName);
    const fileBytes = (await stat(file)).size;
    await rm(file, { force: true });
    const after = await settle();
    return { ...run, records: view.records, fileBytes, ms, rowsPerSecond: view.records / (ms / 1000), idle, peak, after, samples };
  } finally {
    clearInterval(sampler);
  }
};

try {
  const figures: ExportFigures[] = [];
  for (const run of plan) figures.push(await exportOnce(run));
  await writeFile(values.out, JSON.stringify(figures));
} finally {
  await core.close();
  await rm(dir, { recursive: true, force: true });
}
