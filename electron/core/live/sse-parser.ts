/**
 * An incremental parser for text/event-stream (WHATWG HTML §9.2.6). Hand-written rather than a
 * dependency: the format is a few line rules, and core must control exactly what it keeps in
 * memory from a stream that never ends (bounded lines and events, nothing else buffered).
 */

/** One dispatched event. `id` is the `id:` field of this event's block, null when it had none. */
export interface SseMessage {
  readonly id: string | null;
  /** The `event:` field; `message` when absent, as the standard says. */
  readonly event: string;
  readonly data: string;
}

export interface SseHandlers {
  onMessage(message: SseMessage): void;
  /** A comment line (`: heartbeat`), without its colon. */
  onComment?(text: string): void;
  /** A valid `retry:` field, in milliseconds. */
  onRetry?(ms: number): void;
}

export interface SseParser {
  /** Feeds the next piece of the body, decoded as UTF-8 by the caller. Throws SseOverflowError. */
  feed(chunk: string): void;
}

/** A line or an event larger than the limit: the stream is not what the API declares. */
export class SseOverflowError extends Error {
  override readonly name = 'SseOverflowError';
}

/** Far above any declared event (a change carries its history event: a few kilobytes at most); the bound only keeps memory finite. */
const DEFAULT_MAX_EVENT_CHARS = 1024 * 1024;

const LINE_END = /\r\n|\r|\n/g;

export const createSseParser = (handlers: SseHandlers, maxEventChars = DEFAULT_MAX_EVENT_CHARS): SseParser => {
  let pending = '';
  let first = true;
  // A chunk that ended in CR: a LF at the start of the next one ends the same line.
  let afterCr = false;
  let data: string[] = [];
  let dataChars = 0;
  let event = '';
  let id: string | null = null;

  const dispatch = (): void => {
    const hasData = data.length > 0;
    const message: SseMessage = { id, event: event === '' ? 'message' : event, data: data.join('\n') };
    data = [];
    dataChars = 0;
    event = '';
    id = null;
    // An event without data is not dispatched (the standard); its id still counted there, but the
    // API never sends one, and a client that skipped it loses nothing it could use.
    if (hasData) handlers.onMessage(message);
  };

  const line = (text: string): void => {
    if (text === '') {
      dispatch();
      return;
    }
    if (text.startsWith(':')) {
      handlers.onComment?.(text.slice(1).trimStart());
      return;
    }
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        dataChars += value.length + 1;
        if (dataChars > maxEventChars) throw new SseOverflowError(`an event's data is over ${maxEventChars} characters`);
        data.push(value);
        return;
      case 'event':
        event = value;
        return;
      case 'id':
        if (!value.includes('\u0000')) id = value;
        return;
      case 'retry':
        if (/^\d+$/.test(value)) handlers.onRetry?.(Number(value));
        return;
      default:
        // Unknown fields are ignored, as the standard says.
        return;
    }
  };

  return {
    feed(chunk) {
      let text = chunk;
      if (first && text.length > 0) {
        first = false;
        if (text.startsWith('\uFEFF')) text = text.slice(1);
      }
      if (afterCr && text.startsWith('\n')) text = text.slice(1);
      afterCr = false;
      pending += text;
      let start = 0;
      for (;;) {
        LINE_END.lastIndex = start;
        const found = LINE_END.exec(pending);
        if (!found) break;
        // A CR at the very end may be the first half of a CRLF split across chunks.
        if (found[0] === '\r' && found.index === pending.length - 1) afterCr = true;
        line(pending.slice(start, found.index));
        start = found.index + found[0].length;
      }
      pending = pending.slice(start);
      if (pending.length > maxEventChars) throw new SseOverflowError(`a line is over ${maxEventChars} characters`);
    },
  };
};
