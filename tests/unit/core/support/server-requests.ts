import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** One request as the in-process server received it, with its connection. */
export interface SeenRequest {
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly socket: Socket;
  /** Resolves when the server's side of the connection closes. */
  readonly closed: Promise<void>;
  isClosed(): boolean;
}

interface RequestStart {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  readonly socket: Socket;
}

const CHANNEL = 'http.server.request.start';

/**
 * Watches the requests that any HTTP server in this process receives (Node's diagnostics channel),
 * so a test can see what the in-process sandbox sees: a connection the client closed, or the
 * headers a reconnection carried. It can also act on the server's side of the socket (destroy
 * it, hold its writes) as a network failure would. Call `stop()` when done.
 */
export const watchServerRequests = (pathPrefix: string) => {
  const seen: SeenRequest[] = [];
  const listener = (message: unknown): void => {
    const { request, socket } = message as RequestStart;
    const url = request.url ?? '';
    if (!url.startsWith(pathPrefix)) return;
    let closed = socket.destroyed;
    const whenClosed = new Promise<void>((resolve) => {
      if (closed) resolve();
      socket.once('close', () => {
        closed = true;
        resolve();
      });
    });
    seen.push({ url, headers: { ...request.headers }, socket, closed: whenClosed, isClosed: () => closed });
  };
  subscribe(CHANNEL, listener);
  return {
    seen,
    last: (): SeenRequest | undefined => seen.at(-1),
    stop: () => unsubscribe(CHANNEL, listener),
  };
};

/** Polls until `check` passes or `timeoutMs` runs out (then throws with its last error). */
export const eventually = async <T>(check: () => T | Promise<T>, timeoutMs = 5_000, everyMs = 10): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
};

/** Polls `read` until it gives a value, for what arrives on its own (an event, a live update); `what` names it in the failure. */
export const eventuallyDefined = async <T>(read: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
