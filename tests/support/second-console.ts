import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrainingCredentials } from '../../shared/api/training-credentials';
import { spawnTsx, stop } from './connected-desk';

/**
 * A second console on the same training backend as the shared test bridge: the bridge holds one
 * session, so a second person (a supervisor deciding what the agent asked for) needs a console of
 * their own. It is a dev bridge in connected mode with its own profile and port, pointed by its
 * machine file at the shared bridge's training backend, with the same workstation key; it takes
 * the same access token, so `callBridge(page, name, input, origin)` reaches either.
 *
 *   const second = await startSecondConsole({ sharedOrigin, token });
 *   await signInAt(supervisorPage, second.sessionUrl, accounts.supervisor);
 *   await second.close();
 */
export interface SecondConsole {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Opens a browser session on this console (sets its cookie) and lands on it. */
  readonly sessionUrl: string;
  /** Its profile (--user-data): settings, key, outbox, exports. */
  readonly userDataDir: string;
  /** Calls the contract over this console's bridge, as a script. */
  rpc(name: string, input?: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string; backend?: { code: string } } }>;
  /** Stops the bridge and removes its profile. */
  close(): Promise<void>;
}

export interface SecondConsoleOptions {
  /** The shared bridge, whose training backend this console joins. */
  readonly sharedOrigin: string;
  /** The shared bridge's access token: read its training backend, and taken by this console too. */
  readonly token: string;
  readonly rendererDir?: string;
  readonly startTimeoutMs?: number;
}

export const startSecondConsole = async (options: SecondConsoleOptions): Promise<SecondConsole> => {
  const answer = await fetch(`${options.sharedOrigin}/__bridge/training`, { headers: { authorization: `Bearer ${options.token}` } });
  if (!answer.ok) throw new Error(`the shared bridge does not run a training backend (${answer.status})`);
  const training = (await answer.json()) as TrainingCredentials;
  const root = await mkdtemp(join(tmpdir(), 'td-second-console-'));
  const userDataDir = join(root, 'profile');
  const machineFile = join(root, 'machine-config.json');
  // The installer's machine-wide settings point this workstation at the same backend, locked.
  await writeFile(
    machineFile,
    JSON.stringify({ backend: { baseUrl: training.baseUrl, issuerId: training.issuerId, clientId: training.clientId, keyId: training.keyId }, locked: ['backend'] }),
  );
  let started: Awaited<ReturnType<typeof spawnTsx>> | null = null;
  try {
    started = await spawnTsx(
      'electron/dev-bridge/cli.ts',
      ['--port', '0', '--user-data', userDataDir, '--machine-config', machineFile, '--renderer-dir', options.rendererDir ?? 'dist/renderer'],
      { ...process.env, TD_BRIDGE_TOKEN: options.token },
      /listening on (http:\/\/127\.0\.0\.1:\d+) \(configured backend\)[\s\S]*Machine settings:/,
      options.startTimeoutMs ?? 30_000,
    );
    const origin = started.match[1] ?? '';
    const rpc: SecondConsole['rpc'] = async (name, input = {}) => {
      const response = await fetch(`${origin}/rpc/${name}`, { method: 'POST', headers: { authorization: `Bearer ${options.token}` }, body: JSON.stringify(input) });
      return (await response.json()) as Awaited<ReturnType<SecondConsole['rpc']>>;
    };
    // The workstation key goes into the profile's store, as an administrator would import it.
    const imported = await rpc('credentials.importKey', { pem: training.privateKeyPem });
    if (!imported.ok) throw new Error(`the workstation key was not imported: ${JSON.stringify(imported.error)}`);
    const running = started;
    return {
      origin,
      sessionUrl: `${origin}/__bridge/session?token=${options.token}`,
      userDataDir,
      rpc,
      async close() {
        await stop(running);
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stop(started);
    await rm(root, { recursive: true, force: true });
    throw error;
  }
};
