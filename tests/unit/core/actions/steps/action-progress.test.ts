import { describe, expect, it } from 'vitest';
import type { ActionView } from '../../../../../shared/contract';
import type { OutboxEntry } from '../../../../../electron/core/actions/action-entry';
import { createActionProgress } from '../../../../../electron/core/actions/action-progress';
import { createAgentTurns } from '../../../../../electron/core/actions/agent-turns';
import { createOutboxEntries } from '../../../../../electron/core/actions/outbox-entries';
import type { BackendClient } from '../../../../../electron/core/backend/backend-client';
import { memoryLogger } from '../../support/client-setup';
import { WATCH_TOKEN, writtenAhead } from '../support/entries';
import { KOBAYASHI, SATO } from '../support/step-world';

/** An action's progress, saved and told; and whose turn it is to do an action's backend work. */
const setup = () => {
  const entries = createOutboxEntries();
  const disk = new Map<string, OutboxEntry>();
  const store = {
    fails: false,
    save: async (entry: OutboxEntry) => {
      if (store.fails) throw new Error('disk full');
      disk.set(entry.view.actionId, entry);
    },
  };
  const told: ActionView[] = [];
  const { logger, lines } = memoryLogger();
  const progress = createActionProgress({ entries, store, events: { emit: (_name, payload) => void told.push(payload as ActionView) }, logger, now: Date.now, deferSaveMs: 10 });
  return { progress, entries, disk, store, told, lines, entry: writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' }) };
};

describe('action progress', () => {
  it('moves forward only: an ended action never changes status again', async () => {
    const { progress, entry, told } = setup();
    const accepted = await progress.change(entry, { status: 'ACCEPTED', operationId: 'OPAAAAAAAAAA' });
    expect(await progress.change(accepted, { status: 'REQUESTED' })).toBe(accepted);
    const ended = await progress.end(accepted, { status: 'CONFIRMED', failure: null, at: new Date().toISOString() });
    expect(await progress.end(ended, { status: 'FAILED', failure: { code: 'TSP_FAILED' }, at: new Date().toISOString() })).toBe(ended);
    expect(await progress.change(ended, { status: 'FAILED' })).toBe(ended);
    expect(told.map((view) => view.status)).toEqual(['ACCEPTED', 'CONFIRMED']);
  });

  it('ends with one audit record made from the ended action', async () => {
    const { progress, entry, disk } = setup();
    const at = new Date().toISOString();
    const ended = await progress.end({ ...entry, view: { ...entry.view, attempts: 2 } }, { status: 'FAILED', failure: { code: 'BACKEND_UNAVAILABLE' }, at });
    expect(ended).toMatchObject({ completedAt: at, reconcile: false, view: { status: 'FAILED', nextAttemptAt: null } });
    expect(disk.get(entry.view.actionId)?.audit).toMatchObject({ journaled: false, record: { outcome: 'FAILED', attempts: 2, completedAt: at, failure: { code: 'BACKEND_UNAVAILABLE' } } });
  });

  it('puts off a deferred save, writes only the newest version, and writes what is left when flushed', async () => {
    const { progress, entry, disk, told } = setup();
    const accepted = await progress.change(entry, { status: 'ACCEPTED', operationId: 'OPAAAAAAAAAA' }, {}, { deferSave: true });
    expect(told.map((view) => view.status)).toEqual(['ACCEPTED']);
    expect(disk.has(entry.view.actionId)).toBe(false);
    await progress.end(accepted, { status: 'CONFIRMED', failure: null, at: new Date().toISOString() });
    expect(disk.get(entry.view.actionId)?.view.status).toBe('CONFIRMED');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(disk.get(entry.view.actionId)?.view.status).toBe('CONFIRMED');
    const other = writtenAhead(WATCH_TOKEN, { operation: 'resume', reasonCode: 'DEVICE_FOUND' });
    await progress.change(other, { status: 'ACCEPTED', operationId: 'OPBBBBBBBBBB' }, {}, { deferSave: true });
    await progress.flush();
    expect(disk.get(other.view.actionId)?.view.status).toBe('ACCEPTED');
  });

  it('goes on after a failed save (logged), unless the change must be durable', async () => {
    const { progress, entry, store, entries, lines } = setup();
    store.fails = true;
    const next = await progress.change(entry, { attempts: 1 });
    expect(entries.get(entry.view.actionId)).toBe(next);
    expect(lines.join('')).toContain('outbox entry could not be saved');
    await expect(progress.change(next, { attempts: 2 }, {}, { durable: true })).rejects.toThrow('disk full');
    expect(entries.get(entry.view.actionId)?.view.attempts).toBe(1);
  });
});

describe('agent turns', () => {
  const client = {} as BackendClient;
  const turnsFor = (held: typeof SATO | null) =>
    createAgentTurns({
      session: { identity: () => held, withSession: (work) => (held ? work(held) : Promise.reject(new Error('signed out'))) },
      backend: () => client,
    });

  it('runs an action’s work only as the agent who asked for it', async () => {
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
    expect(await turnsFor(SATO).asAgent(entry, async (_client, agent) => agent.agent.agentId)).toEqual({ ran: true, value: 'agent.sato' });
    expect(await turnsFor(KOBAYASHI).asAgent(entry, async () => 'no')).toEqual({ ran: false, why: 'another agent is signed in' });
    expect(await turnsFor(null).asAgent(entry, async () => 'no')).toEqual({ ran: false, why: 'signed out' });
    expect(turnsFor(KOBAYASHI).holder(entry)).toBeNull();
    const noBackend = createAgentTurns({
      session: { identity: () => SATO, withSession: (work) => work(SATO) },
      backend: () => {
        throw new Error('not configured');
      },
    });
    expect(await noBackend.asAgent(entry, async () => 'no')).toEqual({ ran: false, why: 'no backend is configured' });
  });
});
