import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** One server-sent event (WHATWG HTML §9.2). `data` is one line: JSON.stringify never emits a newline. */
export interface SseMessage {
  readonly id: string;
  readonly event: string;
  readonly data: string;
}

export interface SseOptions {
  /** How often a comment line is sent, so clients and proxies can tell a quiet stream from a dead one. */
  readonly heartbeatMs: number;
  /** Headers already set for the response (correlation id, cache-control…). */
  readonly headers: OutgoingHttpHeaders;
  /** Checked before each event and heartbeat; false ends the stream (e.g. the agent signed out). */
  readonly stillAllowed?: () => boolean;
}

/**
 * Unsent data a slow client may leave queued before its stream is dropped; it reconnects with
 * Last-Event-ID and misses nothing, while the backend's memory stays bounded.
 */
const MAX_QUEUED_BYTES = 16 * 1024 * 1024;

/**
 * One text/event-stream response written straight to Node's ServerResponse (the route has
 * hijacked it from Fastify). Closing from either side runs the close listeners exactly once and
 * stops the heartbeat, so a disconnected client leaves nothing behind.
 */
export class SseConnection {
  private heartbeat: NodeJS.Timeout | null = null;
  private ended = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(
    private readonly response: ServerResponse,
    private readonly options: SseOptions,
  ) {}

  get isOpen(): boolean {
    return !this.ended;
  }

  open(): void {
    this.response.on('close', () => this.finish());
    // A client gone between the request and now: write nothing, clean up at once.
    if (this.response.destroyed) {
      this.finish();
      return;
    }
    this.response.writeHead(200, {
      ...this.options.headers,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
      // Reverse proxies (nginx) would otherwise buffer the stream and delay every event.
      'x-accel-buffering': 'no',
    });
    this.response.flushHeaders();
    this.heartbeat = setInterval(() => {
      if (this.allowed()) this.write(': heartbeat\n\n');
    }, this.options.heartbeatMs);
    // The heartbeat alone must not keep a process alive whose server is gone.
    this.heartbeat.unref();
  }

  send(message: SseMessage): void {
    if (this.allowed()) this.write(`id: ${message.id}\nevent: ${message.event}\ndata: ${message.data}\n\n`);
  }

  onClose(listener: () => void): void {
    if (this.ended) listener();
    else this.closeListeners.push(listener);
  }

  /** Ends the stream from the server's side; the client sees the end and reconnects. */
  close(): void {
    if (!this.response.writableEnded && !this.response.destroyed) this.response.end();
    this.finish();
  }

  /** Nothing more reaches a client whose right to the stream has ended: the stream ends instead. */
  private allowed(): boolean {
    if (!this.options.stillAllowed || this.options.stillAllowed()) return true;
    this.close();
    return false;
  }

  private write(text: string): void {
    if (this.ended || this.response.writableEnded || this.response.destroyed) return;
    if (this.response.writableLength > MAX_QUEUED_BYTES) {
      this.response.destroy();
      this.finish();
      return;
    }
    this.response.write(text);
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}

/** The streams open now: counted for tests, and all ended when the sandbox closes. */
export class OpenStreams {
  private readonly streams = new Set<SseConnection>();

  get size(): number {
    return this.streams.size;
  }

  add(stream: SseConnection): void {
    this.streams.add(stream);
    stream.onClose(() => this.streams.delete(stream));
  }

  closeAll(): void {
    for (const stream of [...this.streams]) stream.close();
  }
}
