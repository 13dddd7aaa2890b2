import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

/** Where the bench's baseline page is served, beside the console (which keeps `/`). */
export const BASELINE_PATH = '/bench-baseline/index.html';

/**
 * Builds the renderer as it ships, and beside it the bench-only baseline page, into a temporary
 * folder the bench's bridge serves. The baseline lives only in this folder: no production code path
 * renders it.
 */
export const buildBenchRenderer = async (): Promise<string> => {
  const outDir = await mkdtemp(join(tmpdir(), 'token-desk-bench-renderer-'));
  const configFile = resolve('vite.config.ts');
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  await build({
    configFile,
    logLevel: 'warn',
    root: resolve('tests/bench/baseline'),
    base: '/bench-baseline/',
    build: { outDir: join(outDir, 'bench-baseline'), emptyOutDir: true },
  });
  return outDir;
};
