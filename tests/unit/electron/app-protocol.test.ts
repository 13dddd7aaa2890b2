import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CustomScheme } from 'electron';
import {
  APP_SCHEME_PRIVILEGES,
  createAppRequestHandler,
  enforceContentSecurityPolicy,
  registerAppScheme,
  serveAppProtocol,
  type HeaderInterceptor,
  type ResponseHeaders,
} from '../../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/core/static/content-security-policy';
import { resolveRendererPath } from '../../../electron/core/static/serve-renderer';

let root: string;
let handler: (request: Request) => Promise<Response>;

beforeAll(async () => {
  const parent = await mkdtemp(join(tmpdir(), 'token-desk-protocol-'));
  root = join(parent, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Token Desk</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1);');
  await writeFile(join(root, 'assets', 'app.css'), 'body{}');
  // A file beside the renderer folder that traversal would reach.
  await writeFile(join(parent, 'secret.txt'), 'do not serve');
  handler = createAppRequestHandler(root);
});

afterAll(async () => {
  await rm(join(root, '..'), { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => handler(new Request(`app://token-desk${path}`, init));

describe('app:// scheme registration', () => {
  it('is standard, secure and fetch-capable, and neither bypasses CSP nor enables CORS', () => {
    const registered: CustomScheme[][] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => void registered.push(schemes) });
    expect(registered).toEqual([[APP_SCHEME_PRIVILEGES]]);
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('app');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(APP_SCHEME_PRIVILEGES.privileges?.bypassCSP).toBeUndefined();
    expect(APP_SCHEME_PRIVILEGES.privileges?.corsEnabled).toBeUndefined();
    expect(APP_SCHEME_PRIVILEGES.privileges?.allowServiceWorkers).toBeUndefined();
  });

  it('hands the renderer handler to protocol.handle for the app scheme', async () => {
    const handle = vi.fn();
    serveAppProtocol({ handle }, root);
    expect(handle).toHaveBeenCalledWith('app', expect.any(Function));
    const registered = handle.mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    expect((await registered(new Request('app://token-desk/'))).status).toBe(200);
  });
});

describe('the app:// request handler', () => {
  it('serves the index page at / with the right content type', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>Token Desk</title>');
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it('answers HEAD without a body', async () => {
    const response = await get('/', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each([
    '/%252e%252e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets%5c..%5c..%5csecret.txt',
    '/%2e%2e%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '//etc/passwd',
    '/C:/Windows/win.ini',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('refuses %s with 400', async (path) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain('do not serve');
  });

  // The URL parser folds these dot segments before the handler sees the path (Chromium does the
  // same for a standard scheme), so they arrive as /secret.txt inside the folder: not found.
  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/assets/%2E%2E/%2e%2e/secret.txt'])(
    'never serves outside the folder for %s',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('do not serve');
    },
  );

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%252e%252e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/a%5c..%5csecret.txt',
    '/a\\..\\secret.txt',
    '//etc/passwd',
    '/C:/x',
    '/index.html\0',
    '/index.html%00',
    'index.html',
    '/./index.html',
  ])('refuses the raw path %s before any file is touched', (path) => {
    expect(resolveRendererPath(root, path).ok).toBe(false);
  });

  it('refuses POST with 405', async () => {
    const response = await get('/', { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers a missing file with 404', async () => {
    expect((await get('/nope.js')).status).toBe(404);
  });

  it('serves nothing for another host under the scheme', async () => {
    const response = await handler(new Request('app://other-host/'));
    expect(response.status).toBe(404);
  });

  it('sends the CSP and the security headers on every response, errors included', async () => {
    const responses = await Promise.all([
      get('/'),
      get('/assets/app.js'),
      get('/nope.js'),
      get('/%252e%252e/secret.txt'),
      get('/', { method: 'POST', body: 'x' }),
      handler(new Request('app://other-host/')),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 404, 400, 405, 404]);
    for (const response of responses) {
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('enforceContentSecurityPolicy', () => {
  const intercept = () => {
    let listener: Parameters<HeaderInterceptor['onHeadersReceived']>[0] | null = null;
    enforceContentSecurityPolicy({ onHeadersReceived: (l) => void (listener = l) });
    return (responseHeaders?: Record<string, string[]>): ResponseHeaders | undefined => {
      let result: ResponseHeaders | undefined;
      listener?.({ ...(responseHeaders ? { responseHeaders } : {}) }, (response) => {
        result = response.responseHeaders;
      });
      return result;
    };
  };

  it('adds the CSP to a response that had none, keeping other headers', () => {
    expect(intercept()({ 'Content-Type': ['text/html'] })).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
  });

  it('replaces a weaker CSP in any letter case', () => {
    const headers = intercept()({ 'content-security-policy': ["default-src *"], 'CONTENT-SECURITY-POLICY': ['script-src *'] });
    expect(headers).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('works when a response has no headers at all', () => {
    expect(intercept()()).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});
