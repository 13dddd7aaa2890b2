import type { z } from 'zod';
import type { Endpoint, EndpointName, Endpoints } from '../../shared/api/endpoints';
import type { ClientIdentity } from '../auth/access-tokens';
import type { SessionContext } from '../auth/agents';
import type { SseConnection } from '../http/sse';

type Part<E, K extends 'params' | 'query' | 'body' | 'headers'> = E extends { readonly [P in K]: infer S extends z.ZodType } ? z.output<S> : undefined;

/** What a handler gets: the validated input and who is calling, typed from the endpoints table. */
export interface RequestContext<E extends Endpoint> {
  readonly params: Part<E, 'params'>;
  readonly query: Part<E, 'query'>;
  readonly body: Part<E, 'body'>;
  /** The endpoint's own declared headers (`Endpoint.headers`), validated. */
  readonly headers: Part<E, 'headers'>;
  /** The real clock: for sessions, bearer tokens and anything that must not move with training time. */
  readonly now: Date;
  /** The training clock (POST /training/v1/clock): when token events happen. */
  readonly trainingNow: Date;
  readonly correlationId: string;
  readonly client: E['auth'] extends 'none' ? null : ClientIdentity;
  readonly session: E['auth'] extends 'agent' ? SessionContext : null;
}

export type ResponseOf<E> = E extends { readonly response: infer S extends z.ZodType } ? z.input<S> : never;

/** Returns the success body, or throws an ApiFailure; the route layer checks the body's schema. */
export type Handler<E extends Endpoint> = (context: RequestContext<E>) => Promise<ResponseOf<E>> | ResponseOf<E>;

/**
 * Serves an event stream (`responseType: 'event-stream'`): the route layer has checked the caller
 * and opened the connection; the handler writes events until either side closes it.
 */
export type StreamHandler<E extends Endpoint> = (context: RequestContext<E>, stream: SseConnection) => void;

type IsStream<E> = E extends { readonly responseType: 'event-stream' } ? true : false;

export type HandlerOf<E extends Endpoint> = IsStream<E> extends true ? StreamHandler<E> : Handler<E>;

export type Handlers = { readonly [K in EndpointName]: HandlerOf<Endpoints[K]> };

/** Handlers for some of the endpoints, as each routes module provides them. */
export type HandlersFor<K extends EndpointName> = { readonly [N in K]: HandlerOf<Endpoints[N]> };
