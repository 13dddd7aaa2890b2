/**
 * Keys that could reach an object's prototype if some code later merged the input into another
 * object. The schemas are strict, but this runs first so such input never reaches a parser either.
 */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/**
 * The contract carries JSON data. IPC's structured clone also carries a Date, Map, Set, RegExp,
 * typed array or Error, and a strict zod object takes any of them for `{}`: refused here instead.
 */
const isPlain = (value: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return Array.isArray(value) ? prototype === Array.prototype : prototype === Object.prototype || prototype === null;
};

/** Returns the path of the first forbidden key or object that is not plain data, or null. Deeper-than-sane input counts as forbidden. */
export const findForbiddenKey = (value: unknown, path = '', depth = 0): string | null => {
  if (value === null || typeof value !== 'object') return null;
  if (depth > MAX_DEPTH || !isPlain(value)) return path || '(root)';
  for (const key of Object.keys(value)) {
    const here = path ? `${path}.${key}` : key;
    if (FORBIDDEN.has(key)) return here;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], here, depth + 1);
    if (found !== null) return found;
  }
  return null;
};
