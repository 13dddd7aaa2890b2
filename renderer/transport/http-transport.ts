import { z } from 'zod';
import { EVENTS_PATH, RPC_PATH, TypedError, failure, type Transport } from '../../shared/contract';
import { newCorrelationId } from '../services/correlation-id';

/** The part of EventSource the transport uses, so tests can hand in a fake. */
export interface EventSourceLike {
  onmessage: ((event: MessageEvent<string>) => void) | null;
  close(): void;
}

export interface HttpTransportOptions {
  /** Defaults to the global fetch, looked up at call time. */
  readonly fetch?: typeof fetch;
  readonly openEventSource?: (url: string) => EventSourceLike;
  readonly newCorrelationId?: () => string;
}

// The bridge answers typed failures with a non-2xx status in a few cases (403 FORBIDDEN_SENDER,
// 500 INTERNAL); anything else off the 2xx path (401 without the session cookie) is no envelope.
const FailureEnvelope = z.strictObject({ ok: z.literal(false), error: TypedError });

/**
 * The transport in a plain browser: the test bridge on the page's own origin. Calls are
 * `POST /rpc/<name>`, events arrive as server-sent events on `/events`. The session cookie is
 * HttpOnly, so the renderer never sees a token; `same-origin` credentials carry it.
 */
export const createHttpTransport = (options: HttpTransportOptions = {}): Transport => {
  const newId = options.newCorrelationId ?? newCorrelationId;
  const openEventSource = options.openEventSource ?? ((url: string): EventSourceLike => new EventSource(url));
  const listeners = new Set<(envelope: unknown) => void>();
  let source: EventSourceLike | null = null;

  const invoke: Transport['invoke'] = async (name, input, callOptions) => {
    const correlationId = newId();
    const transportFailure = () => failure('TRANSPORT', correlationId);
    const signal = callOptions?.signal;
    if (signal?.aborted) return transportFailure();
    // The contract's signal is not necessarily a DOM AbortSignal, so fetch gets its own.
    const controller = new AbortController();
    signal?.addEventListener('abort', () => controller.abort());
    try {
      const doFetch = options.fetch ?? fetch;
      const response = await doFetch(`${RPC_PATH}${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          // The bridge logs under this id, so a transport failure here and its log line match.
          'x-correlation-id': correlationId,
        },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
      });
      const body: unknown = await response.json();
      if (response.ok || FailureEnvelope.safeParse(body).success) return body;
      return transportFailure();
    } catch {
      // Network down, aborted, or a body that is not JSON: the answer never arrived intact.
      return transportFailure();
    }
  };

  const subscribe: Transport['subscribe'] = (listener) => {
    listeners.add(listener);
    if (source === null) {
      // One stream for all listeners; EventSource reconnects by itself after a drop.
      source = openEventSource(EVENTS_PATH);
      source.onmessage = (message) => {
        let envelope: unknown;
        try {
          envelope = JSON.parse(message.data);
        } catch {
          return;
        }
        for (const each of [...listeners]) each(envelope);
      };
    }
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && source !== null) {
        source.close();
        source = null;
      }
    };
  };

  return { invoke, subscribe };
};
