import type { FastifyInstance } from 'fastify';
import { ApiFailure } from './errors';

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * Parses an `application/x-www-form-urlencoded` body (the OAuth token request, RFC 6749 §4.1.3)
 * with the platform's URLSearchParams: no dependency. A parameter sent twice is refused, as
 * RFC 6749 §3.2 requires; Object.fromEntries defines keys such as `__proto__` as plain data.
 */
const parseForm = (text: string): Record<string, string> => {
  const entries = [...new URLSearchParams(text)];
  const seen = new Set<string>();
  for (const [key] of entries) {
    if (seen.has(key)) throw new ApiFailure('BAD_FORMAT', `${key}: sent more than once.`, key);
    seen.add(key);
  }
  return Object.fromEntries(entries);
};

export const addFormParser = (app: FastifyInstance): void => {
  app.addContentTypeParser(FORM_CONTENT_TYPE, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseForm(typeof body === 'string' ? body : body.toString('utf8')));
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)), undefined);
    }
  });
};
