import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedActions } from '../../support/audit-trail';
import type { ActionView } from '../../../shared/contract';
import { startConnectedDesk, type ConnectedDesk } from '../../support/connected-desk';

/**
 * The crash drill's helper (tests/support/connected-desk.ts): a standalone sandbox process and a
 * dev bridge process in connected mode; the bridge is killed with SIGKILL while an action is on
 * its way to the backend, started again on the same profile, and the action finishes once.
 */
const SATO = { agentId: 'agent.sato', password: 'Training-Sato-2026' };
let desk: ConnectedDesk;

beforeAll(async () => {
  desk = await startConnectedDesk();
}, 60_000);
afterAll(async () => {
  await desk.close();
});

const listed = async (actionId: string): Promise<ActionView | undefined> => {
  const answer = await desk.rpc('actions.list');
  return (answer.data as { items: ActionView[] } | undefined)?.items.find((item) => item.actionId === actionId);
};

describe('a connected desk', () => {
  it('runs the bridge in connected mode against the sandbox process, with the key imported', async () => {
    expect(desk.output()).toContain('(configured backend)');
    expect(await desk.rpc('config.get')).toMatchObject({ ok: true, data: { mode: 'connected', lockedFields: ['backend'] } });
    expect(await desk.rpc('credentials.status')).toMatchObject({ ok: true, data: { configured: true } });
    expect(await desk.rpc('session.signIn', SATO)).toMatchObject({ ok: true, data: { state: 'signedIn' } });
  });

  it('finishes, once, an action whose bridge was killed with SIGKILL while it was being sent', async () => {
    const { origin: before, pid } = desk.bridge;
    // The backend holds the operation long enough for the kill to land mid-send.
    await desk.backend.fault({ match: { method: 'POST', pathPrefix: '/api/v1/tokens/VCWATCH00001/' }, fault: 'delay', times: 1, delayMs: 1_500 });
    const actionId = randomUUID();
    const submitted = await desk.rpc('actions.submit', {
      actionId,
      virtualCardId: 'VCWATCH00001',
      operation: 'suspend',
      reasonCode: 'DEVICE_LOST',
      comment: '電話を紛失',
      expectedState: 'ACTIVE',
    });
    expect(submitted).toMatchObject({ ok: true, data: { status: 'REQUESTED' } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await desk.killBridge();
    expect(await readdir(join(desk.userDataDir, 'outbox'))).toContain(`${actionId}.json`);

    const again = await desk.startBridge();
    expect(again.origin).toBe(before);
    expect(again.pid).not.toBe(pid);
    // The agent's session died with the process: the action waits for its agent.
    expect(await desk.rpc('actions.list')).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    await desk.rpc('session.signIn', SATO);
    let view: ActionView | undefined;
    for (let i = 0; i < 300; i += 1) {
      view = await listed(actionId);
      if (view?.status === 'CONFIRMED') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(view).toMatchObject({ status: 'CONFIRMED', resumedAfterRestart: true });

    const supervisor = await desk.backend.signIn({ agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' });
    const history = await desk.backend.tokenEvents(supervisor, 'VCWATCH00001');
    expect(history.filter((event) => event.kind === 'AGENT_ACTION' && event.correlationId === view?.correlationId)).toHaveLength(1);
    expect(history.filter((event) => event.kind === 'SUSPENDED' && event.detail.operationId === view?.operationId)).toHaveLength(1);
    let records = await desk.backend.auditRecords(supervisor, 'VCWATCH00001');
    for (let i = 0; i < 100 && records.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      records = await desk.backend.auditRecords(supervisor, 'VCWATCH00001');
    }
    expect(acceptedActions(records).filter(({ record }) => record.correlationId === view?.correlationId).map(({ outcome }) => outcome)).toEqual(['CONFIRMED']);
  }, 60_000);
});
