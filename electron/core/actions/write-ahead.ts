import type { ActionView } from '../../../shared/contract/actions';
import type { EventBus } from '../events/event-bus';
import { isUnderWay, type OutboxEntry } from './action-entry';
import { identityOf, type IdentityStore } from './action-identity';
import { auditRecordFor } from './audit-record';
import type { OutboxEntries } from './outbox-entries';
import type { OutboxStore } from './outbox-store';

export interface WriteAheadOptions {
  readonly entries: Pick<OutboxEntries, 'has' | 'put'>;
  readonly store: Pick<OutboxStore, 'save' | 'remove'>;
  /** Where an action to be sent is identified once, beside its entry (action-identity.ts). */
  readonly identities: Pick<IdentityStore, 'save' | 'remove'>;
  readonly events: Pick<EventBus, 'emit'>;
  /** Starts driving the action once it is on disk. */
  readonly start: (actionId: string) => void;
  /** What an action to be sent is written as: with its first send counted (send-step.ts). */
  readonly toSend: (entry: OutboxEntry) => OutboxEntry;
}

/**
 * A new action goes to disk (its own file, fsynced) with its correlation id and Idempotency-Key
 * before anything is sent: when this resolves it survives a crash, and when it rejects nothing was
 * sent and nothing is kept, so the caller hears of it. An action to be sent is written with its
 * first send counted, so it leaves without another write; one refused before sending is written
 * already ended, with its one audit record. An action to be sent has its identity written once
 * beside its entry (action-identity.ts), for the case its entry's file is later found damaged.
 */
export const createWriteAhead =
  ({ entries, store, identities, events, start, toSend }: WriteAheadOptions) =>
  async (asked: OutboxEntry): Promise<ActionView> => {
    if (entries.has(asked.view.actionId)) throw new Error('this action is already in the outbox');
    let entry: OutboxEntry;
    if (isUnderWay(asked)) entry = asked.view.status === 'REQUESTED' && asked.view.attempts === 0 ? toSend(asked) : asked;
    else entry = asked.audit !== null ? asked : { ...asked, audit: { record: auditRecordFor(asked, asked.completedAt ?? asked.view.updatedAt), journaled: false } };
    // The identity guards against later damage to the entry's file (rewritten on every step), not
    // against a crash while writing ahead, so both are written side by side: one fsync's wait, not
    // two, before the send. Both are on disk, or neither is kept and the caller hears why; an
    // identity a crash leaves without its entry is dropped on the next start.
    const writes: ReadonlyArray<{ save: () => Promise<void>; undo: () => Promise<void> }> = [
      { save: () => store.save(entry), undo: () => store.remove(entry.view.actionId) },
      ...(isUnderWay(entry) ? [{ save: () => identities.save(identityOf(entry)), undo: () => identities.remove(entry.view.actionId) }] : []),
    ];
    const settled = await Promise.allSettled(writes.map((write) => write.save()));
    const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed !== undefined) {
      await Promise.allSettled(writes.map((write) => write.undo()));
      throw failed.reason;
    }
    entries.put(entry);
    events.emit('action.changed', entry.view);
    start(entry.view.actionId);
    return entry.view;
  };
