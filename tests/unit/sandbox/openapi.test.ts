import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints, idempotencyKeyOf, type Endpoint } from '../../../shared/api/endpoints';
import { buildOpenApiDocument, type OpenApiDocument, type OperationObject } from '../../../shared/api/openapi';
import { startSandbox, type Sandbox } from '../../../sandbox/index';

let sandbox: Sandbox;
let doc: OpenApiDocument;

beforeAll(async () => {
  sandbox = await startSandbox();
  const response = await fetch(`${sandbox.baseUrl}/openapi.json`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  doc = (await response.json()) as OpenApiDocument;
});

afterAll(async () => {
  await sandbox.close();
});

const operationOf = (endpoint: Endpoint): OperationObject | undefined =>
  doc.paths[endpoint.path]?.[endpoint.method.toLowerCase() as 'get' | 'post' | 'delete'];

/** Every `$ref` in the document, to check they all resolve. */
const refs = (value: unknown, found: string[] = []): string[] => {
  if (Array.isArray(value)) for (const item of value) refs(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item);
      else refs(item, found);
    }
  }
  return found;
};

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document for this server', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(doc.info.title).toMatch(/Token Care API/);
    expect(doc.servers).toEqual([{ url: sandbox.baseUrl }]);
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['agentSession', 'platformBearer', 'workstationBearer']);
    expect(doc.components.securitySchemes.workstationBearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.platformBearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.securitySchemes.agentSession).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-agent-session' });
  });

  it('lists every endpoint of the table with its parameters, body, responses and security', () => {
    const operationIds: string[] = [];
    for (const endpoint of Object.values(endpoints) as Endpoint[]) {
      const operation = operationOf(endpoint);
      expect(operation, `${endpoint.method} ${endpoint.path}`).toBeDefined();
      if (!operation) continue;
      operationIds.push(operation.operationId);
      expect(operation.operationId).toBe(endpoint.operationId);
      const mediaType = endpoint.responseType === 'event-stream' ? 'text/event-stream' : 'application/json';
      expect(operation.responses[String(endpoint.successStatus)]).toMatchObject({ content: { [mediaType]: { schema: expect.any(Object) } } });
      expect(operation.responses['500']).toEqual({ $ref: '#/components/responses/Error' });
      for (const name of Object.keys(endpoint.params?.shape ?? {})) {
        expect(operation.parameters).toContainEqual(expect.objectContaining({ name, in: 'path', required: true }));
        expect(endpoint.path).toContain(`{${name}}`);
      }
      for (const name of Object.keys(endpoint.query?.shape ?? {})) {
        expect(operation.parameters).toContainEqual(expect.objectContaining({ name, in: 'query' }));
      }
      if (endpoint.path.startsWith('/api/')) {
        expect(operation.parameters).toContainEqual(expect.objectContaining({ name: 'x-issuer-id', in: 'header', required: true }));
        expect(operation.parameters).toContainEqual(expect.objectContaining({ name: 'x-correlation-id', in: 'header', required: true }));
      }
      const security = operation.security.flatMap((requirement) => Object.keys(requirement));
      const expected = { none: [], workstation: ['workstationBearer'], platform: ['platformBearer'], agent: ['workstationBearer', 'agentSession'] }[endpoint.auth];
      expect(security).toEqual(expected);
      if (endpoint.auth !== 'none') expect(operation.responses['403']).toEqual({ $ref: '#/components/responses/Error' });
      const key = operation.parameters.find((parameter) => parameter.name === 'idempotency-key');
      const taken = idempotencyKeyOf(endpoint);
      if (taken === 'none') expect(key).toBeUndefined();
      else {
        expect(key, `${endpoint.operationId}: idempotency-key`).toMatchObject({ in: 'header', required: taken === 'required' });
        expect(operation.responses['422']).toEqual({ $ref: '#/components/responses/Error' });
      }
      if (endpoint.body) {
        const type = endpoint.bodyType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
        // A body that is one of several (an approval request, per operation) is strict in each of them.
        const schema = operation.requestBody?.content[type]?.schema as { oneOf?: unknown[] } | undefined;
        for (const member of schema?.oneOf ?? [schema]) expect(member).toMatchObject({ type: 'object', additionalProperties: false });
      } else {
        expect(operation.requestBody).toBeUndefined();
      }
    }
    expect(new Set(operationIds).size).toBe(Object.keys(endpoints).length);
  });

  it('carries zod’s JSON Schemas, strict and with patterns, and every $ref resolves', () => {
    const token = operationOf(endpoints.getToken)?.responses['200'] as { content: Record<string, { schema: Record<string, unknown> }> };
    const schema = token.content['application/json']?.schema;
    expect(schema).toMatchObject({ type: 'object', additionalProperties: false, required: expect.arrayContaining(['virtualCardId', 'state']) });
    expect(JSON.stringify(schema)).toContain('DEPLOYMENT_ONGOING');
    expect(JSON.stringify(doc)).not.toContain('"$schema"');
    const tokenRequest = operationOf(endpoints.oauthToken)?.requestBody?.content['application/x-www-form-urlencoded']?.schema;
    expect(tokenRequest).toMatchObject({ properties: { grant_type: { const: 'urn:ietf:params:oauth:grant-type:jwt-bearer' } } });
    for (const ref of refs(doc)) {
      const [, section, name] = /^#\/components\/(\w+)\/(\w+)$/.exec(ref) ?? [];
      expect(section && name && (doc.components as Record<string, Record<string, unknown>>)[section]?.[name], ref).toBeTruthy();
    }
  });

  it('describes the event stream: text/event-stream, Last-Event-ID, and the JSON schema of each event’s data', () => {
    const stream = operationOf(endpoints.streamEvents);
    expect(stream?.tags).toEqual(['token-care']);
    expect(stream?.parameters).toContainEqual(expect.objectContaining({ name: 'last-event-id', in: 'header', required: false }));
    const success = stream?.responses['200'] as { content: Record<string, { schema: Record<string, unknown> }> };
    expect(Object.keys(success.content)).toEqual(['text/event-stream']);
    const schema = success.content['text/event-stream']?.schema as {
      items: { properties: { event: { enum: string[] }; data: { contentMediaType: string; contentSchema: Record<string, unknown> } } };
    };
    expect(schema.items.properties.event.enum).toEqual(['token.changed', 'approval.changed', 'audit.appended', 'ready', 'reset']);
    expect(schema.items.properties.data.contentMediaType).toBe('application/json');
    const data = JSON.stringify(schema.items.properties.data.contentSchema);
    // A change carries the whole typed event, each kind with its declared detail.
    for (const field of ['virtualCardId', 'issuerCardRefId', 'cardholderId', 'previousState', '"event"', 'eventId', 'AGENT_ACTION', 'operationId', 'duplicateOf', 'HISTORY_GAP']) expect(data).toContain(field);
    expect(stream?.responses['401']).toEqual({ $ref: '#/components/responses/Error' });
  });

  it('lists the training calls under their own tag, with their bodies and the errors they can give', () => {
    const simulate = operationOf(endpoints.simulateTokenChange);
    expect(simulate?.tags).toEqual(['training']);
    expect(simulate?.security).toEqual([{ platformBearer: [] }]);
    expect(simulate?.requestBody?.content['application/json']?.schema).toMatchObject({
      required: expect.arrayContaining(['virtualCardId', 'action', 'source']),
      properties: { action: { enum: ['SUSPEND', 'RESUME', 'DELETE', 'DELETE_FROM_APP'] }, source: { enum: ['WALLET', 'TSP'] } },
    });
    expect(Object.keys(simulate?.responses ?? {})).toEqual(expect.arrayContaining(['200', '404', '409']));
    const inject = operationOf(endpoints.injectFault);
    expect(inject?.tags).toEqual(['training']);
    expect(JSON.stringify(inject?.requestBody)).toContain('timeout-after-work');
    expect(inject?.responses['201']).toBeDefined();
    expect(operationOf(endpoints.listFaults)?.responses['200']).toBeDefined();
    expect(operationOf(endpoints.clearFaults)?.responses['200']).toBeDefined();
    expect(doc.paths['/training/v1/faults']).toHaveProperty('post');
    expect(doc.paths['/training/v1/faults']).toHaveProperty('get');
    expect(doc.paths['/training/v1/faults']).toHaveProperty('delete');
  });

  it("puts the platform's callbacks under the platform's own credential, and requires a key on every state-changing call but the token endpoint and sign-in", () => {
    for (const endpoint of [endpoints.notifyVirtualCardChange, endpoints.requestCardDigitization, endpoints.notifyCardOperation]) {
      expect(operationOf(endpoint)?.security).toEqual([{ platformBearer: [] }]);
      expect(operationOf(endpoint)?.tags).toEqual(['platform-callbacks']);
    }
    const optional = (Object.values(endpoints) as Endpoint[]).filter((endpoint) => idempotencyKeyOf(endpoint) === 'optional').map((endpoint) => endpoint.operationId);
    expect(optional.sort()).toEqual(['oauthToken', 'signIn']);
    for (const endpoint of Object.values(endpoints) as Endpoint[]) {
      if (endpoint.method !== 'GET') expect(idempotencyKeyOf(endpoint), endpoint.operationId).not.toBe('none');
    }
  });

  it('is generated, pure and the same without a server', () => {
    const local = buildOpenApiDocument({ serverUrl: sandbox.baseUrl, title: doc.info.title });
    expect(JSON.parse(JSON.stringify(local))).toEqual(doc);
  });
});
