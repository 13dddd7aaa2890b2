import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, importPKCS8 } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AgentSession, JWT_BEARER_GRANT, TokenResponse } from '../../../shared/api/endpoints';
import { TrainingCredentials } from '../../../shared/api/training-credentials';

const ROOT = new URL('../../../', import.meta.url).pathname;
let dir: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-sandbox-cli-'));
});

afterEach(() => {
  // Only the processes this test started, by their own process group.
  for (const child of started.splice(0)) {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  readonly child: ChildProcess;
  readonly firstLine: Promise<string>;
  readonly exit: Promise<{ code: number | null; stderr: string }>;
}

const runCli = (args: string[]): Run => {
  const child = spawn('npx', ['tsx', 'sandbox/cli.ts', ...args], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline >= 0) resolve(stdout.slice(0, newline));
    });
    child.on('exit', () => reject(new Error(`exited before printing: ${stderr}`)));
  });
  // A run that is expected to fail never prints; its unread first line must not count as unhandled.
  firstLine.catch(() => undefined);
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  return { child, firstLine, exit };
};

describe('npm run sandbox (sandbox/cli.ts)', () => {
  it('prints exactly the listening line and writes working credentials (0600)', async () => {
    const credentialsFile = join(dir, 'credentials.json');
    const run = runCli(['--port', '0', '--credentials-out', credentialsFile]);
    const line = await run.firstLine;
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const credentials = TrainingCredentials.parse(JSON.parse(await readFile(credentialsFile, 'utf8')));
    expect(line).toBe(`listening on ${credentials.baseUrl}`);
    expect((await stat(credentialsFile)).mode & 0o777).toBe(0o600);
    expect(credentials.agents.map((agent) => agent.agentId)).toEqual(expect.arrayContaining(['agent.sato', 'supervisor.suzuki', 'admin.tanaka']));

    const tokenFor = async (client: { clientId: string; keyId: string; privateKeyPem: string }): Promise<TokenResponse> => {
      const assertion = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: client.keyId })
        .setIssuer(client.clientId)
        .setSubject(client.clientId)
        .setAudience(`${credentials.baseUrl}/oauth2/token`)
        .setIssuedAt()
        .setExpirationTime('2m')
        .setJti(randomUUID())
        .sign(await importPKCS8(client.privateKeyPem, 'ES256'));
      const tokenResponse = await fetch(`${credentials.baseUrl}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
      });
      return TokenResponse.parse(await tokenResponse.json());
    };
    const { access_token, scope } = await tokenFor(credentials);
    expect(scope).toBe('workstation');
    const agent = credentials.agents[0];
    const signIn = await fetch(`${credentials.baseUrl}/api/v1/agent-sessions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${access_token}`,
        'x-issuer-id': credentials.issuerId,
        'x-correlation-id': 'cli-1',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ agentId: agent?.agentId, password: agent?.password }),
    });
    expect(AgentSession.parse(await signIn.json()).agent.agentId).toBe(agent?.agentId);

    // The platform's own client is in the file too, apart from the workstation's: only it makes the training calls.
    expect(credentials.platform.clientId).not.toBe(credentials.clientId);
    expect(credentials.platform.keyId).not.toBe(credentials.keyId);
    const platform = await tokenFor(credentials.platform);
    expect(platform.scope).toBe('platform');
    const clockAs = (token: string): Promise<Response> => fetch(`${credentials.baseUrl}/training/v1/clock`, { headers: { authorization: `Bearer ${token}` } });
    expect((await clockAs(platform.access_token)).status).toBe(200);
    expect((await clockAs(access_token)).status).toBe(403);

    if (run.child.pid) process.kill(-run.child.pid, 'SIGTERM');
    await run.exit;
  });

  it('exits 2 on a bad port and 1 on a bad data file, saying why', async () => {
    const badPort = await runCli(['--port', 'eighty']).exit;
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/--port/);

    const dataFile = join(dir, 'garbage.json');
    await writeFile(dataFile, 'garbage');
    const badData = await runCli(['--port', '0', '--data', dataFile]).exit;
    expect(badData.code).toBe(1);
    expect(badData.stderr).toContain(dataFile);
  });
});
