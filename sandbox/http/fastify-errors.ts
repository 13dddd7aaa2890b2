import { ApiFailure } from './errors';

interface FastifyLikeError {
  readonly code?: unknown;
  readonly statusCode?: unknown;
}

/**
 * Turns whatever reached Fastify's error handler into the API's error shape. Fastify's own
 * refusals (body too large, unknown content type, broken JSON) are data errors the caller can
 * fix; anything else is a system error the caller may retry.
 */
export const toApiFailure = (error: unknown): ApiFailure => {
  if (error instanceof ApiFailure) return error;
  const { code, statusCode } = (error ?? {}) as FastifyLikeError;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiFailure('PAYLOAD_TOO_LARGE', 'The body is larger than this API accepts (64 KB).', 'body');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiFailure('UNSUPPORTED_MEDIA_TYPE', 'This content type is not accepted here; send application/json.', 'content-type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiFailure('MISSING_PARAMETER', 'The body is empty; send a JSON object.', 'body');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiFailure('BAD_FORMAT', 'The content-length does not match the body.', 'content-length');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiFailure('BAD_FORMAT', 'The body is not valid JSON.', 'body');
    case 'FST_ERR_BAD_URL':
      return new ApiFailure('BAD_FORMAT', 'The URL is malformed.', 'url');
    default:
      break;
  }
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    // JSON syntax errors and prototype-poisoning refusals arrive as plain 400s.
    return new ApiFailure('BAD_FORMAT', 'The body is not valid JSON.', 'body');
  }
  return new ApiFailure('SYSTEM_ERROR', 'The training backend failed; try again.');
};
