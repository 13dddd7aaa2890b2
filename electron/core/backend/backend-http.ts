import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { API_HEADERS } from '../../../shared/api/endpoints';

export interface BackendHttpOptions {
  readonly baseUrl: string;
  readonly issuerId: string;
  /**
   * Client certificate and key for mutual TLS, and the CA the server's certificate must chain to
   * (absent = the public roots). See config/tls-material.ts, which reads and checks them.
   */
  readonly tls?: { readonly cert?: Buffer; readonly key?: Buffer; readonly ca?: Buffer };
  /** Per attempt, not per request: retries get a fresh budget. */
  readonly timeoutMs?: number;
}

/** A long-lived GET whose body the caller reads as it arrives (server-sent events). */
export interface StreamRequest {
  /** The path and query, appended to the base URL as axios does. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Aborting destroys the request or the open response. */
  readonly signal: AbortSignal;
}

export interface StreamAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The body, unread: a stream for a 200, a short error body otherwise. */
  readonly body: IncomingMessage;
}

export interface BackendHttp {
  readonly axios: AxiosInstance;
  /**
   * Opens a streaming GET over the same agents, so the same mTLS material and CA apply, with the
   * same common headers. axios buffers whole bodies, which an endless event stream never has.
   * The timeout covers the wait for the response head only: once the stream is open, silence is
   * the caller's watchdog's business.
   */
  stream(request: StreamRequest): Promise<StreamAnswer>;
  /** Closes pooled connections (app quit, backend reconfigured, end of a test). */
  close(): void;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The axios instance for the Token Care API, Node http adapter. It resolves every status (the client
 * maps errors itself, from the body's category) and returns bodies as text (the client parses
 * and validates them, so a broken body becomes a typed error rather than a crash).
 */
export const createBackendHttp = (options: BackendHttpOptions): BackendHttp => {
  const httpAgent = new http.Agent({ keepAlive: true });
  const httpsAgent = new https.Agent({
    keepAlive: true,
    minVersion: 'TLSv1.2',
    ...(options.tls?.cert ? { cert: options.tls.cert } : {}),
    ...(options.tls?.key ? { key: options.tls.key } : {}),
    ...(options.tls?.ca ? { ca: options.tls.ca } : {}),
  });
  const commonHeaders = { [API_HEADERS.issuerId]: options.issuerId };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const instance = axios.create({
    baseURL: options.baseUrl,
    adapter: 'http',
    httpAgent,
    httpsAgent,
    timeout: timeoutMs,
    headers: { ...commonHeaders, accept: 'application/json' },
    // Environment proxies are not honoured: the bearer token and mTLS must not be diverted by an
    // inherited HTTPS_PROXY. A corporate proxy needs an explicit setting (not built yet).
    proxy: false,
    // A redirect could carry the bearer token to another host; the API never redirects.
    maxRedirects: 0,
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    // Timeouts surface as ETIMEDOUT, distinct from ECONNABORTED.
    transitional: { clarifyTimeoutError: true },
    maxContentLength: 10 * 1024 * 1024,
    maxBodyLength: 1024 * 1024,
  });
  const stream = (request: StreamRequest): Promise<StreamAnswer> =>
    new Promise((resolve, reject) => {
      const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}${request.path}`);
      const secure = url.protocol === 'https:';
      // Same rules as the axios instance: no proxy (none is configured on the agents), and a
      // redirect is not followed (Node's client never follows one) but answered as an error.
      const outgoing = (secure ? https : http).request(url, {
        method: 'GET',
        agent: secure ? httpsAgent : httpAgent,
        headers: { ...commonHeaders, ...request.headers },
        signal: request.signal,
        timeout: timeoutMs,
      });
      outgoing.once('timeout', () => outgoing.destroy(Object.assign(new Error('no response head in time'), { code: 'ETIMEDOUT' })));
      outgoing.once('response', (body) => {
        outgoing.setTimeout(0);
        resolve({ status: body.statusCode ?? 0, headers: body.headers, body });
      });
      // Kept after the head arrived: a late error is the body's to report, and must not go unhandled here.
      outgoing.on('error', reject);
      outgoing.end();
    });

  return {
    axios: instance,
    stream,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
};
