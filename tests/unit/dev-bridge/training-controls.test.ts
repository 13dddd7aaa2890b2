import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_BEARER_GRANT, endpoints } from '../../../shared/api/endpoints';
import { createCore, type Core } from '../../../electron/core/app-core';
import { FileSecretStore } from '../../../electron/core/secrets/secret-store';
import { startDevBridge, type DevBridge } from '../../../electron/dev-bridge/server';
import { restartableTrainingBackend } from '../../../electron/dev-bridge/restartable-training-backend';
import { memoryLogger } from '../core/support/client-setup';
import { eventually } from '../core/support/server-requests';

/**
 * The bridge's test-only training controls, as the browser tests use them: the training
 * backend's credentials (to call its simulator and faults with a platform token of their own) and
 * a restart on the same port, with the console's live stream following over /events.
 */
const TOKEN = 'training-controls-token-0123456789';
const bearer = { authorization: `Bearer ${TOKEN}` };
let root: string;
let core: Core;
let bridge: DevBridge;
let logLines: string[];

interface TrainingAnswer {
  baseUrl: string;
  tokenUrl: string;
  issuerId: string;
  clientId: string;
  keyId: string;
  privateKeyPem: string;
  platform: { clientId: string; keyId: string; privateKeyPem: string };
  agents: Array<{ agentId: string; password: string }>;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'td-bridge-training-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const profile = join(root, 'profile');
  const memory = memoryLogger();
  logLines = memory.lines;
  const training = restartableTrainingBackend(memory.logger, { dataFile: join(root, 'training-sandbox.json') });
  core = await createCore({
    userDataDir: profile,
    version: '1.2.3',
    logger: memory.logger,
    secrets: new FileSecretStore(join(profile, 'secrets.json')),
    configFiles: { userFile: join(profile, 'config.json'), machineFile: join(profile, 'machine-config.json') },
    workstationId: 'dev-bridge',
    startTrainingBackend: training.start,
    liveReconnect: { baseDelayMs: 40, maxDelayMs: 400 },
  });
  bridge = await startDevBridge({ core, token: TOKEN, rendererDir, training: training.controls });
}, 30_000);

afterAll(async () => {
  await bridge.close();
  await core.close();
  await rm(root, { recursive: true, force: true });
});

const rpc = async (name: string, input: unknown = {}, headers: Record<string, string> = bearer) =>
  (await (await fetch(`${bridge.origin}/rpc/${name}`, { method: 'POST', headers, body: JSON.stringify(input) })).json()) as {
    ok: boolean;
    data?: Record<string, unknown>;
    error?: Record<string, unknown>;
  };

const training = async (): Promise<TrainingAnswer> => {
  const response = await fetch(`${bridge.origin}/__bridge/training`, { headers: bearer });
  expect(response.status).toBe(200);
  return (await response.json()) as TrainingAnswer;
};

/**
 * A token of the test's own, by the JWT-bearer grant, as an e2e test would get one: the
 * platform's, since the training controls take no workstation's.
 */
const platformToken = async (creds: TrainingAnswer): Promise<string> => {
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: creds.platform.keyId })
    .setIssuer(creds.platform.clientId)
    .setSubject(creds.platform.clientId)
    .setAudience(creds.tokenUrl)
    .setIssuedAt()
    .setExpirationTime('2m')
    .setJti(randomUUID())
    .sign(await importPKCS8(creds.platform.privateKeyPem, 'ES256'));
  const response = await fetch(creds.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
};

const callTraining = async (creds: TrainingAnswer, path: string, body?: unknown, method = 'POST'): Promise<Response> =>
  fetch(`${creds.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await platformToken(creds)}`,
      ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** Reads the bridge's /events stream into a list, as the renderer's EventSource would. */
const listen = async (): Promise<{ envelopes: Array<{ name: string; payload: Record<string, unknown> }>; stop: () => void }> => {
  const controller = new AbortController();
  const response = await fetch(`${bridge.origin}/events`, { headers: bearer, signal: controller.signal });
  const envelopes: Array<{ name: string; payload: Record<string, unknown> }> = [];
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of block.split('\n')) if (line.startsWith('data: ')) envelopes.push(JSON.parse(line.slice(6)));
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted at the end of the test.
    }
  })();
  return { envelopes, stop: () => controller.abort() };
};

describe('GET /__bridge/training', () => {
  it('answers the training backend’s base URL and credentials to an authorised caller only', async () => {
    expect((await fetch(`${bridge.origin}/__bridge/training`)).status).toBe(401);
    const creds = await training();
    expect(creds.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(creds.tokenUrl).toBe(`${creds.baseUrl}/oauth2/token`);
    expect(creds.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    // The platform's own key, apart from the workstation's: the one the callbacks and the training controls take.
    expect(creds.platform.privateKeyPem).toContain('BEGIN PRIVATE KEY');
    expect(creds.platform.clientId).not.toBe(creds.clientId);
    expect(creds.agents.map((agent) => agent.agentId)).toContain('agent.sato');
  });

  it('lets a test drive the simulator and the faults with a platform token of its own', async () => {
    const creds = await training();
    const fault = await callTraining(creds, endpoints.injectFault.path, { match: { method: 'GET', pathPrefix: '/api/v1/tokens/' }, fault: 'status-500', times: 100 });
    expect(fault.status).toBe(201);
    await rpc('session.signIn', { agentId: 'agent.sato', password: 'Training-Sato-2026' });
    expect(await rpc('tokens.get', { virtualCardId: 'VCWATCH00001' })).toMatchObject({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
    expect((await callTraining(creds, endpoints.clearFaults.path, undefined, 'DELETE')).status).toBe(200);
    expect(await rpc('tokens.get', { virtualCardId: 'VCWATCH00001' })).toMatchObject({ ok: true });
    await rpc('session.signOut');
  });
});

describe('the console’s live stream through the bridge', () => {
  it('shows a simulated wallet suspension on /events, and survives a restart of the training backend', async () => {
    const events = await listen();
    try {
      await rpc('session.signIn', { agentId: 'agent.sato', password: 'Training-Sato-2026' });
      await eventually(() => expect(events.envelopes).toContainEqual(expect.objectContaining({ name: 'live.status', payload: expect.objectContaining({ state: 'connected' }) })));
      const creds = await training();
      const suspended = await callTraining(creds, endpoints.simulateTokenChange.path, { virtualCardId: 'VCWATCH00001', action: 'SUSPEND', source: 'WALLET' });
      expect(suspended.status).toBe(200);
      await eventually(
        () => expect(events.envelopes).toContainEqual({ name: 'token.changed', payload: expect.objectContaining({ virtualCardId: 'VCWATCH00001', state: 'SUSPENDED' }) }),
        1_000,
      );

      const before = events.envelopes.length;
      const restart = await fetch(`${bridge.origin}/__bridge/training/restart`, { method: 'POST', headers: bearer });
      expect(restart.status).toBe(200);
      expect(await restart.json()).toEqual({ ok: true, baseUrl: creds.baseUrl, fresh: false });
      await eventually(() => expect(events.envelopes.slice(before)).toContainEqual({ name: 'live.reset', payload: { reason: 'UNKNOWN_POSITION' } }));
      const states = () =>
        events.envelopes
          .slice(before)
          .filter((envelope) => envelope.name === 'live.status')
          .map((envelope) => envelope.payload.state);
      await eventually(() => expect(states().at(-1)).toBe('connected'));
      expect(states()).toContain('reconnecting');

      // Same port, same key, same data: the session and the suspension are still there.
      expect(await rpc('tokens.get', { virtualCardId: 'VCWATCH00001' })).toMatchObject({ ok: true, data: { state: 'SUSPENDED' } });
      const resumed = await callTraining(await training(), endpoints.simulateTokenChange.path, { virtualCardId: 'VCWATCH00001', action: 'RESUME', source: 'WALLET' });
      expect(resumed.status).toBe(200);
      await eventually(() =>
        expect(events.envelopes).toContainEqual({ name: 'token.changed', payload: expect.objectContaining({ virtualCardId: 'VCWATCH00001', state: 'ACTIVE' }) }),
      );
      await rpc('session.signOut');
    } finally {
      events.stop();
    }
  });

  it('refuses a restart from a page on another origin', async () => {
    const response = await fetch(`${bridge.origin}/__bridge/training/restart`, { method: 'POST', headers: { ...bearer, origin: 'https://evil.example' } });
    expect(response.status).toBe(403);
  });

  it('writes no training key to the bridge’s log', async () => {
    const creds = await training();
    const keyLine = creds.privateKeyPem.split('\n').find((line) => line.length > 40) ?? 'no key line';
    for (const line of logLines) expect(line).not.toContain(keyLine);
  });
});

describe('per browser session', () => {
  it('gives each browser session its own caller, kept when it opens the session URL again', async () => {
    const open = async (cookie?: string) => {
      const response = await fetch(bridge.sessionUrl, { redirect: 'manual', ...(cookie ? { headers: { cookie } } : {}) });
      return response.headers.getSetCookie().map((value) => value.split(';')[0] ?? '');
    };
    const first = await open();
    const second = await open();
    const callerOf = (cookies: string[]) => cookies.find((cookie) => cookie.startsWith('td_caller='));
    expect(callerOf(first)).toMatch(/^td_caller=[0-9a-f]{32}$/);
    expect(callerOf(first)).not.toBe(callerOf(second));
    expect(callerOf(await open(callerOf(first)))).toBe(callerOf(first));
  });

  it('lets one browser session cancel its own search, and not another’s', async () => {
    const cookiesOf = async (): Promise<string> => {
      const response = await fetch(bridge.sessionUrl, { redirect: 'manual' });
      return response.headers
        .getSetCookie()
        .map((value) => value.split(';')[0] ?? '')
        .join('; ');
    };
    const alice = { cookie: await cookiesOf() };
    const bob = { cookie: await cookiesOf() };
    await rpc('session.signIn', { agentId: 'agent.sato', password: 'Training-Sato-2026' }, alice);
    const creds = await training();
    await callTraining(creds, endpoints.injectFault.path, { match: { method: 'GET', pathPrefix: endpoints.searchCardholders.path }, fault: 'delay', delayMs: 5_000, times: 1 });
    const search = rpc('cardholders.search', { q: '佐藤', requestId: 'alice-search-1' }, alice);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await rpc('calls.cancel', { requestId: 'alice-search-1' }, bob)).toEqual({ ok: true, data: { cancelled: false } });
    expect(await rpc('calls.cancel', { requestId: 'alice-search-1' }, bearer)).toEqual({ ok: true, data: { cancelled: false } });
    expect(await rpc('calls.cancel', { requestId: 'alice-search-1' }, alice)).toEqual({ ok: true, data: { cancelled: true } });
    expect(await search).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await rpc('session.signOut', {}, alice);
  });
});
