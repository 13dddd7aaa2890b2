import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, FloorOverview } from '../../../../shared/contract';
import { DEFAULT_FLOOR_ALERT_SETTINGS } from '../../../../shared/domain/floor-alerts';
import { knownFixtures } from '../../../../sandbox/index';
import { openDesk, startBackend, type Backend, type Desk } from '../actions/support/desk';

/**
 * The floor's alert rules through core against a real training backend: core refuses a change to
 * anyone but an administrator before any HTTP, a change made from a stale version is refused by
 * the backend and said so, and the rules saved are the ones the floor is judged by (the floor
 * already read is judged again at once, and a fresh read too).
 */
let backend: Backend;
let desk: Desk;
const TANAKA = { agentId: 'admin.tanaka', password: 'Training-Tanaka-2026' };
const SUZUKI = { agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' };

beforeAll(async () => {
  backend = await startBackend();
  desk = await openDesk(backend, {});
}, 60_000);

afterAll(async () => {
  await desk.close();
  await backend.close();
});

/** One agent's accepted activation, in the backend's own trail (as its operations route writes it). */
const activation = async (): Promise<void> => {
  const { yellowPath } = knownFixtures;
  await backend.sandbox.audit.append({
    kind: 'TOKEN_ACTION',
    actor: { type: 'AGENT', agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent' },
    workstationId: null,
    correlationId: `floor-rules-${randomUUID()}`,
    outcome: 'ACCEPTED',
    cardholder: { cardholderId: yellowPath.cardholderId, maskedName: 'H. S.' },
    token: null,
    detail: {
      operation: 'activate',
      operationId: null,
      reasonCode: 'CUSTOMER_SERVICE_VERIFIED',
      reasonSent: null,
      comment: null,
      verifiers: ['FULL_NAME', 'DATE_OF_BIRTH'],
      expectedState: 'INACTIVE',
      stateAtRequest: 'INACTIVE',
    },
  });
};

const floors = (): FloorOverview[] =>
  desk.events.filter((envelope): envelope is Extract<EventEnvelope, { name: 'floor.changed' }> => envelope.name === 'floor.changed').map((envelope) => envelope.payload);

const bursts = (floor: FloorOverview) => floor.alerts.filter((alert) => alert.rule === 'ACTIVATIONS_PER_HOUR' && alert.agentId === 'agent.sato');

describe('the floor alert rules through core', () => {
  it('refuses a supervisor’s change before any HTTP, yet lets them read the rules in force', async () => {
    await desk.ok('session.signIn', SUZUKI);
    const read = await desk.ok('floor.alertRules', {});
    expect(read).toMatchObject({ settings: DEFAULT_FLOOR_ALERT_SETTINGS, version: 0 });
    const error = await desk.fail('floor.saveAlertRules', { settings: { ...DEFAULT_FLOOR_ALERT_SETTINGS, activationsPerHour: { enabled: true, max: 1 } }, version: 0 });
    expect(error.code).toBe('FORBIDDEN_ROLE');
    expect(backend.sandbox.store.floorAlertSettings.version).toBe(0);
    await desk.ok('session.signOut', {});
  });

  it('judges the floor by the rules an administrator saves: max 1 makes two activations an alert', async () => {
    await desk.ok('session.signIn', TANAKA);
    await activation();
    await activation();
    const now = Date.now();
    const period = { from: new Date(now - 60 * 60_000).toISOString(), to: new Date(now + 60 * 60_000).toISOString() };
    const before = await desk.ok('floor.overview', period);
    expect(bursts(before)).toEqual([]);

    const rules = await desk.ok('floor.alertRules', {});
    const saved = await desk.ok('floor.saveAlertRules', { settings: { ...rules.settings, activationsPerHour: { enabled: true, max: 1 } }, version: rules.version });
    expect(saved).toMatchObject({ version: rules.version + 1, changedBy: { agentId: 'admin.tanaka' }, settings: { activationsPerHour: { max: 1 } } });

    // The floor already read goes out again, judged by the new rules.
    const deadline = Date.now() + 10_000;
    while (!floors().some((floor) => bursts(floor).length > 0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const changed = floors().find((floor) => bursts(floor).length > 0);
    expect(changed && bursts(changed)[0]).toMatchObject({ count: 2, max: 1 });
    // And a fresh read too.
    expect(bursts(await desk.ok('floor.overview', period))[0]).toMatchObject({ count: 2, max: 1 });

    // A second form still holding the version before: refused, and said so.
    const stale = await desk.fail('floor.saveAlertRules', { settings: DEFAULT_FLOOR_ALERT_SETTINGS, version: rules.version });
    expect(stale).toMatchObject({ code: 'BACKEND_REJECTED', backend: { code: 'PRECONDITION_FAILED' } });
    expect(backend.sandbox.store.floorAlertSettings.settings.activationsPerHour.max).toBe(1);
  });
});
