import { StreamEvent } from '../../../shared/api/stream-events';

/**
 * A small server-sent-events reader over fetch for the tests: it keeps every event (its `data`
 * checked against the declared StreamEvent schema) and counts comment lines (heartbeats).
 */
export interface ReceivedEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: StreamEvent;
}

export interface StreamClient {
  readonly response: Response;
  /** Every event received so far, in order. */
  readonly events: ReceivedEvent[];
  readonly comments: () => number;
  /** Whether the server ended the stream (or it broke). */
  readonly ended: () => boolean;
  /** The next event after those already taken that matches, or a rejection after `timeoutMs`. */
  take(predicate?: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  /** Resolves when the stream has ended, or rejects after `timeoutMs`. */
  waitForEnd(timeoutMs?: number): Promise<void>;
  /** Resolves once at least `count` comments have arrived. */
  waitForComments(count: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

const parseBlock = (block: string): { comment: true } | { comment: false; id: string | undefined; event: string; data: string } => {
  const lines = block.split('\n');
  if (lines.every((line) => line.startsWith(':'))) return { comment: true };
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of lines) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return { comment: false, id, event, data: data.join('\n') };
};

export const openStream = async (url: string, headers: Record<string, string>, lastEventId?: string): Promise<StreamClient> => {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers, ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }) },
    signal: abort.signal,
  });
  const events: ReceivedEvent[] = [];
  let comments = 0;
  let ended = false;
  let taken = 0;
  const wakers = new Set<() => void>();
  const wake = (): void => {
    for (const waker of [...wakers]) waker();
  };

  const waitUntil = <T>(ready: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        let value: T | undefined;
        try {
          value = ready();
        } catch (error) {
          wakers.delete(check);
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
          return true;
        }
        if (value === undefined) return false;
        wakers.delete(check);
        clearTimeout(timer);
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        wakers.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received ${JSON.stringify(events.map((event) => event.data))}`));
      }, timeoutMs);
      if (!check()) wakers.add(check);
    });

  if (response.ok && response.body) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = parseBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            if (block.comment) comments += 1;
            else events.push({ id: block.id, event: block.event, data: StreamEvent.parse(JSON.parse(block.data)) });
            end = buffer.indexOf('\n\n');
          }
          wake();
        }
      } catch {
        // Aborted by close(), or the server went away: both end the stream.
      }
      ended = true;
      wake();
    })();
  } else {
    ended = true;
  }

  return {
    response,
    events,
    comments: () => comments,
    ended: () => ended,
    take: (predicate = () => true, timeoutMs = 2000) =>
      waitUntil(
        () => {
          for (let index = taken; index < events.length; index += 1) {
            const event = events[index];
            if (event && predicate(event)) {
              taken = index + 1;
              return event;
            }
          }
          if (ended) throw new Error('the stream ended');
          return undefined;
        },
        timeoutMs,
        'an event',
      ),
    waitForEnd: (timeoutMs = 2000) => waitUntil(() => (ended ? true : undefined), timeoutMs, 'the end of the stream').then(() => undefined),
    waitForComments: (count, timeoutMs = 2000) => waitUntil(() => (comments >= count ? true : undefined), timeoutMs, `${count} comments`).then(() => undefined),
    close: () => abort.abort(),
  };
};

/** Polls until `condition` holds, for state that changes when the server notices a disconnect. */
export const eventually = async (condition: () => boolean, timeoutMs = 2000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
