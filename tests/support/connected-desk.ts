import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendScript, type BackendScript, type ScriptCredentials } from './backend-script';

/**
 * A console as a workstation runs it in an issuer's call center, for tests that kill it: a
 * standalone sandbox process that keeps its data in a file (the issuer's backend, which outlives
 * the console), and a dev bridge process in connected mode against it, with its own profile
 * (user data: settings, workstation key, outbox, audit journal). The bridge can be killed with
 * SIGKILL at any moment and started again on the same profile and the same port, so a browser
 * that had it open reconnects with the same cookie.
 *
 *   const desk = await startConnectedDesk();
 *   await page.goto(desk.bridge.sessionUrl);          // sign in as agent.sato, submit an action…
 *   await desk.killBridge();                           // kill -9 mid-action
 *   await desk.startBridge();                          // same --user-data, same port
 *   await page.goto(desk.bridge.sessionUrl);          // sign in again: the outbox resumes
 *   await desk.backend.fault({ … });                   // the sandbox's training controls
 *   await desk.close();
 */
export interface BridgeInfo {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Opens a browser session on the bridge (sets its cookie) and lands on the console. */
  readonly sessionUrl: string;
  /** The bridge's access token (TD_BRIDGE_TOKEN): `Authorization: Bearer …` for scripts. */
  readonly token: string;
  readonly pid: number;
}

export interface ConnectedDesk {
  /** The running bridge; replaced by each startBridge. */
  readonly bridge: BridgeInfo;
  /** The bridge's profile (--user-data): survives kills and restarts. */
  readonly userDataDir: string;
  /** The sandbox's base URL and a workstation key it accepts. */
  readonly credentials: ScriptCredentials;
  /** The sandbox as a script reaches it: faults, simulated wallet changes, policy, histories, audit records. */
  readonly backend: BackendScript;
  /** Calls the console's contract over the bridge, as a script (`{ ok, data | error }`). */
  rpc(name: string, input?: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string } }>;
  /** SIGKILL: no shutdown, no flush; whatever core had not written is lost, as in a crash. */
  killBridge(): Promise<void>;
  /** Starts the bridge again on the same profile and port (after killBridge). */
  startBridge(): Promise<BridgeInfo>;
  /** What the bridge printed (stdout and stderr) since it last started. */
  output(): string;
  /** Stops both processes and removes the folders this desk made. */
  close(): Promise<void>;
}

export interface ConnectedDeskOptions {
  /** Reuse a profile; a temporary one otherwise (removed by close). */
  readonly userDataDir?: string;
  /** The bridge's port; a free one otherwise (kept across restarts). */
  readonly port?: number;
  /** The built renderer the bridge serves (run `npm run build` first). */
  readonly rendererDir?: string;
  readonly token?: string;
  /** How long to wait for each process to say it is listening. */
  readonly startTimeoutMs?: number;
}

const ROOT = new URL('../../', import.meta.url).pathname;

interface Started {
  readonly child: ChildProcess;
  readonly text: () => string;
  readonly exited: Promise<void>;
}

/** Spawns `node --import tsx <script>` and waits until its output matches `ready`. */
export const spawnTsx = async (script: string, args: readonly string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs: number): Promise<Started & { match: RegExpExecArray }> => {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start in ${timeoutMs} ms:\n${text}`));
    }, timeoutMs);
    const look = (chunk: Buffer): void => {
      text += chunk.toString();
      const found = ready.exec(text);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code ?? signal}) before it was ready:\n${text}`));
    });
  });
  return { child, text: () => text, exited, match };
};

export const stop = async (started: Started | null): Promise<void> => {
  if (!started || started.child.exitCode !== null || started.child.signalCode !== null) return;
  started.child.kill('SIGKILL');
  await started.exited;
};

export const startConnectedDesk = async (options: ConnectedDeskOptions = {}): Promise<ConnectedDesk> => {
  const root = await mkdtemp(join(tmpdir(), 'td-connected-desk-'));
  const userDataDir = options.userDataDir ?? join(root, 'profile');
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const token = options.token ?? randomBytes(24).toString('hex');
  const credentialsFile = join(root, 'sandbox-credentials.json');
  const machineFile = join(root, 'machine-config.json');

  const sandbox = await spawnTsx(
    'sandbox/cli.ts',
    ['--port', '0', '--credentials-out', credentialsFile, '--data', join(root, 'sandbox-data.json')],
    process.env,
    /listening on (http:\/\/127\.0\.0\.1:\d+)/,
    timeoutMs,
  );
  let bridgeProcess: Started | null = null;
  try {
    const credentials = JSON.parse(await readFile(credentialsFile, 'utf8')) as ScriptCredentials;
    // The installer's machine-wide settings point the workstation at the issuer's backend.
    await writeFile(
      machineFile,
      JSON.stringify({ backend: { baseUrl: credentials.baseUrl, issuerId: credentials.issuerId, clientId: credentials.clientId, keyId: credentials.keyId }, locked: ['backend'] }),
    );
    let port = options.port ?? 0;
    let bridge: BridgeInfo | null = null;

    const rpcAt = async (origin: string, name: string, input: unknown = {}) => {
      const response = await fetch(`${origin}/rpc/${name}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(input) });
      return (await response.json()) as { ok: boolean; data?: unknown; error?: { code: string } };
    };

    const startBridge = async (): Promise<BridgeInfo> => {
      if (bridgeProcess && bridgeProcess.child.exitCode === null && bridgeProcess.child.signalCode === null) throw new Error('the bridge is running; kill it first');
      const started = await spawnTsx(
        'electron/dev-bridge/cli.ts',
        ['--port', String(port), '--user-data', userDataDir, '--machine-config', machineFile, '--renderer-dir', options.rendererDir ?? 'dist/renderer'],
        { ...process.env, TD_BRIDGE_TOKEN: token },
        /listening on (http:\/\/127\.0\.0\.1:(\d+)) \(configured backend\)[\s\S]*Machine settings:/,
        timeoutMs,
      );
      bridgeProcess = started;
      const origin = started.match[1] ?? '';
      port = Number(started.match[2]);
      // The workstation key goes into the profile's store once, as an administrator would import it.
      const status = (await rpcAt(origin, 'credentials.status')) as { ok: boolean; data?: { configured: boolean } };
      if (!status.data?.configured) {
        const imported = await rpcAt(origin, 'credentials.importKey', { pem: credentials.privateKeyPem });
        if (!imported.ok) throw new Error(`the workstation key was not imported: ${JSON.stringify(imported.error)}`);
      }
      bridge = { origin, sessionUrl: `${origin}/__bridge/session?token=${token}`, token, pid: started.child.pid ?? -1 };
      return bridge;
    };

    await startBridge();
    return {
      get bridge() {
        if (!bridge) throw new Error('the bridge is not running');
        return bridge;
      },
      userDataDir,
      credentials,
      backend: backendScript(credentials),
      rpc: (name, input) => {
        if (!bridge) throw new Error('the bridge is not running');
        return rpcAt(bridge.origin, name, input);
      },
      killBridge: async () => {
        await stop(bridgeProcess);
      },
      startBridge,
      output: () => bridgeProcess?.text() ?? '',
      async close() {
        await stop(bridgeProcess);
        await stop(sandbox);
        // The sandbox's data, its credentials and (unless one was given) the profile.
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stop(bridgeProcess);
    await stop(sandbox);
    await rm(root, { recursive: true, force: true });
    throw error;
  }
};
