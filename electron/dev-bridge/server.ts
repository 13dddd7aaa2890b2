import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { EVENTS_PATH, RPC_PATH, failure, type Result } from '../../shared/contract';
import type { Core } from '../core/app-core';
import { dispatch, newCorrelationId } from '../core/ipc/dispatch';
import { createRendererHandler } from '../core/static/serve-renderer';
import { SECURITY_HEADERS } from '../core/static/content-security-policy';
import type { TrainingControls } from './restartable-training-backend';

/**
 * The test bridge: the IPC contract over HTTP on 127.0.0.1, backed by the real core services, so
 * the renderer can run in a plain browser for end-to-end tests. It is never packaged.
 *
 * Access needs the per-run token: `GET /__bridge/session?token=…` swaps it for an HttpOnly,
 * SameSite=Strict cookie, so the renderer itself never handles the token. Scripts may send it as
 * `Authorization: Bearer …` instead.
 *
 * Test-only training controls, in training mode only (404 otherwise; main has none):
 * `GET /__bridge/training` answers the training backend's base URL and credentials, so a test can
 * call its /training/v1/simulate and /training/v1/faults with a JWT-bearer token of its own;
 * `POST /__bridge/training/restart` restarts it on the same port with the same key and data.
 *
 * `POST /__bridge/screen-pop` with `{ "link": "token-desk://call?…" }` hands a link to core as the
 * phone system's would reach main (the same parser, the same phone-call logic), for browser tests
 * and for trying a telephony template without installing the app.
 */
export interface DevBridgeOptions {
  readonly core: Core;
  readonly token: string;
  readonly rendererDir: string;
  readonly port?: number;
  /** The training backend's controls; absent in connected mode. */
  readonly training?: TrainingControls;
}

export interface DevBridge {
  readonly origin: string;
  /** Opens a browser session: the URL that sets the cookie and lands on the console. */
  readonly sessionUrl: string;
  close(): Promise<void>;
}

const COOKIE = 'td_bridge';
/**
 * Names the browser session for per-caller state (cancellable calls), as a window's id does in
 * main: each browser context that opens the session URL gets its own. Not a secret; scripts
 * without it share one caller.
 */
const CALLER_COOKIE = 'td_caller';
const CALLER_ID = /^[0-9a-f]{32}$/;
const SCRIPT_CALLER = 'bridge:script';
const MAX_BODY_BYTES = 256 * 1024;
const CORRELATION_ID = /^[A-Za-z0-9_.-]{1,64}$/;
/** What may follow RPC_PATH: a call's name shape (`area.verb`); dispatch then knows it or not. */
const CALL_NAME = /^[A-Za-z]+\.[A-Za-z]+$/;
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

/**
 * The request target as a URL on this server, or null. Browsers and fetch send a path (origin
 * form); the absolute form (`http://host/…`), `*`, an authority (`host:port`) and a path that the
 * URL parser reads as another host (`//x`, `/\x`) are refused before any route sees them, so none
 * can reach a handler under another name or break the static handler's URL building.
 */
const ownUrl = (target: string | undefined, origin: string): URL | null => {
  if (target === undefined || !target.startsWith('/')) return null;
  try {
    const url = new URL(target, origin);
    return url.origin === origin ? url : null;
  } catch {
    return null;
  }
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

  const callerOf = (request: IncomingMessage): string => {
    const id = cookieValue(request, CALLER_COOKIE);
    return id !== null && CALLER_ID.test(id) ? `bridge:${id}` : SCRIPT_CALLER;
  };

  // A browser always sends Origin on POST; a page on another origin must not drive the console.
  const foreignOrigin = (request: IncomingMessage): boolean => request.headers.origin !== undefined && request.headers.origin !== origin;

  const handleCall = async (request: IncomingMessage, response: ServerResponse, name: string): Promise<void> => {
    const supplied = request.headers['x-correlation-id'];
    const correlationId = typeof supplied === 'string' && CORRELATION_ID.test(supplied) ? supplied : newCorrelationId();
    if (foreignOrigin(request)) {
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
    const result: Result<unknown> = await dispatch(core.services, name, input, { correlationId, origin: 'dev-bridge', caller: callerOf(request) }, core.logger);
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

  const handleTraining = async (request: IncomingMessage, response: ServerResponse, path: string): Promise<void> => {
    const training = options.training;
    const running = training?.credentials() ?? null;
    if (!training || !running || core.mode !== 'training') {
      sendJson(response, 404, { ok: false, reason: 'training controls exist only while the bridge runs the training backend' });
      return;
    }
    if (path === '/__bridge/training' && request.method === 'GET') {
      sendJson(response, 200, { ...running, tokenUrl: `${running.baseUrl}/oauth2/token` });
      return;
    }
    if (path === '/__bridge/training/restart' && request.method === 'POST') {
      if (foreignOrigin(request)) {
        sendJson(response, 403, { ok: false, reason: 'not from the console\'s origin' });
        return;
      }
      // `?fresh=1`: from the seed again (restartableTrainingBackend's `fresh`).
      const fresh = new URL(request.url ?? '/', 'http://bridge').searchParams.get('fresh') === '1';
      const restarted = await training.restart({ fresh });
      sendJson(response, 200, { ok: true, baseUrl: restarted.baseUrl, fresh });
      return;
    }
    sendJson(response, 404, { ok: false, reason: 'no such training control' });
  };

  const handleScreenPop = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (foreignOrigin(request)) {
      sendJson(response, 403, { ok: false, reason: "not from the console's origin" });
      return;
    }
    const body = await readBody(request);
    let link: unknown;
    try {
      link = body === 'too-large' ? null : (JSON.parse(body.toString('utf8')) as { link?: unknown }).link;
    } catch {
      link = null;
    }
    if (typeof link !== 'string') {
      sendJson(response, 400, { ok: false, reason: 'send { "link": "token-desk://call?…" }' });
      return;
    }
    sendJson(response, 200, { ok: true, ...(await core.phoneCalls.screenPop(link, 'dev-bridge')) });
  };

  const handleStatic = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const answer = await serveRenderer(new Request(`${origin}${request.url ?? '/'}`, { method: request.method ?? 'GET' }));
    response.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
    response.end(Buffer.from(await answer.arrayBuffer()));
  };

  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = ownUrl(request.url, origin);
    if (url === null) {
      sendJson(response, 400, { ok: false, reason: 'the request target must be a path on this server' });
      return;
    }
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
      const caller = cookieValue(request, CALLER_COOKIE);
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        location: '/',
        'set-cookie': [
          `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          // Kept when the session URL is opened again, so the browser session stays one caller.
          `${CALLER_COOKIE}=${caller !== null && CALLER_ID.test(caller) ? caller : randomBytes(16).toString('hex')}; HttpOnly; SameSite=Strict; Path=/`,
        ],
      });
      response.end();
      return;
    }
    if (!authorised(request)) {
      sendJson(response, 401, { ok: false, reason: 'open the session URL printed by the bridge first' });
      return;
    }
    const callName = url.pathname.startsWith(RPC_PATH) ? url.pathname.slice(RPC_PATH.length) : null;
    if (callName !== null && CALL_NAME.test(callName) && request.method === 'POST') {
      await handleCall(request, response, callName);
      return;
    }
    if (url.pathname === EVENTS_PATH && request.method === 'GET') {
      handleEvents(request, response);
      return;
    }
    if (url.pathname === '/__bridge/screen-pop' && request.method === 'POST') {
      await handleScreenPop(request, response);
      return;
    }
    if (url.pathname === '/__bridge/training' || url.pathname.startsWith('/__bridge/training/')) {
      await handleTraining(request, response, url.pathname);
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

  // Without a listener Node drops a CONNECT without an answer; this bridge tunnels nothing.
  server.on('connect', (_request: IncomingMessage, socket: Duplex) => {
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
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
