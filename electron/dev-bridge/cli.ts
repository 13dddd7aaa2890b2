import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { actionPaths, createCore } from '../core/app-core';
import { userConfigPath } from '../core/config/config-paths';
import { createLogger } from '../core/logging/logger';
import { FileSecretStore } from '../core/secrets/secret-store';
import { startDevBridge } from './server';
import { restartableTrainingBackend } from './restartable-training-backend';

/**
 * Starts the test bridge:
 *   tsx electron/dev-bridge/cli.ts [--port N] [--user-data DIR] [--log-dir DIR] [--machine-config FILE]
 * The token comes from TD_BRIDGE_TOKEN (so it does not show in `ps`), or is generated per run.
 * Settings live in the profile (config.json) like the app's; the machine-wide file defaults to a
 * path in the profile that does not exist yet, so a test can write one there.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'user-data': { type: 'string' },
    'log-dir': { type: 'string' },
    'renderer-dir': { type: 'string', default: 'dist/renderer' },
    'machine-config': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, not "${values.port}"`);
  process.exit(2);
}

const userDataDir = resolve(values['user-data'] ?? (await mkdtemp(join(tmpdir(), 'token-desk-bridge-'))));
const logDir = values['log-dir'] ?? join(userDataDir, 'logs');
const machineFile = resolve(values['machine-config'] ?? join(userDataDir, 'machine-config.json'));
const token = process.env.TD_BRIDGE_TOKEN ?? randomBytes(24).toString('hex');
const { version } = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const logger = createLogger({ dir: logDir });
// Its state lives in the profile so that a restart (POST /__bridge/training/restart) keeps it.
const training = restartableTrainingBackend(logger, { dataFile: join(userDataDir, 'training-sandbox.json') });
const core = await createCore({
  userDataDir,
  version,
  logger,
  // Development and tests only: a plain file, never the packaged app's store.
  secrets: new FileSecretStore(join(userDataDir, 'secrets.json')),
  configFiles: { userFile: userConfigPath(userDataDir), machineFile },
  workstationId: 'dev-bridge',
  startTrainingBackend: training.start,
  // In the profile, so a bridge killed and started again on the same --user-data resumes its actions.
  ...actionPaths(userDataDir),
  // No save dialog in a browser test: an export goes to the profile's exports/ folder under the
  // name main would suggest, where the test reads it back.
  chooseExportFile: async ({ suggestedName }) => {
    const folder = join(userDataDir, 'exports');
    await mkdir(folder, { recursive: true });
    return join(folder, suggestedName);
  },
});
const bridge = await startDevBridge({
  core,
  token,
  rendererDir: resolve(values['renderer-dir']),
  port,
  ...(core.mode === 'training' ? { training: training.controls } : {}),
});

console.log(`Token Desk test bridge listening on ${bridge.origin} (${core.mode === 'training' ? 'training backend' : 'configured backend'})`);
console.log(`Open the console: ${bridge.sessionUrl}`);
console.log(`Profile: ${userDataDir}  Logs: ${logDir}  Machine settings: ${machineFile}`);

const stop = (): void => {
  void Promise.allSettled([bridge.close(), core.close()]).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
