import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchServerRequests } from '../support/server-requests';
import { KOBAYASHI, SATO, newActionId, openDesk, startBackend, tracesOf, type Backend, type Desk } from './support/desk';

/**
 * Confirmation from the live stream, proved over real HTTP against a standalone sandbox: every
 * request the backend receives for the token is counted. While the stream is up, an action goes
 * from submit to CONFIRMED (and its notification) without one read of the token's history; with
 * the stream down, the slow poll of the history still confirms it.
 */
let backend: Backend;
const desks: Desk[] = [];

beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await Promise.all(desks.map((desk) => desk.close()));
  await backend.close();
});

const open = async (options: Parameters<typeof openDesk>[1] = {}): Promise<Desk> => {
  const desk = await openDesk(backend, options);
  desks.push(desk);
  return desk;
};

const until = async (check: () => boolean, what: string): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not ${what} in time`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** The token's history reads (`GET /api/v1/tokens/{id}/events`) the backend received. */
const historyReads = (watch: ReturnType<typeof watchServerRequests>, virtualCardId: string): number =>
  watch.seen.filter((request) => request.url.startsWith(`/api/v1/tokens/${virtualCardId}/events`)).length;

describe('confirming an action', () => {
  it('from the stream alone while it is up: no history read between submit and CONFIRMED, nor for the notification', async () => {
    const desk = await open();
    await desk.ok('session.signIn', SATO);
    await until(() => desk.core.live.status().state === 'connected', 'connected');
    const watch = watchServerRequests('/api/v1/tokens/');
    try {
      const input = { actionId: newActionId(), virtualCardId: 'VCWATCH00001', operation: 'suspend', reasonCode: 'DEVICE_LOST', expectedState: 'ACTIVE' };
      await desk.ok('actions.submit', input);
      const view = await desk.until(input.actionId, ['CONFIRMED', 'FAILED']);
      expect(view.status).toBe('CONFIRMED');
      expect(historyReads(watch, input.virtualCardId)).toBe(0);
      await until(() => desk.core.actions.get(input.actionId)?.view.notification != null, 'notified');
      expect(desk.core.actions.get(input.actionId)?.view.notification).toMatchObject({ template: 'TOKEN_SUSPENDED', status: 'QUEUED' });
      expect(historyReads(watch, input.virtualCardId)).toBe(0);
      // The backend did it once, and the requests that reached it were the send and nothing else of the history.
      expect(watch.seen.filter((request) => request.url.includes('/operations:'))).toHaveLength(1);
      expect(tracesOf(await backend.script.tokenEvents(backend.supervisor, input.virtualCardId), view)).toEqual({ agentActions: 1, confirmations: 1 });
    } finally {
      watch.stop();
    }
  });

  it('by the slow poll of the history while the stream is down', async () => {
    const desk = await open({ actionTuning: { confirmPollMs: 150 } });
    await desk.ok('session.signIn', KOBAYASHI);
    desk.core.live.stop();
    const watch = watchServerRequests('/api/v1/tokens/');
    try {
      const input = { actionId: newActionId(), virtualCardId: 'VCHISTORY0001', operation: 'suspend', reasonCode: 'CARDHOLDER_REQUEST', expectedState: 'ACTIVE' };
      await desk.ok('actions.submit', input);
      const view = await desk.until(input.actionId, ['CONFIRMED', 'FAILED']);
      expect(view.status).toBe('CONFIRMED');
      expect(desk.core.live.status().state).toBe('idle');
      expect(historyReads(watch, input.virtualCardId)).toBeGreaterThanOrEqual(1);
    } finally {
      watch.stop();
    }
  });
});
