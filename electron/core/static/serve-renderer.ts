import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { SECURITY_HEADERS } from './content-security-policy';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type ResolvedPath = { ok: true; file: string } | { ok: false; reason: string };

/**
 * Maps a request path to a file inside `root`, or refuses it. Refused: `..` segments (raw or
 * percent-encoded, once or twice), backslashes, NUL, absolute or drive paths, and anything that
 * would resolve outside `root`. `/` is the index page.
 */
export const resolveRendererPath = (root: string, pathname: string): ResolvedPath => {
  let decoded = pathname;
  // Decode until stable, so double-encoded traversal (%252e%252e) is seen for what it is.
  for (let i = 0; i < 3; i += 1) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return { ok: false, reason: 'malformed percent-encoding' };
    }
    if (next === decoded) break;
    decoded = next;
  }
  if (/%[0-9a-f]{2}/i.test(decoded)) return { ok: false, reason: 'encoded too many times' };
  if (decoded.includes('\0')) return { ok: false, reason: 'NUL in path' };
  if (decoded.includes('\\')) return { ok: false, reason: 'backslash in path' };
  if (!decoded.startsWith('/')) return { ok: false, reason: 'not an absolute URL path' };
  if (decoded.startsWith('//') || /^\/[A-Za-z]:/.test(decoded)) return { ok: false, reason: 'absolute file path' };
  const segments = decoded.split('/').slice(1);
  if (segments.some((segment) => segment === '..' || segment === '.')) return { ok: false, reason: 'dot segment' };
  const relative = decoded === '/' ? 'index.html' : segments.join('/');
  const base = resolve(root);
  const file = resolve(base, relative);
  if (file !== base && !file.startsWith(base + sep)) return { ok: false, reason: 'outside the renderer folder' };
  return { ok: true, file };
};

const plain = (status: number, text: string, extra: Record<string, string> = {}): Response =>
  new Response(text, { status, headers: { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...extra } });

/**
 * A fetch-style handler serving the built renderer: GET (and HEAD) only, with the security
 * headers on every response. Main hands it to `protocol.handle('app', …)`; the test bridge calls it
 * for its static files, so both serve the renderer under the same rules.
 */
export const createRendererHandler =
  (root: string) =>
  async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Method Not Allowed', { allow: 'GET, HEAD' });
    }
    let pathname: string;
    try {
      pathname = new URL(request.url).pathname;
    } catch {
      return plain(400, 'Bad Request');
    }
    const resolved = resolveRendererPath(root, pathname);
    if (!resolved.ok) return plain(400, 'Bad Request');
    let body: Buffer;
    try {
      body = await readFile(resolved.file);
    } catch {
      return plain(404, 'Not Found');
    }
    const type = CONTENT_TYPES[extname(resolved.file).toLowerCase()] ?? 'application/octet-stream';
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'content-type': type, 'content-length': String(body.length) },
    });
  };
