import { z } from 'zod';
import { ApiErrorBody, apiErrors, type ApiErrorName } from './errors';
import { API_HEADERS, endpoints, idempotencyKeyOf, type Endpoint } from './endpoints';
import { CorrelationId, IssuerId } from './ids';

/**
 * Generates the OpenAPI 3.1 document of the Token Care API from the endpoints table, so the
 * document cannot drift from what the sandbox serves and core sends. Pure: no Node imports, it
 * runs wherever the table does. JSON Schemas come from zod 4's own `z.toJSONSchema`.
 */
export interface OpenApiOptions {
  /** The server the document describes, e.g. the sandbox's base URL. */
  readonly serverUrl?: string;
  readonly title?: string;
  readonly version?: string;
  readonly description?: string;
}

export type JsonSchema = { readonly [key: string]: unknown };

interface ParameterObject {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly description?: string;
  readonly schema: JsonSchema;
}

interface ResponseObject {
  readonly description: string;
  readonly headers?: Record<string, unknown>;
  readonly content?: Record<string, { readonly schema: JsonSchema }>;
}

/** Where an endpoint's path puts it: the Token Care API, the platform's callbacks, the OAuth token endpoint, or the training backend's own calls. */
const tagOf = (endpoint: Endpoint): string => {
  if (endpoint.path.startsWith('/api/')) return 'token-care';
  if (endpoint.path.startsWith('/training/')) return 'training';
  if (endpoint.auth === 'platform') return 'platform-callbacks';
  return 'oauth';
};

export interface OperationObject {
  readonly operationId: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly security: ReadonlyArray<Record<string, readonly string[]>>;
  readonly parameters: readonly ParameterObject[];
  readonly requestBody?: { readonly required: true; readonly content: Record<string, { readonly schema: JsonSchema }> };
  readonly responses: Record<string, ResponseObject | { readonly $ref: string }>;
}

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly jsonSchemaDialect: string;
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly servers: ReadonlyArray<{ readonly url: string }>;
  readonly paths: Record<string, Partial<Record<'get' | 'post' | 'put' | 'delete', OperationObject>>>;
  readonly components: {
    readonly schemas: Record<string, JsonSchema>;
    readonly responses: Record<string, ResponseObject>;
    readonly securitySchemes: Record<string, Record<string, string>>;
  };
}

const DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** zod's JSON Schema, without the `$schema` key that OpenAPI states once as `jsonSchemaDialect`. */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' });
  return rest;
};

const ERROR_REF = { $ref: '#/components/schemas/ApiErrorBody' } as const;
const CORRELATION_HEADER = {
  description: 'Echoes the request’s x-correlation-id when it is valid, otherwise a new one.',
  schema: jsonSchema(CorrelationId, 'output'),
};

const fieldParameters = (object: z.ZodObject | undefined, where: 'path' | 'query'): ParameterObject[] =>
  Object.entries(object?.shape ?? {}).map(([name, field]) => {
    const schema = field as z.ZodType;
    return { name, in: where, required: where === 'path' || !schema.safeParse(undefined).success, schema: jsonSchema(schema, 'input') };
  });

const headerParameters = (endpoint: Endpoint): ParameterObject[] => {
  const isApi = endpoint.path.startsWith('/api/');
  const headers: ParameterObject[] = [
    {
      name: API_HEADERS.correlationId,
      in: 'header',
      required: isApi,
      description: 'Links this call to the session or operation it belongs to; never derived from personal data.',
      schema: jsonSchema(CorrelationId, 'input'),
    },
  ];
  if (isApi) {
    headers.push({ name: API_HEADERS.issuerId, in: 'header', required: true, schema: jsonSchema(IssuerId, 'input') });
  }
  for (const [name, field] of Object.entries(endpoint.headers?.shape ?? {})) {
    const schema = field as z.ZodType;
    headers.push({ name, in: 'header', required: !schema.safeParse(undefined).success, schema: jsonSchema(schema, 'input') });
  }
  const idempotency = idempotencyKeyOf(endpoint);
  if (idempotency !== 'none') {
    headers.push({
      name: API_HEADERS.idempotencyKey,
      in: 'header',
      required: idempotency === 'required',
      description:
        (idempotency === 'required' ? 'Required: a call without one is a 400 naming this header. ' : 'Optional here; honoured when sent. ') +
        "Scoped to the caller (the workstation and its signed-in agent, or the platform): the same key with the same method, path and body within 24 hours replays the first response; with another method, path or body it is a 422 IDEMPOTENCY_CONFLICT, never a new operation.",
      schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,128}$' },
    });
  }
  return headers;
};

/** Which of the error table's answers an endpoint can give, from what it declares. */
const errorNames = (endpoint: Endpoint): ApiErrorName[] => {
  const names: ApiErrorName[] = ['MISSING_PARAMETER', 'BAD_FORMAT', 'SYSTEM_ERROR'];
  if (endpoint.path.startsWith('/api/')) names.push('UNKNOWN_ISSUER');
  if (endpoint.body) names.push('PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  if (idempotencyKeyOf(endpoint) !== 'none') names.push('IDEMPOTENCY_CONFLICT');
  if (endpoint.auth === 'none') names.push('INVALID_CLIENT', 'INVALID_GRANT');
  if (endpoint.auth !== 'none') names.push('UNAUTHORIZED', 'FORBIDDEN_CLIENT');
  if (endpoint.auth === 'agent') names.push('AGENT_SESSION_REQUIRED', 'FORBIDDEN_ROLE');
  if (endpoint.params) names.push('NOT_FOUND');
  if (endpoint.trainingOnly) names.push('TRAINING_ONLY');
  names.push(...(endpoint.errors ?? []));
  return names;
};

const errorResponses = (endpoint: Endpoint): Record<string, { $ref: string }> => {
  const byStatus: Record<string, { $ref: string }> = {};
  for (const name of errorNames(endpoint)) byStatus[String(apiErrors[name].status)] = { $ref: '#/components/responses/Error' };
  return byStatus;
};

const security = (endpoint: Endpoint): Array<Record<string, string[]>> => {
  if (endpoint.auth === 'none') return [];
  if (endpoint.auth === 'workstation') return [{ workstationBearer: [] }];
  if (endpoint.auth === 'platform') return [{ platformBearer: [] }];
  return [{ workstationBearer: [], agentSession: [] }];
};

/** The SSE `event:` names of a stream, read from the `type` constants of its data schema's variants. */
const eventNames = (data: JsonSchema): string[] => {
  const variants = [data['oneOf'], data['anyOf']].find(Array.isArray) ?? [data];
  return (variants as JsonSchema[]).flatMap((variant) => {
    const type = (variant['properties'] as Record<string, JsonSchema> | undefined)?.['type']?.['const'];
    return typeof type === 'string' ? [type] : [];
  });
};

/**
 * An event stream in OpenAPI 3.1 terms: the body is a sequence of server-sent events, each with
 * `id`, `event` and `data`, whose JSON is described by `contentSchema` (JSON Schema 2020-12).
 */
const eventStreamSchema = (endpoint: Endpoint): JsonSchema => {
  const data = jsonSchema(endpoint.response, 'output');
  return {
    type: 'array',
    description:
      'text/event-stream (WHATWG HTML §9.2): one item per event; lines starting with `:` are heartbeat comments. Send the last `id` back as Last-Event-ID when reconnecting.',
    items: {
      type: 'object',
      required: ['event', 'data'],
      properties: {
        id: { type: 'string', description: 'The stream position, `{epoch}-{sequence}`.' },
        event: { type: 'string', enum: eventNames(data) },
        data: { type: 'string', contentMediaType: 'application/json', contentSchema: data },
      },
    },
  };
};

const successContent = (endpoint: Endpoint): Record<string, { readonly schema: JsonSchema }> =>
  endpoint.responseType === 'event-stream'
    ? { 'text/event-stream': { schema: eventStreamSchema(endpoint) } }
    : { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } };

const operation = (endpoint: Endpoint): OperationObject => {
  const requestBody = endpoint.body
    ? {
        required: true as const,
        content: {
          [endpoint.bodyType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json']: {
            schema: jsonSchema(endpoint.body, 'input'),
          },
        },
      }
    : undefined;
  return {
    operationId: endpoint.operationId,
    summary: endpoint.summary,
    tags: [tagOf(endpoint)],
    security: security(endpoint),
    parameters: [...fieldParameters(endpoint.params, 'path'), ...fieldParameters(endpoint.query, 'query'), ...headerParameters(endpoint)],
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [String(endpoint.successStatus)]: {
        description: endpoint.summary,
        headers: { [API_HEADERS.correlationId]: CORRELATION_HEADER },
        content: successContent(endpoint),
      },
      ...errorResponses(endpoint),
    },
  };
};

export const buildOpenApiDocument = (options: OpenApiOptions = {}): OpenApiDocument => {
  const paths: Record<string, Partial<Record<'get' | 'post' | 'put' | 'delete', OperationObject>>> = {};
  for (const endpoint of Object.values(endpoints) as Endpoint[]) {
    const method = endpoint.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
    paths[endpoint.path] = { ...paths[endpoint.path], [method]: operation(endpoint) };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: DIALECT,
    info: {
      title: options.title ?? 'Token Care API',
      version: options.version ?? '1.0.0',
      description:
        options.description ??
        'Token customer-service API for Token Desk. Generated from shared/api/endpoints.ts; errors are { error: { code, category, message, field? } } with categories K, D, S, F.',
    },
    servers: options.serverUrl ? [{ url: options.serverUrl }] : [],
    paths,
    components: {
      schemas: { ApiErrorBody: jsonSchema(ApiErrorBody, 'output') },
      responses: {
        Error: {
          description: 'An error in the API’s one shape; `field` names the offending input for D errors.',
          headers: { [API_HEADERS.correlationId]: CORRELATION_HEADER },
          content: { 'application/json': { schema: ERROR_REF } },
        },
      },
      securitySchemes: {
        workstationBearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A 15-minute opaque token from POST /oauth2/token (RFC 7523 JWT-bearer grant, ES256 assertion with kid).',
        },
        platformBearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            "The token platform's own 15-minute token from POST /oauth2/token (the same grant, signed with the platform's registered key: scope `platform`), and where mTLS is on the platform's own client certificate. For the platform's callbacks and the training controls only; no workstation's token is accepted there, and this one nowhere else.",
        },
        agentSession: {
          type: 'apiKey',
          in: 'header',
          name: API_HEADERS.agentSession,
          description: 'The sessionToken of POST /api/v1/agent-sessions.',
        },
      },
    },
  };
};
