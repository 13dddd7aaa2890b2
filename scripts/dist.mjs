#!/usr/bin/env node
// npm run dist [-- --win | --linux] [--dry-run]
//
// Builds the real installers on a machine with downloads (electron-builder fetches Electron and,
// for Windows, NSIS): Windows NSIS (run it on Windows), Linux AppImage and deb. First it says what
// will and will not be signed, from the environment alone (scripts/lib/signing-plan.mjs); a
// certificate inside the repository stops it. Then `npm run build` and electron-builder with
// electron-builder.yml (the release fuses; never electron-builder.test.yml). Installers land in
// release/. --dry-run prints the plan and stops.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { signingPlan } from './lib/signing-plan.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

const { values } = parseArgs({ options: { win: { type: 'boolean' }, linux: { type: 'boolean' }, 'dry-run': { type: 'boolean' } } });
/** @type {('win' | 'linux')[]} */
const targets = values.win || values.linux ? [...(values.win ? ['win'] : []), ...(values.linux ? ['linux'] : [])] : process.platform === 'win32' ? ['win'] : ['linux'];

const plan = signingPlan(process.env, { targets, repoRoot: ROOT });
console.log(`npm run dist: building ${targets.map((t) => (t === 'win' ? 'Windows NSIS (x64)' : 'Linux AppImage and deb (x64)')).join(' and ')}`);
for (const line of plan.lines) console.log(line);
if (plan.errors.length > 0) {
  for (const error of plan.errors) console.error(`dist: ${error}`);
  process.exit(1);
}
if (values['dry-run']) process.exit(0);

const step = (command, args) => {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
step('npm', ['run', 'build']);
step(process.execPath, [
  require.resolve('electron-builder/cli.js'),
  '--config',
  'electron-builder.yml',
  '--publish',
  'never',
  ...targets.map((target) => `--${target}`),
  ...(process.env.WIN_PUBLISHER_NAME ? [`-c.win.signtoolOptions.publisherName=${process.env.WIN_PUBLISHER_NAME}`] : []),
]);
console.log(`Installers and feed files (latest.yml, latest-linux.yml, *.blockmap) are in ${path.join(ROOT, 'release')}.`);
