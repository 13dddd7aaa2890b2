import type { OutboxEntry } from './action-entry';

/**
 * The outbox's actions in memory, by actionId and by token: every live change to a token looks up
 * the actions on that token, so a console's own few are found without walking the whole list.
 */
export interface OutboxEntries {
  get(actionId: string): OutboxEntry | undefined;
  has(actionId: string): boolean;
  put(entry: OutboxEntry): void;
  drop(entry: OutboxEntry): void;
  onToken(virtualCardId: string): OutboxEntry[];
  all(): OutboxEntry[];
}

export const createOutboxEntries = (): OutboxEntries => {
  const entries = new Map<string, OutboxEntry>();
  const byToken = new Map<string, Set<string>>();
  return {
    get: (actionId) => entries.get(actionId),
    has: (actionId) => entries.has(actionId),
    put(entry) {
      entries.set(entry.view.actionId, entry);
      const ids = byToken.get(entry.view.virtualCardId) ?? new Set<string>();
      ids.add(entry.view.actionId);
      byToken.set(entry.view.virtualCardId, ids);
    },
    drop(entry) {
      entries.delete(entry.view.actionId);
      const ids = byToken.get(entry.view.virtualCardId);
      ids?.delete(entry.view.actionId);
      if (ids?.size === 0) byToken.delete(entry.view.virtualCardId);
    },
    onToken(virtualCardId) {
      const ids = byToken.get(virtualCardId);
      // Most live changes are to other consoles' tokens: nothing to build for them.
      if (ids === undefined) return [];
      const found: OutboxEntry[] = [];
      for (const actionId of ids) {
        const entry = entries.get(actionId);
        if (entry) found.push(entry);
      }
      return found;
    },
    all: () => [...entries.values()],
  };
};
