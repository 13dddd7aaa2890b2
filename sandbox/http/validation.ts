import type { z } from 'zod';
import { ApiFailure } from './errors';

export type InputPart = 'params' | 'query' | 'body' | 'headers';

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown => {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.hasOwn(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return value;
};

const fieldName = (part: InputPart, path: readonly PropertyKey[]): string =>
  path.length === 0 ? part : path.map((key) => String(key)).join('.');

/**
 * Checks one part of a request against its declared (strict) schema and answers a D error that
 * names the first offending field: 111 when it is missing, 112 when it is malformed or unknown.
 * zod's messages describe the expected form and never echo the value.
 */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown, part: InputPart): z.output<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ApiFailure('BAD_FORMAT', `The ${part} is not valid.`, part);
  if (issue.code === 'unrecognized_keys') {
    const field = fieldName(part, [...issue.path, issue.keys[0] ?? '']);
    throw new ApiFailure('BAD_FORMAT', `${field}: not a field of this request.`, field);
  }
  const field = fieldName(part, issue.path);
  if (valueAt(input, issue.path) === undefined) {
    throw new ApiFailure('MISSING_PARAMETER', `${field}: required.`, field);
  }
  throw new ApiFailure('BAD_FORMAT', `${field}: ${issue.message}`, field);
};
