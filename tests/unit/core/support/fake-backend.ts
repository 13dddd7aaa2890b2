import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair, jwtVerify, type CryptoKey } from 'jose';
import { JWT_BEARER_GRANT } from '../../../../shared/api/endpoints';

/**
 * A small Token Care backend for client tests: a token endpoint that verifies each client assertion
 * with jose against the workstation's public key (as the real one does), bearer checks, and routes
 * whose handlers a test writes, so faults (5xx, hangs, reset sockets, bad bodies) are exact.
 */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type RouteHandler = (request: RecordedRequest, response: ServerResponse, hit: number) => void | Promise<void>;

export interface VerifiedAssertion {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
}

export interface FakeBackendOptions {
  /** Serve https; with `requestCert` the server demands a client certificate signed by `ca`. */
  readonly tls?: { key: Buffer; cert: Buffer; ca: Buffer; requestCert: boolean };
  /** Seconds, as the token endpoint answers `expires_in`. */
  readonly tokenLifetime?: number;
  /** Holds each token answer back, so concurrent callers pile up behind one refresh. */
  readonly tokenDelayMs?: number;
}

export interface FakeBackend {
  readonly baseUrl: string;
  readonly tokenUrl: string;
  readonly issuerId: string;
  readonly clientId: string;
  readonly keyId: string;
  readonly privateKeyPem: string;
  readonly publicKey: CryptoKey;
  readonly assertions: VerifiedAssertion[];
  readonly tokenRequests: RecordedRequest[];
  /** API requests (everything but the token endpoint), in arrival order. */
  readonly requests: RecordedRequest[];
  route(method: string, path: string, handler: RouteHandler): void;
  hits(method: string, path: string): number;
  /** Makes every token issued so far invalid, as a key rotation or a server restart would. */
  revokeTokens(): void;
  close(): Promise<void>;
}

export const sendJson = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

export const sendError = (response: ServerResponse, status: number, code: string, category: 'D' | 'S' | 'F', message = code): void =>
  sendJson(response, status, { error: { code, category, message } });

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

export const startFakeBackend = async (options: FakeBackendOptions = {}): Promise<FakeBackend> => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(pair.publicKey);
  const keyId = await calculateJwkThumbprint(jwk);
  const privateKeyPem = await exportPKCS8(pair.privateKey);
  const issuerId = 'ISSUER0001';
  const clientId = 'workstation-client-1';

  const routes = new Map<string, RouteHandler>();
  const hitCounts = new Map<string, number>();
  const validTokens = new Set<string>();
  const seenJti = new Set<string>();
  const assertions: VerifiedAssertion[] = [];
  const tokenRequests: RecordedRequest[] = [];
  const requests: RecordedRequest[] = [];
  let tokenUrl = '';

  const tokenEndpoint = async (recorded: RecordedRequest, response: ServerResponse): Promise<void> => {
    tokenRequests.push(recorded);
    const form = new URLSearchParams(recorded.body);
    if (recorded.headers['content-type'] !== 'application/x-www-form-urlencoded' || form.get('grant_type') !== JWT_BEARER_GRANT) {
      sendError(response, 400, 'INVALID_GRANT', 'D');
      return;
    }
    const assertion = form.get('assertion') ?? '';
    try {
      const header = decodeProtectedHeader(assertion);
      if (header.kid !== keyId) throw new Error('unknown kid');
      const { payload } = await jwtVerify(assertion, pair.publicKey, {
        algorithms: ['ES256'],
        issuer: clientId,
        subject: clientId,
        audience: tokenUrl,
        requiredClaims: ['exp', 'iat', 'jti'],
      });
      if ((payload.exp ?? 0) - (payload.iat ?? 0) > 300) throw new Error('assertion lives too long');
      if (!payload.jti || seenJti.has(payload.jti)) throw new Error('jti replayed');
      seenJti.add(payload.jti);
      assertions.push({ header: { ...header }, payload: { ...payload } });
    } catch {
      sendError(response, 401, 'INVALID_CLIENT', 'D');
      return;
    }
    if (options.tokenDelayMs) await new Promise((resolve) => setTimeout(resolve, options.tokenDelayMs));
    const accessToken = randomBytes(32).toString('base64url');
    validTokens.add(accessToken);
    sendJson(response, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: options.tokenLifetime ?? 900 });
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const recorded: RecordedRequest = { method: request.method ?? 'GET', path: url.pathname + url.search, headers: request.headers, body: await readBody(request) };
    if (url.pathname === '/oauth2/token' && request.method === 'POST') {
      await tokenEndpoint(recorded, response);
      return;
    }
    requests.push(recorded);
    const key = `${recorded.method} ${url.pathname}`;
    const hit = (hitCounts.get(key) ?? 0) + 1;
    hitCounts.set(key, hit);
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !validTokens.has(bearer)) {
      sendError(response, 401, 'UNAUTHORIZED', 'D');
      return;
    }
    const handler = routes.get(key);
    if (!handler) {
      sendError(response, 404, 'NOT_FOUND', 'D');
      return;
    }
    await handler(recorded, response, hit);
  };

  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response).catch(() => {
      if (!response.headersSent) sendError(response, 500, 'SYSTEM_ERROR', 'S');
    });
  };
  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert, ca: options.tls.ca, requestCert: options.tls.requestCert, rejectUnauthorized: options.tls.requestCert }, listener)
    : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `${options.tls ? 'https' : 'http'}://${options.tls ? 'localhost' : '127.0.0.1'}:${port}`;
  tokenUrl = `${baseUrl}/oauth2/token`;

  return {
    baseUrl,
    tokenUrl,
    issuerId,
    clientId,
    keyId,
    privateKeyPem,
    publicKey: pair.publicKey,
    assertions,
    tokenRequests,
    requests,
    route(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    hits: (method, path) => hitCounts.get(`${method} ${path}`) ?? 0,
    revokeTokens: () => validTokens.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
