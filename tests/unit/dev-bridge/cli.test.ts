import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * The test bridge's command line, as Playwright starts it: a profile with a file secret store and
 * the user's settings, a machine-wide settings file from --machine-config, and the training
 * backend in-process, which stops with the bridge.
 */
const ROOT = new URL('../../../', import.meta.url).pathname;
const TOKEN = 'cli-test-token-0123456789';
let dir: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-bridge-cli-'));
});
afterEach(() => {
  // Only the processes this test started, by their own id.
  for (const child of started.splice(0)) if (child.pid && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const startBridge = (args: string[]) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/dev-bridge/cli.ts', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, TD_BRIDGE_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const origin = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (found?.[1] && stdout.includes('Machine settings:')) resolve(found[1]);
    });
    child.on('exit', () => reject(new Error(`bridge exited: ${stderr}`)));
  });
  origin.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, origin, exit, output: () => stdout };
};

const rpc = async (origin: string, name: string, input: unknown = {}) => {
  const response = await fetch(`${origin}/rpc/${name}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(input) });
  return (await response.json()) as { ok: boolean; data?: Record<string, unknown>; error?: Record<string, unknown> };
};

describe('electron/dev-bridge/cli.ts', () => {
  it('serves the console on the training backend with the machine settings given, and stops cleanly', async () => {
    const profile = join(dir, 'profile');
    const machine = join(dir, 'machine.json');
    await writeFile(machine, JSON.stringify({ idleLockMinutes: 5, locked: ['idleLockMinutes'] }));
    const bridge = startBridge(['--user-data', profile, '--machine-config', machine]);
    const origin = await bridge.origin;
    expect(bridge.output()).toContain('(training backend)');

    expect(await rpc(origin, 'config.get')).toMatchObject({
      ok: true,
      data: { mode: 'training', lockedFields: ['idleLockMinutes'], idleLockMinutes: 5, files: { user: join(profile, 'config.json'), machine } },
    });
    expect(await rpc(origin, 'session.signIn', { agentId: 'agent.sato', password: 'Training-Sato-2026' })).toMatchObject({
      ok: true,
      data: { state: 'signedIn', workstationId: 'dev-bridge', idleLockMinutes: 5 },
    });
    // A signed-in agent may not replace the workstation key; signed out, setting up is open.
    expect(await rpc(origin, 'credentials.generateKey')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    expect(await rpc(origin, 'session.signOut')).toMatchObject({ ok: true, data: { state: 'signedOut' } });
    expect(await rpc(origin, 'credentials.generateKey')).toMatchObject({ ok: true, data: { status: { storageBackend: 'file', persisted: true } } });
    expect(await readFile(join(profile, 'secrets.json'), 'utf8')).toContain('workstation-signing-key');
    // The training backend keeps its state in the profile, so a restart through the bridge keeps it.
    const training = await fetch(`${origin}/__bridge/training`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(training.status).toBe(200);
    expect(await readFile(join(profile, 'training-sandbox.json'), 'utf8')).toContain('"cardholders"');

    bridge.child.kill('SIGTERM');
    expect(await bridge.exit).toBe(0);
  }, 60_000);

  it('defaults the machine settings to a file in the profile that a test can write', async () => {
    const profile = join(dir, 'profile-default');
    const bridge = startBridge(['--user-data', profile]);
    const origin = await bridge.origin;
    expect(await rpc(origin, 'config.get')).toMatchObject({ ok: true, data: { files: { machine: join(profile, 'machine-config.json') }, problems: [] } });
    bridge.child.kill('SIGTERM');
    expect(await bridge.exit).toBe(0);
  }, 60_000);
});
