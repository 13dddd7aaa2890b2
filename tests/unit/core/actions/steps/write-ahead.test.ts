import { describe, expect, it } from 'vitest';
import type { ActionView } from '../../../../../shared/contract';
import type { OutboxEntry } from '../../../../../electron/core/actions/action-entry';
import type { ActionIdentity } from '../../../../../electron/core/actions/action-identity';
import { createOutboxEntries } from '../../../../../electron/core/actions/outbox-entries';
import { createWriteAhead } from '../../../../../electron/core/actions/write-ahead';
import { WATCH_TOKEN, writtenAhead } from '../support/entries';

/** Write-ahead alone: an action is on disk before anything knows of it, or nowhere. */
const setup = () => {
  const order: string[] = [];
  const entries = createOutboxEntries();
  let release: (() => void) | null = null;
  const disk = new Map<string, OutboxEntry>();
  const store = {
    fails: false,
    hold: false,
    remove: async (actionId: string): Promise<void> => {
      order.push('entry removed');
      disk.delete(actionId);
    },
    save(entry: OutboxEntry): Promise<void> {
      order.push('save started');
      if (store.fails) return Promise.reject(new Error('disk full'));
      const done = (): void => {
        disk.set(entry.view.actionId, entry);
        order.push('saved');
      };
      if (!store.hold) {
        done();
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        release = () => {
          done();
          resolve();
        };
      });
    },
  };
  const told: ActionView[] = [];
  const identities = new Map<string, ActionIdentity>();
  const identityStore = {
    fails: false,
    save: async (identity: ActionIdentity): Promise<void> => {
      if (identityStore.fails) throw new Error('identity folder read-only');
      order.push('identity saved');
      identities.set(identity.actionId, identity);
    },
    remove: async (actionId: string): Promise<void> => {
      order.push('identity removed');
      identities.delete(actionId);
    },
  };
  const write = createWriteAhead({
    entries,
    store,
    identities: identityStore,
    events: { emit: (_name, payload) => void (told.push(payload as ActionView), order.push('told')) },
    start: () => void order.push('started'),
    toSend: (entry) => ({ ...entry, view: { ...entry.view, attempts: entry.view.attempts + 1 } }),
  });
  return { write, store, identityStore, entries, disk, identities, order, told, release: () => release?.() };
};

describe('write-ahead', () => {
  it('is durable before the action is kept, told or started', async () => {
    const world = setup();
    world.store.hold = true;
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
    const writing = world.write(entry);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(world.entries.has(entry.view.actionId)).toBe(false);
    expect(world.told).toEqual([]);
    // Written side by side: nothing is told or started until the entry is on disk too.
    expect(world.order).toEqual(['save started', 'identity saved']);
    world.release();
    expect(await writing).toEqual({ ...entry.view, attempts: 1 });
    expect(world.order).toEqual(['save started', 'identity saved', 'saved', 'told', 'started']);
    // What identifies it, written once beside the entry, for the day the entry's file is found damaged.
    expect(world.identities.get(entry.view.actionId)).toEqual({
      version: 1,
      actionId: entry.view.actionId,
      correlationId: entry.view.correlationId,
      idempotencyKey: entry.idempotencyKey,
      virtualCardId: entry.view.virtualCardId,
      operation: 'suspend',
      tokenLastFour: entry.view.tokenLastFour,
      requestedAt: entry.view.requestedAt,
      agentId: entry.agent.agentId,
    });
    // Written as it is to be sent: its first send counted in the same write.
    expect(world.disk.get(entry.view.actionId)?.view.attempts).toBe(1);
  });

  it('keeps nothing and starts nothing when the write fails, and says so', async () => {
    const world = setup();
    world.store.fails = true;
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
    await expect(world.write(entry)).rejects.toThrow('disk full');
    expect(world.entries.has(entry.view.actionId)).toBe(false);
    // The identity written beside it is not left behind for an action that never was.
    expect(world.identities.size).toBe(0);
    expect(world.told).toEqual([]);
    expect(world.order).not.toContain('started');
  });

  it('keeps no entry when its identity cannot be written: neither is kept and the caller hears why', async () => {
    const world = setup();
    world.identityStore.fails = true;
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
    await expect(world.write(entry)).rejects.toThrow('identity folder read-only');
    expect(world.disk.has(entry.view.actionId)).toBe(false);
    expect(world.entries.has(entry.view.actionId)).toBe(false);
    expect(world.order).toContain('entry removed');
    expect(world.order).not.toContain('started');
  });

  it('writes an action refused before sending already ended, with its one audit record', async () => {
    const world = setup();
    const asked = writtenAhead(WATCH_TOKEN, { operation: 'resume', reasonCode: 'DEVICE_FOUND' });
    const refused: OutboxEntry = {
      ...asked,
      request: null,
      completedAt: asked.view.requestedAt,
      view: { ...asked.view, status: 'FAILED', failure: { code: 'TRANSITION_NOT_ALLOWED', rule: 'RESUME_ONLY_SUSPENDED', currentState: 'ACTIVE' } },
    };
    await world.write(refused);
    // Nothing will be sent: there is nothing to reconcile, so no identity is written.
    expect(world.identities.size).toBe(0);
    const kept = world.disk.get(asked.view.actionId);
    expect(kept?.audit).toMatchObject({ journaled: false, record: { outcome: 'FAILED', attempts: 0, reasonSent: null, failure: { code: 'TRANSITION_NOT_ALLOWED' } } });
  });

  it('refuses an action id it already holds', async () => {
    const world = setup();
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
    await world.write(entry);
    await expect(world.write(entry)).rejects.toThrow('already in the outbox');
    expect(world.order.filter((step) => step === 'saved')).toHaveLength(1);
  });
});
