import { spawn } from 'node:child_process';
import { findElectronBinary } from './electron-binary';

/**
 * `npm start`: the console in Electron where a binary exists; otherwise the same UI in the local
 * browser through the test bridge, on the training backend only.
 */
const electron = findElectronBinary();
if (electron.found) {
  const child = spawn(electron.path, ['.'], { stdio: 'inherit', env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(`Electron cannot start here: ${electron.reason}.`);
  console.log('Serving the same console in your browser instead, on the training backend. Ctrl+C stops it.');
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/dev-bridge/cli.ts', '--port', process.env.PORT ?? '0'], {
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}
