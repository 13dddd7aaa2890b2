import { subscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startSandboxWithCredentials } from '../../sandbox/index';

/**
 * The bench's backend, in a process of its own so that fifty consoles in the bench process do not
 * share its event loop: the sandbox with a short simulated-TSP delay. Writes its credentials and
 * the tokens a bench agent may suspend and resume (active, nobody's suspension), then prints
 * `listening on <baseUrl>`. It times every request it handles, from the request's arrival to the
 * end of its answer, by kind, and writes those times to `--timings-out` on SIGUSR2 or when stopped.
 *   tsx tests/bench/actions-sandbox.ts --out FILE [--timings-out FILE] [--tsp-confirm-ms N]
 */
const { values } = parseArgs({ options: { out: { type: 'string' }, 'timings-out': { type: 'string' }, 'tsp-confirm-ms': { type: 'string', default: '20' } } });
if (!values.out) {
  console.error('--out FILE is required');
  process.exit(2);
}

/** What a request is, for the bench's figures: the agent's operation, the reads the console makes, the rest. */
const kindOf = (method: string, url: string): string | null => {
  const path = url.split('?')[0] ?? '';
  if (path === '/api/v1/events/stream') return null;
  if (method === 'POST' && /^\/api\/v1\/tokens\/[^/]+\/operations:/.test(path)) return 'POST operations';
  if (method === 'GET' && /^\/api\/v1\/tokens\/[^/]+\/events$/.test(path)) return 'GET token history';
  if (method === 'GET' && /^\/api\/v1\/tokens\/[^/]+$/.test(path)) return 'GET token';
  if (method === 'POST' && path === '/api/v1/audit-records') return 'POST audit record';
  return 'other';
};
const timings: Record<string, number[]> = {};
subscribe('http.server.request.start', (message) => {
  const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
  const kind = kindOf(request.method ?? '', request.url ?? '');
  if (kind === null) return;
  const started = performance.now();
  response.once('finish', () => (timings[kind] ??= []).push(performance.now() - started));
});

const { sandbox, credentials } = await startSandboxWithCredentials({ port: 0, mode: 'training', tspConfirmDelayMs: Number(values['tsp-confirm-ms']) });
const activeTokens = [...sandbox.store.tokens.values()]
  .filter((token) => token.state === 'ACTIVE' && token.suspendedBy.length === 0)
  .map((token) => token.virtualCardId)
  .sort();
await writeFile(values.out, JSON.stringify({ credentials, activeTokens }));
console.log(`listening on ${sandbox.baseUrl}`);
/** The times so far; once written they stay as they were (SIGUSR2: the actions are over, what follows is the bench's own checking). */
let written = false;
const writeTimings = (): void => {
  const timingsOut = values['timings-out'];
  if (!timingsOut || written) return;
  written = true;
  writeFileSync(timingsOut, JSON.stringify(timings));
};
const stop = (): void => {
  writeTimings();
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGUSR2', writeTimings);
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
