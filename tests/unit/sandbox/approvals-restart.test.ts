import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApprovalRequest } from '../../../shared/api/approvals';
import { knownFixtures } from '../../../sandbox/index';
import { startHarness } from './harness';

/**
 * Approval requests are kept in the sandbox's data file (--data) before the request is answered,
 * so a restarted backend still has them: a pending request can be approved after the restart and
 * runs once; one whose time passed while the backend was stopped expires as it starts.
 */
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-approvals-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const { bulkCard, lostPhone } = knownFixtures;
const START = new Date('2026-11-23T09:00:00+09:00');
const deleteOf = (virtualCardId: string) => ({ operation: 'delete', virtualCardId, action: { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' } });

const savedRequests = async (dataFile: string): Promise<{ requestId: string; state: string }[]> =>
  (JSON.parse(await readFile(dataFile, 'utf8')) as { approvalRequests: { requestId: string; state: string }[] }).approvalRequests;

describe('approval requests across a restart with --data', () => {
  it('keeps a pending request on disk before answering, still pending after a restart; approved then, it runs once', async () => {
    const dataFile = join(dir, 'state.json');
    const first = await startHarness({ dataFile, reminderCheckMs: 0 }, START);
    let kept: ApprovalRequest;
    let expiring: ApprovalRequest;
    try {
      const sato = await first.agentHeaders('agent.sato');
      const asked = await first.post('/api/v1/approval-requests', deleteOf(bulkCard.active[0]), sato);
      expect(asked.status, await asked.clone().text()).toBe(201);
      kept = ApprovalRequest.parse(await asked.json());
      // On disk already when the answer came.
      expect(await savedRequests(dataFile)).toContainEqual(expect.objectContaining({ requestId: kept.requestId, state: 'PENDING' }));
      first.clock.now = new Date(START.getTime() + 10 * 60_000);
      expiring = ApprovalRequest.parse(await (await first.post('/api/v1/approval-requests', deleteOf(lostPhone.activeOnPhone[0]), sato)).json());
    } finally {
      await first.close();
    }

    // 35 minutes after the first request: its 30 minutes passed while the backend was stopped.
    const second = await startHarness({ dataFile, reminderCheckMs: 0 }, new Date(START.getTime() + 35 * 60_000));
    try {
      expect(second.sandbox.store.approvalRequests.get(kept.requestId)?.state).toBe('EXPIRED');
      expect(second.sandbox.store.approvalRequests.get(expiring.requestId)?.state).toBe('PENDING');
      const suzuki = await second.agentHeaders('supervisor.suzuki');
      const pending = await second.get(`/api/v1/approval-requests/${expiring.requestId}`, suzuki);
      expect(ApprovalRequest.parse(await pending.json())).toMatchObject({ state: 'PENDING', requestedBy: { agentId: 'agent.sato' } });
      const approved = await second.post(`/api/v1/approval-requests/${expiring.requestId}/decision:approve`, { comment: '再起動後に承認' }, suzuki);
      expect(ApprovalRequest.parse(await approved.json()).state).toBe('EXECUTED');
      const target = lostPhone.activeOnPhone[0];
      await expect.poll(() => second.sandbox.store.tokens.get(target)?.state).toBe('DELETED');
      const runs = second.sandbox.store.storedEvents(target).filter((event) => event.kind === 'AGENT_ACTION' && event.detail.requestId === expiring.requestId);
      expect(runs).toHaveLength(1);
      expect(second.sandbox.store.tokens.get(bulkCard.active[0])?.state).toBe('ACTIVE');
    } finally {
      await second.close();
    }
    // And the outcome is kept too.
    expect(await savedRequests(dataFile)).toContainEqual(expect.objectContaining({ requestId: expiring.requestId, state: 'EXECUTED' }));
  });
});
