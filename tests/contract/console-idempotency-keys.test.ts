import { randomUUID } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints, idempotencyKeyOf, type Endpoint } from '../../shared/api/endpoints';
import { startCore, type CoreHarness } from '../unit/core/session/support/core-harness';

/**
 * The console's side of the Idempotency-Key contract: the backend refuses a state-changing call
 * without one (400) and a key reused for another request (422), so every such call the console
 * makes (sign-in aside, where it is optional) must carry its own. Core runs against the training
 * backend over real HTTP through a whole shift: sign-in, lock and unlock, a token action with its
 * audit record, a template save, sign-out. What the backend receives is watched on Node's
 * diagnostics channel.
 */
interface Received {
  readonly method: string;
  readonly path: string;
  readonly key: string | undefined;
  status: number | null;
}

const received: Received[] = [];
const listener = (message: unknown): void => {
  const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
  const key = request.headers['idempotency-key'];
  const seen: Received = { method: request.method ?? '', path: (request.url ?? '').split('?')[0] ?? '', key: typeof key === 'string' ? key : undefined, status: null };
  received.push(seen);
  response.once('finish', () => {
    seen.status = response.statusCode;
  });
};

/** The endpoint a request went to, by method and path pattern. */
const endpointOf = (method: string, path: string): Endpoint | undefined =>
  (Object.values(endpoints) as Endpoint[]).find(
    (endpoint) =>
      endpoint.method === method &&
      new RegExp(`^${endpoint.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+')}$`).test(path),
  );

let h: CoreHarness;

beforeAll(async () => {
  subscribe('http.server.request.start', listener);
  h = await startCore();
}, 30_000);

afterAll(async () => {
  unsubscribe('http.server.request.start', listener);
  await h.close();
});

describe("the console's state-changing calls", () => {
  it('each carry an Idempotency-Key of their own, and the backend takes every one', async () => {
    await h.ok('session.signIn', { agentId: 'admin.tanaka', password: 'Training-Tanaka-2026' });
    await h.ok('session.lock');
    await h.ok('session.unlock', { password: 'Training-Tanaka-2026' });
    const action = await h.ok('actions.submit', {
      actionId: randomUUID(),
      virtualCardId: 'VCWATCH00001',
      operation: 'suspend',
      reasonCode: 'DEVICE_LOST',
      expectedState: 'ACTIVE',
    });
    const deadline = Date.now() + 10_000;
    while (h.core.actions.get(action.actionId)?.audit?.journaled !== true) {
      if (Date.now() > deadline) throw new Error(`the action did not settle: ${JSON.stringify(h.core.actions.get(action.actionId)?.view ?? null)}`);
      await new Promise((wait) => setTimeout(wait, 20));
    }
    const { templates } = await h.ok('notifications.templates');
    const [template] = templates;
    if (!template) throw new Error('no template');
    await h.ok('notifications.saveTemplate', {
      key: { event: template.event, channel: template.channel, language: template.language },
      content: { subject: template.subject, body: template.body },
    });
    await h.ok('session.signOut');

    const changing = received.filter((request) => request.method !== 'GET');
    const names = changing.map((request) => endpointOf(request.method, request.path)?.operationId ?? `${request.method} ${request.path}`);
    expect(names).toEqual(expect.arrayContaining(['signIn', 'verifyPassword', 'suspendToken', 'saveNotificationTemplate', 'signOut']));
    for (const request of changing) {
      const endpoint = endpointOf(request.method, request.path);
      expect(endpoint, `${request.method} ${request.path}`).toBeDefined();
      if (endpoint && idempotencyKeyOf(endpoint) === 'required') expect(request.key, endpoint.operationId).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
      expect(request.status, `${request.method} ${request.path}`).toBeGreaterThanOrEqual(200);
      expect(request.status, `${request.method} ${request.path}`).toBeLessThan(300);
    }
    // One key per change: a key shared by two different calls would be refused as a conflict.
    const keyed = changing.filter((request) => request.key !== undefined);
    const byKey = new Map<string, string>();
    for (const request of keyed) {
      const where = `${request.method} ${request.path}`;
      expect(byKey.get(request.key ?? '') ?? where, `key ${request.key ?? ''}`).toBe(where);
      byKey.set(request.key ?? '', where);
    }
  }, 30_000);
});
