import type { CallName } from './calls';

/** The part of AbortSignal a transport uses; shared code is neither DOM nor Node. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
}

/**
 * How the renderer reaches main. Two implementations: the preload bridge (in the app) and HTTP
 * to the local test bridge (in browser tests). Both carry unvalidated data; the client on top
 * validates every result and event against the contract, so neither transport is trusted.
 */
export interface Transport {
  invoke(name: CallName, input: unknown, options?: { signal?: AbortSignalLike }): Promise<unknown>;
  /** Receives every raw event envelope from main; returns the unsubscribe function. */
  subscribe(listener: (envelope: unknown) => void): () => void;
}

/** What the preload exposes on `window.tokenDesk`: one method per declared call, and subscribe. */
export interface TokenDeskBridge {
  readonly calls: { readonly [N in CallName]: (input: unknown) => Promise<unknown> };
  readonly subscribe: (listener: (envelope: unknown) => void) => () => void;
}

export const BRIDGE_GLOBAL = 'tokenDesk';

/**
 * The HTTP transport (a plain browser against the test bridge): a call is `POST` to this prefix
 * followed by the call name, e.g. `/rpc/settings.set`; the bridge serves it, the renderer sends it.
 */
export const RPC_PATH = '/rpc/';
/** The HTTP transport's events: server-sent events from the test bridge, one envelope each. */
export const EVENTS_PATH = '/events';
