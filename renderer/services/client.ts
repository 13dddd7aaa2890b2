import {
  calls,
  failure,
  parseEventEnvelope,
  resultSchema,
  type AbortSignalLike,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventEnvelope,
  type Result,
  type Transport,
  type TypedError,
} from '../../shared/contract';
import { newCorrelationId } from './correlation-id';

export interface CallOptions {
  readonly signal?: AbortSignalLike;
}

/** The renderer's only way to main: typed calls whose answers are checked against the contract. */
export interface Client {
  call<N extends CallName>(name: N, input: CallInput<N>, options?: CallOptions): Promise<Result<CallOutput<N>>>;
  /** Receives every valid event from main; invalid envelopes are dropped. Returns the unsubscribe. */
  onEvent(listener: (event: EventEnvelope) => void): () => void;
}

export interface ClientOptions {
  /**
   * Told of failures only the renderer knows about (an answer that broke the contract, a broken
   * transport), so they can be forwarded to main's log. Main logs its own failures already.
   */
  readonly onLocalFailure?: (name: CallName, error: TypedError) => void;
  readonly newCorrelationId?: () => string;
}

// TypedError allows at most 50 field paths of 200 characters.
const fieldPaths = (issues: ReadonlyArray<{ readonly path: readonly PropertyKey[] }>): string[] =>
  issues.slice(0, 50).map((issue) => (issue.path.map(String).join('.') || '(root)').slice(0, 200));

export const createClient = (transport: Transport, options: ClientOptions = {}): Client => {
  const newId = options.newCorrelationId ?? newCorrelationId;
  // A failed report must not be reported: that would go through the same failing call, forever.
  const reportLocal = (name: CallName, error: TypedError): void => {
    if (name !== 'log.rendererError') options.onLocalFailure?.(name, error);
  };
  const schemas = new Map<CallName, ReturnType<typeof resultSchema>>();
  const schemaFor = (name: CallName): ReturnType<typeof resultSchema> => {
    let schema = schemas.get(name);
    if (!schema) {
      schema = resultSchema(calls[name].output);
      schemas.set(name, schema);
    }
    return schema;
  };

  const call = async <N extends CallName>(
    name: N,
    input: CallInput<N>,
    callOptions?: CallOptions,
  ): Promise<Result<CallOutput<N>>> => {
    let raw: unknown;
    try {
      raw = await transport.invoke(name, input, callOptions);
    } catch {
      // Transports resolve failures as values; a throw here is a broken transport all the same.
      raw = failure('TRANSPORT', newId());
    }
    const parsed = schemaFor(name).safeParse(raw);
    if (!parsed.success) {
      const invalid = failure('INVALID_OUTPUT', newId(), fieldPaths(parsed.error.issues));
      reportLocal(name, invalid.error);
      return invalid;
    }
    // The schema was built from `calls[name].output`, so `data` is this call's output.
    const result = parsed.data as Result<CallOutput<N>>;
    const abandoned = callOptions?.signal?.aborted === true;
    if (!result.ok && result.error.code === 'TRANSPORT' && !abandoned) reportLocal(name, result.error);
    return result;
  };

  const onEvent: Client['onEvent'] = (listener) =>
    transport.subscribe((raw) => {
      const event = parseEventEnvelope(raw);
      if (event !== null) listener(event);
    });

  return { call, onEvent };
};
