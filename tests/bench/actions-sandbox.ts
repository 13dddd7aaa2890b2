import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startSandboxWithCredentials } from '../../sandbox/index';

/**
 * The bench's backend, in a process of its own so that fifty consoles in the bench process do not
 * share its event loop: the sandbox with a short simulated-TSP delay. Writes its credentials and
 * the tokens a bench agent may suspend and resume (active, nobody's suspension), then prints
 * `listening on <baseUrl>`.
 *   tsx tests/bench/actions-sandbox.ts --out FILE [--tsp-confirm-ms N]
 */
const { values } = parseArgs({ options: { out: { type: 'string' }, 'tsp-confirm-ms': { type: 'string', default: '20' } } });
if (!values.out) {
  console.error('--out FILE is required');
  process.exit(2);
}
const { sandbox, credentials } = await startSandboxWithCredentials({ port: 0, mode: 'training', tspConfirmDelayMs: Number(values['tsp-confirm-ms']) });
const activeTokens = [...sandbox.store.tokens.values()]
  .filter((token) => token.state === 'ACTIVE' && token.suspendedBy.length === 0)
  .map((token) => token.virtualCardId)
  .sort();
await writeFile(values.out, JSON.stringify({ credentials, activeTokens }));
console.log(`listening on ${sandbox.baseUrl}`);
const stop = (): void => {
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
