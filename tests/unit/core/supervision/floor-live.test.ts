import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, FloorOverview } from '../../../../shared/contract';
import { knownFixtures } from '../../../../sandbox/index';
import { SATO, openDesk, startBackend, type Backend, type Desk } from '../actions/support/desk';
import { eventuallyDefined } from '../support/server-requests';

/**
 * Core follows the floor from the live stream against a real training backend: once a supervisor
 * has read it, each audit record the stream brings is forwarded typed (`audit.appended`) and
 * folded into the floor, and each approval's change into the waiting count, which goes out as
 * `floor.changed`: no second read of the trail.
 */
let backend: Backend;
let desk: Desk;
const { yellowPath, lostPhone } = knownFixtures;

beforeAll(async () => {
  backend = await startBackend({ tspConfirmDelayMs: 20 });
  desk = await openDesk(backend, {});
}, 60_000);

afterAll(async () => {
  await desk.close();
  await backend.close();
});


const floors = (): FloorOverview[] =>
  desk.events.filter((envelope): envelope is Extract<EventEnvelope, { name: 'floor.changed' }> => envelope.name === 'floor.changed').map((envelope) => envelope.payload);

describe('the floor followed live', () => {
  it('forwards each new audit record and folds it, and each waiting approval, into the floor it sends', async () => {
    await desk.ok('session.signIn', { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' });
    await eventuallyDefined(() => (desk.events.some((envelope) => envelope.name === 'live.status' && envelope.payload.state === 'connected') ? true : undefined), 'the live stream');
    const now = Date.now();
    const period = { from: new Date(now - 60 * 60_000).toISOString(), to: new Date(now + 60 * 60_000).toISOString() };
    const first = await desk.ok('floor.overview', period);
    expect(first.approvals).toEqual({ pending: 0, oldest: null });
    expect(floors()).toHaveLength(0);

    // Another agent, at their own console: the supervisor's floor learns of it from the stream.
    const sato = await backend.script.signIn(SATO);
    const target = yellowPath.activeVirtualCardId;
    const suspended = await backend.script.asAgent(sato, 'POST', `/api/v1/tokens/${target}/operations:suspend`, { body: { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' } });
    expect(suspended.status, suspended.text).toBe(202);
    const forwarded = await eventuallyDefined(
      () => desk.events.find((envelope) => envelope.name === 'audit.appended' && envelope.payload.record.kind === 'TOKEN_ACTION' && envelope.payload.record.token?.virtualCardId === target),
      'the audit record forwarded',
    );
    expect(forwarded).toMatchObject({ payload: { record: { actor: { agentId: SATO.agentId }, outcome: 'ACCEPTED' } } });
    const withAction = await eventuallyDefined(() => floors().find((floor) => floor.recent.some((record) => record.kind === 'TOKEN_ACTION' && record.token?.virtualCardId === target)), 'the floor with the action');
    expect(withAction.recent[0]?.sequence).toBe(Math.max(...withAction.recent.map((record) => record.sequence)));
    expect(withAction.team.actions.suspend).toBe(first.team.actions.suspend + 1);
    expect(withAction.agents.find((agent) => agent.agentId === SATO.agentId)?.figures.actions.suspend).toBe(1);
    // The platform's confirmation, when it comes, is counted too.
    await eventuallyDefined(() => floors().find((floor) => floor.team.confirmed === first.team.confirmed + 1), 'the confirmation counted');

    const asked = await backend.script.asAgent(sato, 'POST', '/api/v1/approval-requests', {
      body: { operation: 'delete', virtualCardId: lostPhone.activeOnPhone[0], action: { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' } },
    });
    expect(asked.status, asked.text).toBe(201);
    const waiting = await eventuallyDefined(() => floors().find((floor) => floor.approvals?.pending === 1), 'the waiting request counted');
    expect(waiting.approvals?.oldest).toMatchObject({ agentName: '佐藤 美咲' });
  });
});
