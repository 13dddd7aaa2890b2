import type { Services } from '../ipc/dispatch';
import type { LiveEvents } from '../live/event-stream-client';

type LiveCalls = Pick<Services, 'live.status'>;

/**
 * The live connection's state for the status bar. Not behind the session: signed out, the answer
 * is simply `idle`, and it carries nothing about any cardholder.
 */
export const liveService = (live: Pick<LiveEvents, 'status'>): LiveCalls => ({
  'live.status': () => live.status(),
});
