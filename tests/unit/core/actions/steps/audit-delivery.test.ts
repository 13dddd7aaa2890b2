import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../../../shared/api/audit';
import type { OutboxEntry } from '../../../../../electron/core/actions/action-entry';
import type { AuditJournal } from '../../../../../electron/core/actions/audit-journal';
import { auditRecordFor } from '../../../../../electron/core/actions/audit-record';
import { createAuditDelivery } from '../../../../../electron/core/actions/audit-delivery';
import { memoryLogger } from '../../support/client-setup';
import { WATCH_TOKEN, writtenAhead } from '../support/entries';

/**
 * The audit step alone: an ended action's one record goes to the journal once, then to the backend
 * until it is stored, with backoff, only as the action's own agent; what is on disk says how far it got.
 */
const ended = (): OutboxEntry => {
  const asked = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST', attempts: 1 });
  const entry: OutboxEntry = { ...asked, completedAt: asked.view.requestedAt, view: { ...asked.view, status: 'CONFIRMED', operationId: 'OPAAAAAAAAAA' } };
  return { ...entry, audit: { record: auditRecordFor(entry, asked.view.requestedAt), journaled: false, stored: false } };
};

const setup = (answers: Array<'stored' | 'not signed in' | Error>) => {
  const journaled: AuditRecord[] = [];
  const journal = { file: 'audit.jsonl', start: () => Promise.reject(new Error('unused')), append: async (record: AuditRecord) => void journaled.push(record), close: async () => undefined } satisfies AuditJournal;
  const memory = new Map<string, OutboxEntry>();
  const saved: OutboxEntry[] = [];
  const sent: AuditRecord[] = [];
  const wakes: number[] = [];
  const delivery = createAuditDelivery({
    journal,
    remember: (entry) => void memory.set(entry.view.actionId, entry),
    save: async (entry) => void saved.push(entry),
    send: async (_entry, record) => {
      sent.push(record);
      const answer = answers.shift() ?? 'stored';
      if (answer instanceof Error) throw answer;
      return answer === 'stored';
    },
    wake: (_actionId, delayMs) => void wakes.push(delayMs),
    logger: memoryLogger().logger,
    tuning: { auditRetryBaseDelayMs: 100, auditRetryMaxDelayMs: 1_000 },
    random: () => 0.5,
  });
  return { delivery, journaled, memory, saved, sent, wakes };
};

describe('audit delivery', () => {
  it('journals the record once, then stores it at the backend, the very same record', async () => {
    const world = setup(['stored']);
    const entry = ended();
    await world.delivery.deliver(entry);
    expect(world.journaled).toEqual([entry.audit?.record]);
    expect(world.sent).toEqual([entry.audit?.record]);
    expect(world.saved.map((saved) => saved.audit)).toEqual([{ record: entry.audit?.record, journaled: true, stored: true }]);
  });

  it('retries a failed send with growing backoff, never journaling twice', async () => {
    const world = setup([new Error('503'), new Error('reset'), 'stored']);
    let entry = ended();
    for (let i = 0; i < 3; i += 1) {
      await world.delivery.deliver(entry);
      entry = world.memory.get(entry.view.actionId) ?? entry;
    }
    expect(world.journaled).toHaveLength(1);
    expect(world.sent).toHaveLength(3);
    expect(new Set(world.sent.map((record) => record.auditId)).size).toBe(1);
    expect(world.wakes).toEqual([50, 100]);
    expect(world.memory.get(entry.view.actionId)?.audit).toMatchObject({ journaled: true, stored: true });
  });

  it('waits, journaled but not stored, while its agent is not signed in', async () => {
    const world = setup(['not signed in']);
    const entry = ended();
    await world.delivery.deliver(entry);
    expect(world.journaled).toHaveLength(1);
    expect(world.saved).toHaveLength(0);
    expect(world.wakes).toHaveLength(0);
    expect(world.memory.get(entry.view.actionId)?.audit).toMatchObject({ journaled: true, stored: false });
  });

  it('does nothing for a record already stored', async () => {
    const world = setup([]);
    const entry = ended();
    const audit = entry.audit;
    if (!audit) throw new Error('no audit');
    await world.delivery.deliver({ ...entry, audit: { ...audit, journaled: true, stored: true } });
    expect(world.journaled).toHaveLength(0);
    expect(world.sent).toHaveLength(0);
  });
});
