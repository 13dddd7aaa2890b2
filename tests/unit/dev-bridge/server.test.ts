import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/app-core';
import { FileSecretStore } from '../../../electron/core/secrets/secret-store';
import { trainingBackends } from '../core/session/support/core-harness';
import { createLogger } from '../../../electron/core/logging/logger';
import { startDevBridge, type DevBridge } from '../../../electron/dev-bridge/server';

const TOKEN = 'test-token-0123456789abcdef';
let bridge: DevBridge;
let core: Core;
const logLines: string[] = [];

beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'td-bridge-test-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  await writeFile(join(root, 'secret.txt'), 'outside');
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(chunk.toString());
      callback();
    },
  });
  const logger = createLogger({ destination });
  const profile = join(root, 'profile');
  core = await createCore({
    userDataDir: profile,
    version: '1.2.3',
    logger,
    secrets: new FileSecretStore(join(profile, 'secrets.json')),
    configFiles: { userFile: join(profile, 'config.json'), machineFile: join(profile, 'machine-config.json') },
    workstationId: 'dev-bridge',
    startTrainingBackend: trainingBackends().start,
  });
  bridge = await startDevBridge({ core, token: TOKEN, rendererDir });
});

afterAll(async () => {
  await bridge.close();
  await core.close();
});

const bearer = { authorization: `Bearer ${TOKEN}` };

describe('test bridge', () => {
  it('refuses every route but health without the token', async () => {
    expect((await fetch(`${bridge.origin}/__bridge/health`)).status).toBe(200);
    expect((await fetch(`${bridge.origin}/`)).status).toBe(401);
    expect((await fetch(`${bridge.origin}/rpc/app.info`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await fetch(`${bridge.origin}/__bridge/session?token=wrong`)).status).toBe(401);
    expect((await fetch(`${bridge.origin}/`, { headers: { authorization: 'Bearer wrong-token-of-other-size' } })).status).toBe(401);
  });

  it('swaps the session token for an HttpOnly SameSite=Strict cookie', async () => {
    const response = await fetch(bridge.sessionUrl, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(`${bridge.origin}/`, { headers: { cookie: cookie.split(';')[0] ?? '' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('answers a declared call with the typed result and a correlation id', async () => {
    const response = await fetch(`${bridge.origin}/rpc/app.info`, { method: 'POST', headers: bearer, body: '{}' });
    const body = (await response.json()) as { ok: boolean; data: unknown };
    expect(body).toEqual({ ok: true, data: { name: 'Token Desk', version: '1.2.3', mode: 'training', locale: 'ja' } });
    expect(response.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns bad input into typed errors, never a crash', async () => {
    const post = async (path: string, body: string, headers: Record<string, string> = {}) =>
      (await fetch(`${bridge.origin}${path}`, { method: 'POST', headers: { ...bearer, ...headers }, body })).json() as Promise<{
        ok: boolean;
        error?: { code: string; messageKey: string; correlationId: string };
      }>;
    expect((await post('/rpc/settings.set', '{not json')).error?.code).toBe('INVALID_INPUT');
    expect((await post('/rpc/settings.set', '{"language":"fr"}')).error?.code).toBe('INVALID_INPUT');
    expect((await post('/rpc/settings.set', '{"__proto__":{"polluted":true},"language":"ja"}')).error?.code).toBe('INVALID_INPUT');
    expect((await post('/rpc/nothing.here', '{}')).error?.code).toBe('UNKNOWN_CALL');
    expect((await post('/rpc/log.rendererError', JSON.stringify({ message: 'x'.repeat(300_000), source: 'call' }))).error?.code).toBe(
      'PAYLOAD_TOO_LARGE',
    );
    const supplied = await post('/rpc/settings.set', '{"language":1}', { 'x-correlation-id': 'agent-action-42' });
    expect(supplied.error).toEqual({ code: 'INVALID_INPUT', messageKey: 'errors.invalidInput', correlationId: 'agent-action-42', fields: ['language'] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers odd request targets with 400 on a raw socket, never 500, and dispatches none of them', async () => {
    const { port } = new URL(bridge.origin);
    /** One request as written, the connection closed after it: the status line and the body. */
    const raw = (requestLine: string): Promise<{ status: string; body: string }> =>
      new Promise((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.end(`${requestLine} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
        });
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
        socket.on('close', () => resolve({ status: text.split('\r\n')[0] ?? '', body: text.split('\r\n\r\n').slice(1).join('') }));
        socket.on('error', reject);
      });
    const before = logLines.length;
    for (const requestLine of [
      `GET http://127.0.0.1:${port}/rpc/app.info`,
      `POST http://127.0.0.1:${port}/rpc/app.info`,
      'POST http://evil.example/rpc/app.info',
      'GET http://evil.example/',
      'OPTIONS *',
      'GET *',
      'GET //x',
      'POST //x/rpc/app.info',
      'POST /\\evil.example/rpc/app.info',
      `CONNECT 127.0.0.1:${port}`,
      `GET 127.0.0.1:${port}`,
    ]) {
      const { status, body } = await raw(requestLine);
      expect(status, requestLine).toMatch(/^HTTP\/1\.1 400 /);
      expect(body, requestLine).not.toContain('Token Desk');
    }
    const written = logLines.slice(before).join('');
    expect(written).not.toContain('test bridge request failed');
    // The ordinary form still works on the same server.
    expect((await raw('POST /rpc/app.info')).status).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('refuses a call posted from another origin', async () => {
    const response = await fetch(`${bridge.origin}/rpc/app.info`, {
      method: 'POST',
      headers: { ...bearer, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN_SENDER');
  });

  it('has no training controls unless it was given them (connected mode, or main)', async () => {
    expect((await fetch(`${bridge.origin}/__bridge/training`, { headers: bearer })).status).toBe(404);
    expect((await fetch(`${bridge.origin}/__bridge/training/restart`, { method: 'POST', headers: bearer })).status).toBe(404);
    expect((await fetch(`${bridge.origin}/__bridge/training`)).status).toBe(401);
  });

  it('refuses path traversal over HTTP', async () => {
    for (const path of ['/..%2fsecret.txt', '/%252e%252e/secret.txt', '/..%5csecret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const response = await fetch(`${bridge.origin}${path}`, { headers: bearer });
      expect(response.status, path).toBe(400);
      expect(await response.text()).not.toContain('outside');
    }
    // The URL parser folds plain and %2e dot segments into the root before any handler sees them:
    // what is left names a file inside the renderer folder, which does not exist.
    for (const path of ['/%2e%2e/secret.txt', '/../secret.txt']) {
      const response = await fetch(`${bridge.origin}${path}`, { headers: bearer });
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('outside');
    }
  });

  it('streams declared events to subscribers', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${bridge.origin}/events`, { headers: bearer, signal: controller.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    await reader.read(); // the ": connected" comment
    await fetch(`${bridge.origin}/rpc/settings.set`, { method: 'POST', headers: bearer, body: '{"language":"en"}' });
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    expect(JSON.parse(text.replace(/^data: /, '').trim())).toEqual({ name: 'settings.changed', payload: { language: 'en' } });
    controller.abort();
  });

  it('signs in against the training backend with the correlation id the caller supplied', async () => {
    const signIn = await fetch(`${bridge.origin}/rpc/session.signIn`, {
      method: 'POST',
      headers: { ...bearer, 'x-correlation-id': 'e2e-sign-in-1' },
      body: JSON.stringify({ agentId: 'agent.sato', password: 'Training-Sato-2026' }),
    });
    expect(await signIn.json()).toMatchObject({ ok: true, data: { state: 'signedIn', workstationId: 'dev-bridge' } });
    // The same id names the backend action: one id from the browser to the training backend.
    const signedIn = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).find((record) => record.msg === 'agent signed in');
    expect(signedIn?.correlationId).toBe('e2e-sign-in-1');
    const signOut = await fetch(`${bridge.origin}/rpc/session.signOut`, { method: 'POST', headers: bearer, body: '{}' });
    expect(await signOut.json()).toMatchObject({ ok: true, data: { state: 'signedOut' } });
    expect(logLines.join('')).not.toContain('Training-Sato-2026');
  });

  it('logs renderer errors with their correlation id, redacted', async () => {
    const pan = ['4111', '1111', '1111', '1111'].join('');
    await fetch(`${bridge.origin}/rpc/log.rendererError`, {
      method: 'POST',
      headers: bearer,
      body: JSON.stringify({ message: `render failed for ${pan}`, source: 'react', correlationId: 'corr-renderer-7' }),
    });
    const line = logLines.find((l) => l.includes('corr-renderer-7'));
    expect(line).toBeDefined();
    expect(line).not.toContain(pan);
    expect(line).toContain('[redacted-pan]');
  });
});
