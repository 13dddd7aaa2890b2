import { describe, expect, it } from 'vitest';
import type { ActionRecord, AuditReceipt } from '../../../../../shared/api/audit';
import type { OutboxEntry } from '../../../../../electron/core/actions/action-entry';
import type { AuditJournal } from '../../../../../electron/core/actions/audit-journal';
import { auditRecordFor } from '../../../../../electron/core/actions/audit-record';
import { createAuditDelivery } from '../../../../../electron/core/actions/audit-delivery';
import { memoryLogger } from '../../support/client-setup';
import { WATCH_TOKEN, writtenAhead } from '../support/entries';

/**
 * The audit step alone: an ended action's one record goes to the journal once, with the backend's
 * receipt of the record it wrote itself; nothing is sent to the backend.
 */
const RECEIPT: AuditReceipt = { recordId: '0b6f3c1e-2d4a-4f5b-8c9d-0e1f2a3b4c5d', hash: 'Q'.repeat(43) };

const ended = (receipt?: AuditReceipt): OutboxEntry => {
  const asked = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST', attempts: 1 });
  const entry: OutboxEntry = { ...asked, completedAt: asked.view.requestedAt, view: { ...asked.view, status: 'CONFIRMED', operationId: 'OPAAAAAAAAAA' } };
  return { ...entry, ...(receipt ? { receipt } : {}), audit: { record: auditRecordFor(entry, asked.view.requestedAt), journaled: false } };
};

const setup = (failJournal = false) => {
  const journaled: { record: ActionRecord; receipt: AuditReceipt | null }[] = [];
  const journal = {
    file: 'audit.jsonl',
    start: () => Promise.reject(new Error('unused')),
    append: async (record: ActionRecord, receipt: AuditReceipt | null) => {
      if (failJournal) throw new Error('disk full');
      journaled.push({ record, receipt });
    },
    appendReconciled: () => Promise.reject(new Error('unused')),
    close: async () => undefined,
  } satisfies AuditJournal;
  const memory = new Map<string, OutboxEntry>();
  const saved: OutboxEntry[] = [];
  const delivery = createAuditDelivery({
    journal,
    remember: (entry) => void memory.set(entry.view.actionId, entry),
    save: async (entry) => void saved.push(entry),
    logger: memoryLogger().logger,
  });
  return { delivery, journaled, memory, saved };
};

describe('audit delivery', () => {
  it("journals the console's record once with the backend's receipt, and saves the entry settled", async () => {
    const world = setup();
    const entry = ended(RECEIPT);
    await world.delivery.deliver(entry);
    expect(world.journaled).toEqual([{ record: entry.audit?.record, receipt: RECEIPT }]);
    expect(world.saved.map((saved) => saved.audit)).toEqual([{ record: entry.audit?.record, journaled: true }]);
    expect(world.memory.get(entry.view.actionId)?.audit?.journaled).toBe(true);
  });

  it('journals a null receipt when the backend wrote none for this console (refused before sending, or the answer was lost)', async () => {
    const world = setup();
    await world.delivery.deliver(ended());
    expect(world.journaled.map((line) => line.receipt)).toEqual([null]);
  });

  it('does nothing for a record already journaled, so a second step never writes a second line', async () => {
    const world = setup();
    const entry = ended(RECEIPT);
    const audit = entry.audit;
    if (!audit) throw new Error('no audit');
    await world.delivery.deliver({ ...entry, audit: { ...audit, journaled: true } });
    expect(world.journaled).toHaveLength(0);
    expect(world.saved).toHaveLength(0);
  });

  it('leaves the entry unjournaled when the journal cannot be written, for the next step to try again', async () => {
    const world = setup(true);
    const entry = ended(RECEIPT);
    await expect(world.delivery.deliver(entry)).rejects.toThrow('disk full');
    expect(world.saved).toHaveLength(0);
    expect(world.memory.size).toBe(0);
  });
});
