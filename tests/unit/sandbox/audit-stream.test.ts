import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownFixtures } from '../../../sandbox/index';
import { startHarness, type Harness } from './harness';
import { openStream, type ReceivedEvent } from './sse-client';

/**
 * The audit trail on the event stream, over real HTTP: each record appended goes out as
 * `audit.appended`, as the audit API serves it (the cardholder's name masked, the token by its last
 * four, no card number), to supervisors and administrators only; an agent's stream never carries one.
 */
let h: Harness;
const { yellowPath } = knownFixtures;

beforeAll(async () => {
  h = await startHarness({ tspConfirmDelayMs: 20 });
}, 60_000);

afterAll(async () => {
  await h.close();
});

const isAudit = (event: ReceivedEvent): boolean => event.data.type === 'audit.appended';

describe('audit.appended on the event stream', () => {
  it('sends an agent’s action to supervisors and administrators, masked, and never to an agent', async () => {
    const [sato, kobayashi, suzuki, tanaka] = await Promise.all([h.agentHeaders('agent.sato'), h.agentHeaders('agent.kobayashi'), h.agentHeaders('supervisor.suzuki'), h.agentHeaders('admin.tanaka')]);
    const url = `${h.sandbox.baseUrl}/api/v1/events/stream`;
    const [agentStream, otherAgentStream, supervisorStream, adminStream] = await Promise.all([openStream(url, sato), openStream(url, kobayashi), openStream(url, suzuki), openStream(url, tanaka)]);
    try {
      const target = yellowPath.activeVirtualCardId;
      const suspended = await h.post(`/api/v1/tokens/${target}/operations:suspend`, { reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' }, sato);
      expect(suspended.status, await suspended.clone().text()).toBe(202);
      const isTheAction = (event: ReceivedEvent): boolean =>
        event.data.type === 'audit.appended' && event.data.record.kind === 'TOKEN_ACTION' && event.data.record.token?.virtualCardId === target;
      const seen = await supervisorStream.take(isTheAction);
      await adminStream.take(isTheAction);
      if (seen.data.type !== 'audit.appended') throw new Error('an audit event');
      const { record } = seen.data;
      expect(record).toMatchObject({ actor: { type: 'AGENT', agentId: 'agent.sato' }, outcome: 'ACCEPTED', token: { virtualCardId: target } });
      // As the audit API serves it: the same record, the name reduced to initials.
      expect(h.sandbox.audit.list({ virtualCardId: target }, null, 50).items.find((item) => item.recordId === record.recordId)).toEqual(record);
      expect(record.cardholder?.maskedName).toMatch(/^(\S\. ?)+$/);
      expect(JSON.stringify(seen.data)).not.toMatch(/\d{13,19}/);
      // The platform's confirmation follows as its own record.
      await supervisorStream.take((event) => event.data.type === 'audit.appended' && event.data.record.kind === 'TOKEN_ACTION_OUTCOME' && event.data.record.token?.virtualCardId === target);

      // In order on the wire: a record written while a change was being handed out comes after it.
      const sequences = supervisorStream.events.flatMap((event) => ('sequence' in event.data && event.data.type !== 'ready' ? [event.data.sequence] : []));
      expect(sequences).toEqual([...sequences].sort((a, b) => a - b));

      // The agents' streams carried the token's change but no audit record at all.
      await agentStream.take((event) => event.data.type === 'token.changed' && event.data.virtualCardId === target && event.data.state === 'SUSPENDED');
      expect(agentStream.events.some(isAudit)).toBe(false);
      expect(otherAgentStream.events.some(isAudit)).toBe(false);
    } finally {
      for (const stream of [agentStream, otherAgentStream, supervisorStream, adminStream]) stream.close();
    }
  });
});
