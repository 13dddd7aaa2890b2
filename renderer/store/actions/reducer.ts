import { ACTION_STATUS_RANK, isActionUnderWay, type ActionView } from '../../../shared/contract';

export const isUnderWay = (action: ActionView): boolean => isActionUnderWay(action.status);

/**
 * Which of two reports of the same action to keep. Events and the answer to `actions.list` can
 * arrive in either order: the one main wrote later wins, and of two written at the same moment the
 * one further along, so a late "sending" never hides "done".
 */
export const newerAction = (held: ActionView | undefined, incoming: ActionView): ActionView => {
  if (held === undefined) return incoming;
  const heldAt = Date.parse(held.updatedAt);
  const incomingAt = Date.parse(incoming.updatedAt);
  if (incomingAt !== heldAt) return incomingAt > heldAt ? incoming : held;
  if (ACTION_STATUS_RANK[incoming.status] !== ACTION_STATUS_RANK[held.status]) return ACTION_STATUS_RANK[incoming.status] > ACTION_STATUS_RANK[held.status] ? incoming : held;
  return incoming.attempts >= held.attempts ? incoming : held;
};

/** The held actions with these reports folded in; the same object when nothing changed. */
export const mergeActions = (held: Readonly<Record<string, ActionView>>, incoming: readonly ActionView[]): Readonly<Record<string, ActionView>> => {
  let next: Record<string, ActionView> | null = null;
  for (const action of incoming) {
    const current = (next ?? held)[action.actionId];
    const kept = newerAction(current, action);
    if (kept === current) continue;
    next ??= { ...held };
    next[action.actionId] = kept;
  }
  return next ?? held;
};

/** Newest request first; the tray and a token's latest action read this order. */
export const newestFirst = (actions: readonly ActionView[]): ActionView[] =>
  [...actions].sort((a, b) => Date.parse(b.requestedAt) - Date.parse(a.requestedAt) || b.actionId.localeCompare(a.actionId));
