import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface BenchBridge {
  readonly origin: string;
  readonly token: string;
  /** Calls the contract as a script would (Bearer token), for arranging state, not for measuring. */
  call(name: string, input: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

const STARTUP_MS = 60_000;
const STOP_MS = 5_000;
const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

const exited = (child: ChildProcess, ms: number): Promise<boolean> =>
  new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      done(true);
      return;
    }
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });

/**
 * Starts the test bridge (training backend in-process) on a free port, serving `rendererDir`, with a
 * throwaway profile, or the one given (prepared beforehand, e.g. with a seeded audit trail). The
 * bench owns it: `stop` ends it (TERM, then KILL) and removes the profile.
 */
export const startBenchBridge = async (rendererDir: string, prepared?: { readonly profile: string }): Promise<BenchBridge> => {
  const token = randomBytes(24).toString('hex');
  const profile = prepared?.profile ?? (await mkdtemp(join(tmpdir(), 'token-desk-bench-')));
  const child = spawn(resolve('node_modules/.bin/tsx'), ['electron/dev-bridge/cli.ts', '--port', '0', '--user-data', profile, '--renderer-dir', rendererDir], {
    env: { ...process.env, TD_BRIDGE_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString('utf8')));

  const stop = async (): Promise<void> => {
    if (!(await exited(child, 0))) {
      child.kill('SIGTERM');
      if (!(await exited(child, STOP_MS))) {
        child.kill('SIGKILL');
        await exited(child, STOP_MS);
      }
    }
    await rm(profile, { recursive: true, force: true });
  };

  const origin = await new Promise<string>((found, failed) => {
    const timer = setTimeout(() => failed(new Error(`the bridge did not start within ${STARTUP_MS} ms\n${stderr.join('')}`)), STARTUP_MS);
    const lines = createInterface({ input: child.stdout ?? process.stdin });
    lines.on('line', (line) => {
      const match = LISTENING.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        found(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      failed(new Error(`the bridge exited (${code}) before listening\n${stderr.join('')}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });

  const call = async (name: string, input: unknown): Promise<unknown> => {
    const response = await fetch(`${origin}/rpc/${name}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(30_000),
    });
    return response.json();
  };

  return { origin, token, call, stop };
};
