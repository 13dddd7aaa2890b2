import { mkdir, writeFile } from 'node:fs/promises';
import { measureBundle } from './bundle-size';

/**
 * `npm run bench`: measures and prints; it asserts nothing. Goals are printed beside the figures so
 * a regression is visible, and the run is saved under bench/results/ for comparison.
 */
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

const bundle = await measureBundle();
const rows = [
  { figure: 'initial renderer JS (raw)', value: kb(bundle.initialJsBytes), goal: '' },
  { figure: 'initial renderer JS (gzip)', value: kb(bundle.initialJsGzipBytes), goal: '≤ 250 KB' },
  { figure: 'renderer CSS (gzip)', value: kb(bundle.cssGzipBytes), goal: '' },
];
console.log('\nToken Desk bench');
console.table(rows);
console.log('Largest renderer modules (rendered bytes, before gzip):');
console.table(bundle.largestModules.map((m) => ({ module: m.module, size: kb(m.bytes) })));

await mkdir('bench/results', { recursive: true });
const file = `bench/results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
await writeFile(file, `${JSON.stringify({ at: new Date().toISOString(), bundle }, null, 2)}\n`);
console.log(`Saved ${file}`);
