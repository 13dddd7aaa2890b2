import http from 'node:http';
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

export interface BackendHttp {
  readonly axios: AxiosInstance;
  /** Closes pooled connections (app quit, backend reconfigured, end of a test). */
  close(): void;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

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
  const instance = axios.create({
    baseURL: options.baseUrl,
    adapter: 'http',
    httpAgent,
    httpsAgent,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    headers: { [API_HEADERS.issuerId]: options.issuerId, accept: 'application/json' },
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
  return {
    axios: instance,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
};
