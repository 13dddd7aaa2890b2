import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { failure, type Result } from '../../shared/contract';
import type { Core } from '../core/app-core';
import { dispatch, newCorrelationId } from '../core/ipc/dispatch';
import { createRendererHandler } from '../core/static/serve-renderer';
import { SECURITY_HEADERS } from '../core/static/content-security-policy';

/**
 * The test bridge: the IPC contract over HTTP on 127.0.0.1, backed by the real core services, so
 * the renderer can run in a plain browser for end-to-end tests. It is never packaged.
 *
 * Access needs the per-run token: `GET /__bridge/session?token=…` swaps it for an HttpOnly,
 * SameSite=Strict cookie, so the renderer itself never handles the token. Scripts may send it as
 * `Authorization: Bearer …` instead.
 */
export interface DevBridgeOptions {
  readonly core: Core;
  readonly token: string;
  readonly rendererDir: string;
  readonly port?: number;
}

export interface DevBridge {
  readonly origin: string;
  /** Opens a browser session: the URL that sets the cookie and lands on the console. */
  readonly sessionUrl: string;
  close(): Promise<void>;
}

const COOKIE = 'td_bridge';
const MAX_BODY_BYTES = 256 * 1024;
const CORRELATION_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const HEARTBEAT_MS = 15_000;

const sameSecret = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const cookieValue = (request: IncomingMessage, name: string): string | null => {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return null;
};

const sendJson = (response: ServerResponse, status: number, body: unknown, correlationId?: string): void => {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    ...(correlationId ? { 'x-correlation-id': correlationId } : {}),
  });
  response.end(JSON.stringify(body));
};

const readBody = (request: IncomingMessage): Promise<Buffer | 'too-large'> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });

export const startDevBridge = async (options: DevBridgeOptions): Promise<DevBridge> => {
  const { core, token } = options;
  const serveRenderer = createRendererHandler(options.rendererDir);
  let origin = '';

  const authorised = (request: IncomingMessage): boolean => {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ') && sameSecret(header.slice(7), token)) return true;
    const cookie = cookieValue(request, COOKIE);
    return cookie !== null && sameSecret(cookie, token);
  };

  const handleCall = async (request: IncomingMessage, response: ServerResponse, name: string): Promise<void> => {
    const supplied = request.headers['x-correlation-id'];
    const correlationId = typeof supplied === 'string' && CORRELATION_ID.test(supplied) ? supplied : newCorrelationId();
    // A browser always sends Origin on POST; a page on another origin must not drive the console.
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) {
      sendJson(response, 403, failure('FORBIDDEN_SENDER', correlationId), correlationId);
      return;
    }
    const body = await readBody(request);
    if (body === 'too-large') {
      sendJson(response, 200, failure('PAYLOAD_TOO_LARGE', correlationId), correlationId);
      return;
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      sendJson(response, 200, failure('INVALID_INPUT', correlationId), correlationId);
      return;
    }
    const result: Result<unknown> = await dispatch(core.services, name, input, { correlationId, origin: 'dev-bridge' }, core.logger);
    sendJson(response, 200, result, correlationId);
  };

  const handleEvents = (request: IncomingMessage, response: ServerResponse): void => {
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    const unsubscribe = core.events.subscribe((envelope) => {
      response.write(`data: ${JSON.stringify(envelope)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    request.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  };

  const handleStatic = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const answer = await serveRenderer(new Request(`${origin}${request.url ?? '/'}`, { method: request.method ?? 'GET' }));
    response.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
    response.end(Buffer.from(await answer.arrayBuffer()));
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === '/__bridge/health') {
      sendJson(response, 200, { ok: true });
      return;
    }
    if (url.pathname === '/__bridge/session' && request.method === 'GET') {
      const offered = url.searchParams.get('token') ?? '';
      if (!sameSecret(offered, token)) {
        sendJson(response, 401, { ok: false, reason: 'wrong or missing token' });
        return;
      }
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        location: '/',
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
      response.end();
      return;
    }
    if (!authorised(request)) {
      sendJson(response, 401, { ok: false, reason: 'open the session URL printed by the bridge first' });
      return;
    }
    const call = /^\/rpc\/([A-Za-z]+\.[A-Za-z]+)$/.exec(url.pathname);
    if (call?.[1] && request.method === 'POST') {
      await handleCall(request, response, call[1]);
      return;
    }
    if (url.pathname === '/events' && request.method === 'GET') {
      handleEvents(request, response);
      return;
    }
    await handleStatic(request, response);
  };

  const server: Server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      core.logger.error({ err: error, url: request.url }, 'test bridge request failed');
      if (!response.headersSent) sendJson(response, 500, failure('INTERNAL', newCorrelationId()));
      else response.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    sessionUrl: `${origin}/__bridge/session?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
