import { STREAM_HEARTBEAT_MS, StreamEvent, type FeedEvent } from '../../shared/api/stream-events';
import type { Agent } from '../../shared/api/model';
import { mayAgentSeeApproval } from '../approvals/visibility';
import { mayAgentSee } from '../auth/visibility';
import type { SandboxStore } from '../store/store';
import type { HandlersFor } from './context';

export interface EventStreamOptions {
  readonly heartbeatMs?: number;
}

/**
 * `GET /api/v1/events/stream`: the changes the agent may see. A connection starts with the missed
 * changes when it names a `Last-Event-ID` that can be replayed, or with `reset` when it cannot,
 * then `ready`, then live changes. Replay and subscription happen in one synchronous turn, so no
 * change falls between them and none comes twice.
 */
/**
 * A change goes to every connected console: it is checked and serialised once, not once per
 * connection (fifty consoles would otherwise parse and stringify each change fifty times).
 */
const checkedText = new WeakMap<StreamEvent, { readonly data: StreamEvent; readonly text: string }>();
const checked = (event: StreamEvent): { readonly data: StreamEvent; readonly text: string } => {
  const known = checkedText.get(event);
  if (known) return known;
  // Checked at the border like every JSON response: the data always matches its declared schema.
  const data = StreamEvent.parse(event);
  const done = { data, text: JSON.stringify(data) };
  checkedText.set(event, done);
  return done;
};

/** The audit trail is the supervisors' and administrators' to read (the role table): its records go to them only. */
const mayReceive = (agent: Agent, change: FeedEvent): boolean => {
  switch (change.type) {
    case 'token.changed':
      return mayAgentSee(agent, change);
    case 'approval.changed':
      return mayAgentSeeApproval(agent, change.request);
    case 'audit.appended':
      return agent.role === 'supervisor' || agent.role === 'admin';
  }
};

export const eventStreamHandlers = (store: SandboxStore, options: EventStreamOptions = {}): HandlersFor<'streamEvents'> => ({
  streamEvents: ({ headers, session, now }, stream) => {
    const feed = store.changes;
    const heartbeatMs = options.heartbeatMs ?? STREAM_HEARTBEAT_MS;
    const emit = (event: StreamEvent): void => {
      const { data, text } = checked(event);
      stream.send({ id: feed.idOf(data.sequence), event: data.type, data: text });
    };

    const start = feed.startAfter(headers['last-event-id']);
    let replayed = 0;
    if (start.kind === 'reset') {
      emit({ type: 'reset', sequence: feed.position, reason: start.reason, occurredAt: now.toISOString() });
    } else if (start.kind === 'replay') {
      for (const change of start.events) {
        if (!mayReceive(session.agent, change)) continue;
        emit(change);
        replayed += 1;
      }
    }
    emit({ type: 'ready', sequence: feed.position, replayed, heartbeatMs, occurredAt: now.toISOString() });

    const unsubscribe = feed.subscribe((change) => {
      if (mayReceive(session.agent, change)) emit(change);
    });
    stream.onClose(unsubscribe);
  },
});
