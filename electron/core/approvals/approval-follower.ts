import type { EventBus } from '../events/event-bus';
import type { Logger } from '../logging/logger';
import type { ApprovalOutbox } from './approval-outbox';

export interface ApprovalFollowerOptions {
  readonly outbox: ApprovalOutbox;
  readonly events: Pick<EventBus, 'subscribe'>;
  readonly logger: Logger;
  /** How often the open requests are read while the live stream is not connected. */
  readonly pollMs: number;
}

/**
 * Keeps the agent's requests as the backend has them: each `approval.changed` from the live stream
 * goes to the outbox at once; while the stream is not connected (reconnecting, idle) the open
 * requests are read every `pollMs` instead, so a decision shows even without the stream; a sign-in
 * sends what waited for that agent. Returns the function that stops following.
 */
export const followApprovals = ({ outbox, events, logger, pollMs }: ApprovalFollowerOptions): (() => void) => {
  const log = logger.child({ component: 'approval-follower' });
  let connected = false;
  const failed = (error: unknown): void => log.warn({ err: error }, 'could not bring an approval request up to date');
  const unsubscribe = events.subscribe((envelope) => {
    if (envelope.name === 'approval.changed') outbox.follow(envelope.payload.request).catch(failed);
    // A sign-in: that agent's requests still to be sent go now.
    else if (envelope.name === 'session.changed') outbox.wakeAll();
    else if (envelope.name === 'live.status') {
      const wasConnected = connected;
      connected = envelope.payload.state === 'connected';
      // Reconnected: what was decided meanwhile may be older than the replay the backend keeps.
      if (connected && !wasConnected) outbox.refresh().catch(failed);
    }
  });
  const timer = setInterval(() => {
    if (!connected) outbox.refresh().catch(failed);
  }, pollMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
};
