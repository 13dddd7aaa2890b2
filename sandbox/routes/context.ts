import type { z } from 'zod';
import type { Endpoint, EndpointName, Endpoints } from '../../shared/api/endpoints';
import type { ClientIdentity } from '../auth/access-tokens';
import type { SessionContext } from '../auth/agents';

type Part<E, K extends 'params' | 'query' | 'body'> = E extends { readonly [P in K]: infer S extends z.ZodType } ? z.output<S> : undefined;

/** What a handler gets: the validated input and who is calling, typed from the endpoints table. */
export interface RequestContext<E extends Endpoint> {
  readonly params: Part<E, 'params'>;
  readonly query: Part<E, 'query'>;
  readonly body: Part<E, 'body'>;
  readonly now: Date;
  readonly correlationId: string;
  readonly client: E['auth'] extends 'none' ? null : ClientIdentity;
  readonly session: E['auth'] extends 'agent' ? SessionContext : null;
}

export type ResponseOf<E> = E extends { readonly response: infer S extends z.ZodType } ? z.input<S> : never;

/** Returns the success body, or throws an ApiFailure; the route layer checks the body's schema. */
export type Handler<E extends Endpoint> = (context: RequestContext<E>) => Promise<ResponseOf<E>> | ResponseOf<E>;

export type Handlers = { readonly [K in EndpointName]: Handler<Endpoints[K]> };

/** Handlers for some of the endpoints, as each routes module provides them. */
export type HandlersFor<K extends EndpointName> = { readonly [N in K]: Handler<Endpoints[N]> };
