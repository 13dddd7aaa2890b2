import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random bearer secret (256 bits), URL-safe so it fits a header and the API's token pattern. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/**
 * What the store keeps instead of a bearer secret: its SHA-256. The secrets are random 256-bit
 * values, so a fast hash is enough (no guessing), and a leaked data file hands out no session.
 * Base64url rather than hex: hex digits would form long digit runs that look like card numbers.
 */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('base64url');

export const sameBytes = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);
